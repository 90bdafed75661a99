// Eligibility rules 1–6 of SPEC.md as pure functions. Every channel asks these
// (through the booking service) and shows the Japanese reason they return.
import { addDays, addMonths, ageOn, daysBetween, formatDateJa, hhmm, tokyoDate, tokyoInstant, tokyoTime, type IsoDate } from "./dates";
import type { BoosterIntervalRule, VaccineProduct } from "./vaccines";

/** Doses already given: recorded by us or declared at voucher registration. */
export interface DoseHistory {
  count: number;
  lastDoseDate: IsoDate | null;
  lastProductCode: string | null;
}

export interface SlotForEligibility {
  date: IsoDate;
  /** 'HH:MM' or 'HH:MM:SS' */
  startTime: string;
  productCode: string;
  status: "open" | "closed";
  remaining: number;
}

export interface BookingOpening {
  label: string;
  minAge: number | null;
  maxAge: number | null;
  doseNumber: number | null;
  opensAt: Date;
}

export interface BookingSettings {
  sameDayBooking: boolean;
  bookingWindowDays: number;
}

export interface RuleTables {
  products: readonly VaccineProduct[];
  boosterRules: readonly BoosterIntervalRule[];
  openings?: readonly BookingOpening[];
}

export type RefusalCode =
  | "active_reservation"
  | "unknown_product"
  | "product_inactive"
  | "booster_not_allowed"
  | "different_product"
  | "too_young"
  | "too_old"
  | "interval"
  | "no_booster_rule"
  | "slot_closed"
  | "slot_past"
  | "same_day_closed"
  | "slot_started"
  | "outside_window"
  | "not_open_yet"
  | "slot_full"
  | "set_follower_conflict";

export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
  /** The values in `reason`, so another language can say the same (see lib/i18n/refusals). */
  params?: RefusalParams;
}

export type RefusalParams = Record<string, string | number>;

export interface Eligible {
  ok: true;
  doseNumber: number;
}

export type EligibilityResult = Eligible | Refusal;

function refuse(code: RefusalCode, reason: string, params?: RefusalParams): Refusal {
  return params ? { ok: false, code, reason, params } : { ok: false, code, reason };
}

/** Rule 1: the dose to book is one more than the doses given. */
export function nextDoseNumber(history: DoseHistory): number {
  return history.count + 1;
}

/** The booster rule in force on `date` for dose `doseNumber` (a rule for that dose wins a tie). */
export function boosterRuleOn(
  rules: readonly BoosterIntervalRule[],
  doseNumber: number,
  date: IsoDate,
): BoosterIntervalRule | null {
  let best: BoosterIntervalRule | null = null;
  for (const r of rules) {
    if (r.effectiveFrom > date) continue;
    if (r.doseNumber !== null && r.doseNumber !== doseNumber) continue;
    if (
      !best ||
      r.effectiveFrom > best.effectiveFrom ||
      (r.effectiveFrom === best.effectiveFrom && r.doseNumber !== null && best.doseNumber === null)
    ) {
      best = r;
    }
  }
  return best;
}

/**
 * Rule 3 for one candidate date: the first date dose `doseNumber` may be given when the
 * previous dose was on `lastDoseDate`, judged by the rule in force on `onDate`.
 * Returns null when no booster rule is in force on that date.
 */
export function minimumDateFor(
  doseNumber: number,
  lastDoseDate: IsoDate,
  lastProduct: VaccineProduct,
  boosterRules: readonly BoosterIntervalRule[],
  onDate: IsoDate,
): IsoDate | null {
  if (doseNumber === 2) return addDays(lastDoseDate, lastProduct.dose2IntervalDays);
  const rule = boosterRuleOn(boosterRules, doseNumber, onDate);
  return rule ? addMonths(lastDoseDate, rule.intervalMonths) : null;
}

/**
 * The earliest date dose `doseNumber` may be given at all, given the dated booster table
 * (each rule applies from its effective date until the next one). Null when no date qualifies.
 */
export function earliestDoseDate(
  doseNumber: number,
  history: DoseHistory,
  products: readonly VaccineProduct[],
  boosterRules: readonly BoosterIntervalRule[],
): IsoDate | null {
  if (doseNumber === 1 || !history.lastDoseDate) return null;
  const lastProduct = products.find((p) => p.code === history.lastProductCode);
  if (doseNumber === 2) {
    return lastProduct ? addDays(history.lastDoseDate, lastProduct.dose2IntervalDays) : null;
  }
  const applicable = boosterRules
    .filter((r) => r.doseNumber === null || r.doseNumber === doseNumber)
    .map((r) => r.effectiveFrom)
    .sort();
  const starts = [...new Set(applicable)];
  let earliest: IsoDate | null = null;
  for (let i = 0; i < starts.length; i++) {
    const segmentStart = starts[i]!;
    const segmentEnd = starts[i + 1] ?? null; // exclusive
    const rule = boosterRuleOn(boosterRules, doseNumber, segmentStart)!;
    const byInterval = addMonths(history.lastDoseDate, rule.intervalMonths);
    const candidate = byInterval > segmentStart ? byInterval : segmentStart;
    if (segmentEnd === null || candidate < segmentEnd) {
      if (earliest === null || candidate < earliest) earliest = candidate;
    }
  }
  return earliest;
}

export interface EligibilityInput {
  birthDate: IsoDate;
  history: DoseHistory;
  /** Rule 2: the voucher already has a booked or checked-in reservation. */
  hasActiveReservation: boolean;
  /**
   * Booking dose 2 as the second half of a set booking: the dose-1 reservation is for
   * this date and product, so it counts as the previous dose.
   */
  setLeader?: { date: IsoDate; productCode: string } | null;
  slot: SlotForEligibility;
  tables: RuleTables;
  settings: BookingSettings;
  now: Date;
  /** Staff may book outside the residents' window and before the opening date. */
  ignoreWindow?: boolean;
}

/** Rules 1–5: may this voucher receive its next dose of `productCode` on `date`? */
export function checkDoseRules(
  input: Pick<EligibilityInput, "birthDate" | "history" | "setLeader" | "tables">,
  date: IsoDate,
  productCode: string,
): EligibilityResult {
  const { tables } = input;
  const history: DoseHistory = input.setLeader
    ? { count: input.history.count + 1, lastDoseDate: input.setLeader.date, lastProductCode: input.setLeader.productCode }
    : input.history;
  const doseNumber = nextDoseNumber(history);

  const product = tables.products.find((p) => p.code === productCode);
  if (!product) return refuse("unknown_product", "このワクチンは登録されていません。");
  if (!product.active) return refuse("product_inactive", `${product.name}は現在、予約を受け付けていません。`, { product: product.name });
  if (doseNumber >= 3 && !product.boosterAllowed) {
    return refuse("booster_not_allowed", `${product.name}は${doseNumber}回目の接種には使えません。`, { product: product.name, dose: doseNumber });
  }

  // Rule 4: doses 1 and 2 of the same product.
  if (doseNumber === 2 && history.lastProductCode && history.lastProductCode !== productCode) {
    const first = tables.products.find((p) => p.code === history.lastProductCode);
    return refuse(
      "different_product",
      `1回目と2回目は同じワクチンで接種します。1回目は${first?.name ?? history.lastProductCode}でしたので、同じワクチンの予約枠を選んでください。`,
      { product: first?.name ?? history.lastProductCode },
    );
  }

  // Rule 5: age on the dose date; for dose 2 the child's product follows the age at dose 1.
  const ageDate = doseNumber === 2 && history.lastDoseDate ? history.lastDoseDate : date;
  const age = ageOn(input.birthDate, ageDate);
  if (age < product.minAge) {
    return refuse("too_young", `${product.name}は${product.minAge}歳以上の方が対象です（接種日に${ageOn(input.birthDate, date)}歳）。`, {
      product: product.name,
      minAge: product.minAge,
      age: ageOn(input.birthDate, date),
    });
  }
  if (product.maxAge !== null && age > product.maxAge) {
    return refuse("too_old", `${product.name}は${product.minAge}〜${product.maxAge}歳の方が対象です（接種日に${ageOn(input.birthDate, date)}歳）。`, {
      product: product.name,
      minAge: product.minAge,
      maxAge: product.maxAge,
      age: ageOn(input.birthDate, date),
    });
  }

  // Rule 3: the interval from the previous dose.
  if (doseNumber >= 2) {
    if (!history.lastDoseDate) {
      return refuse("interval", "前回の接種日が分からないため予約できません。コールセンターにお問い合わせください。");
    }
    const lastProduct = tables.products.find((p) => p.code === history.lastProductCode) ?? product;
    const minimum = minimumDateFor(doseNumber, history.lastDoseDate, lastProduct, tables.boosterRules, date);
    if (minimum === null) {
      return refuse("no_booster_rule", `${formatDateJa(date, true)}に${doseNumber}回目の接種を受けられる規定がありません。`, { date, dose: doseNumber });
    }
    if (date < minimum) {
      // A shorter rule may take effect before `minimum` (2022-10-21: 5 → 3 months): name the
      // first date that is really bookable, not the one the slot date's rule alone gives.
      const earliest = doseNumber === 2 ? null : earliestDoseDate(doseNumber, history, tables.products, tables.boosterRules);
      const firstBookable = earliest !== null && earliest > date ? earliest : minimum;
      const gap =
        doseNumber === 2
          ? `1回目から${lastProduct.dose2IntervalDays}日以上`
          : `前回の接種から${boosterRuleOn(tables.boosterRules, doseNumber, date)!.intervalMonths}か月以上`;
      return refuse(
        "interval",
        `${doseNumber}回目の接種は${gap}あける必要があります。${formatDateJa(firstBookable, true)}以降の日を選んでください。`,
        { dose: doseNumber, date: firstBookable },
      );
    }
  }
  return { ok: true, doseNumber };
}

/**
 * Moving dose 1 of a set to `leader` must keep its dose 2 (`follower`) valid: the interval and
 * product rules are judged as if dose 1 were given on the new date.
 */
export function checkSetFollower(
  input: Pick<EligibilityInput, "birthDate" | "history" | "tables">,
  leader: { date: IsoDate; productCode: string },
  follower: { date: IsoDate; productCode: string },
): Refusal | null {
  const check = checkDoseRules({ ...input, setLeader: leader }, follower.date, follower.productCode);
  if (check.ok) return null;
  return refuse("set_follower_conflict", `2回目の予約（${formatDateJa(follower.date)}）と合わなくなります。${check.reason}`, { date: follower.date });
}

/** Rule 6 and the booking window: can this slot be booked now? */
export function checkSlotBookable(
  slot: SlotForEligibility,
  settings: BookingSettings,
  now: Date,
  ignoreWindow = false,
): Refusal | null {
  const today = tokyoDate(now);
  if (slot.status !== "open") return refuse("slot_closed", "この予約枠は受付を終了しています。");
  if (slot.date < today) return refuse("slot_past", "過去の日付の予約枠は選べません。");
  if (slot.date === today) {
    if (!settings.sameDayBooking && !ignoreWindow) {
      return refuse("same_day_closed", "当日の予約は受け付けていません。翌日以降の予約枠を選んでください。");
    }
    if (hhmm(slot.startTime) <= tokyoTime(now)) {
      return refuse("slot_started", "この予約枠は開始時刻を過ぎたため予約できません。");
    }
  }
  if (!ignoreWindow && daysBetween(today, slot.date) > settings.bookingWindowDays) {
    return refuse(
      "outside_window",
      `この日の予約はまだ受け付けていません。予約できるのは${formatDateJa(addDays(today, settings.bookingWindowDays), true)}までです。`,
      { date: addDays(today, settings.bookingWindowDays) },
    );
  }
  if (slot.remaining <= 0) return refuse("slot_full", "この予約枠は満員です。別の予約枠を選んでください。");
  return null;
}

/** Opening date-time for target groups: with no openings configured, booking is open. */
export function checkOpening(
  openings: readonly BookingOpening[] | undefined,
  birthDate: IsoDate,
  doseNumber: number,
  now: Date,
): Refusal | null {
  if (!openings || openings.length === 0) return null;
  const age = ageOn(birthDate, tokyoDate(now));
  const matching = openings.filter(
    (o) =>
      (o.minAge === null || age >= o.minAge) &&
      (o.maxAge === null || age <= o.maxAge) &&
      (o.doseNumber === null || o.doseNumber === doseNumber),
  );
  if (matching.some((o) => o.opensAt.getTime() <= now.getTime())) return null;
  if (matching.length === 0) {
    return refuse("not_open_yet", "現在、あなたが対象の予約受付は開始されていません。");
  }
  const first = matching.reduce((a, b) => (a.opensAt < b.opensAt ? a : b));
  const date = tokyoDate(first.opensAt);
  const time = tokyoTime(first.opensAt);
  return refuse("not_open_yet", `${first.label}の予約受付は${formatDateJa(date, true)} ${time}から始まります。`, { label: first.label, date, time });
}

/** Rules 1–5 and the opening date for one voucher: everything but the slot's own state. */
export function checkVoucherRules(
  input: Omit<EligibilityInput, "slot" | "settings"> & { date: IsoDate; productCode: string },
): EligibilityResult {
  if (input.hasActiveReservation && !input.setLeader) {
    return refuse(
      "active_reservation",
      "すでに予約があります。予約の変更は「予約の確認・変更」から行ってください。",
    );
  }
  const dose = checkDoseRules(input, input.date, input.productCode);
  if (!dose.ok) return dose;
  if (!input.ignoreWindow) {
    const opening = checkOpening(input.tables.openings, input.birthDate, dose.doseNumber, input.now);
    if (opening) return opening;
  }
  return dose;
}

/** All of rules 1–6: may this voucher book this slot now? */
export function checkEligibility(input: EligibilityInput): EligibilityResult {
  const voucher = checkVoucherRules({ ...input, date: input.slot.date, productCode: input.slot.productCode });
  if (!voucher.ok) return voucher;
  return checkSlotBookable(input.slot, input.settings, input.now, input.ignoreWindow) ?? voucher;
}

/** Change/cancel deadline: `daysBefore` days before the slot date at `time` (Tokyo). */
export function changeDeadline(slotDate: IsoDate, daysBefore: number, time: string): Date {
  return tokyoInstant(addDays(slotDate, -daysBefore), time);
}

export function isBeforeChangeDeadline(slotDate: IsoDate, daysBefore: number, time: string, now: Date): boolean {
  return now.getTime() < changeDeadline(slotDate, daysBefore, time).getTime();
}
