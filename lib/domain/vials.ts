// Opened vials must be used the same day (a Pfizer vial gives 6 doses, the others 10: the package
// inserts). From the seats booked for one venue, day and product: how many vials that opens, and how
// many doses of the last vial would be thrown away unless more residents come.

export interface VialPlan {
  /** Vials to open: ceil(doses / doses per vial). */
  vials: number;
  /** Doses left in the last opened vial: vials × doses per vial − doses. */
  wasted: number;
  /** More bookings that would use the last vial up (the same as `wasted`; 0 when nothing is open). */
  toFillLastVial: number;
}

/** `doses` booked (or administered) on one day at one venue, of a product with `dosesPerVial`. */
export function vialPlan(doses: number, dosesPerVial: number): VialPlan {
  if (!Number.isSafeInteger(doses) || doses < 0) throw new RangeError(`doses must be a whole number ≥ 0, got ${doses}`);
  if (!Number.isSafeInteger(dosesPerVial) || dosesPerVial < 1) throw new RangeError(`dosesPerVial must be a whole number ≥ 1, got ${dosesPerVial}`);
  const vials = Math.ceil(doses / dosesPerVial);
  const wasted = vials * dosesPerVial - doses;
  return { vials, wasted, toFillLastVial: wasted };
}

/** 「バイアル3本・残り2回分が廃棄見込み」, or 「バイアル2本・廃棄なし」, or 「予約なし（バイアル0本）」. */
export function vialSummaryJa(plan: VialPlan): string {
  if (plan.vials === 0) return "予約なし（バイアル0本）";
  if (plan.wasted === 0) return `バイアル${plan.vials}本・廃棄なし`;
  return `バイアル${plan.vials}本・残り${plan.wasted}回分が廃棄見込み`;
}

/** 「あと2人の予約で最後のバイアルを使い切れます」 when some of the last vial is left. */
export function vialHintJa(plan: VialPlan): string | null {
  if (plan.toFillLastVial === 0) return null;
  return `あと${plan.toFillLastVial}人の予約で最後のバイアルを使い切れます`;
}
