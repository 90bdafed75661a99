// Who may receive same-day leftover doses (余剰ワクチン): pure rules, no SQL.
// - Opting in is a standing wish: the resident must be old enough for the municipality's setting
//   today, and some active product must be able to give them their next dose on some day (the
//   interval may still be running: the offers then wait until it has passed).
// - An offer is for one product on today: rules 1–5 and the opening date, exactly as a booking.
import { ageOn, type IsoDate } from "@/lib/domain/dates";
import { checkDoseRules, checkVoucherRules, earliestDoseDate, nextDoseNumber, type DoseHistory, type RuleTables } from "@/lib/domain/eligibility";

export interface LeftoverRefusal {
  ok: false;
  code: "leftover_off" | "leftover_too_young" | "no_next_dose" | string;
  reason: string;
  params?: Record<string, string | number>;
}

export interface LeftoverSettings {
  leftoverEnabled: boolean;
  leftoverMinAge: number | null;
}

function tooYoung(birthDate: IsoDate, minAge: number | null, today: IsoDate): LeftoverRefusal | null {
  if (minAge === null || ageOn(birthDate, today) >= minAge) return null;
  return {
    ok: false,
    code: "leftover_too_young",
    reason: `余剰ワクチンのご案内は${minAge}歳以上の方が対象です。`,
    params: { minAge },
  };
}

/** Why this resident may not opt in today, or null when they may. */
export function optInRefusal(input: {
  settings: LeftoverSettings;
  birthDate: IsoDate;
  history: DoseHistory;
  tables: RuleTables;
  today: IsoDate;
}): LeftoverRefusal | null {
  if (!input.settings.leftoverEnabled) {
    return { ok: false, code: "leftover_off", reason: "現在、余剰ワクチンのご案内は行っていません。" };
  }
  const young = tooYoung(input.birthDate, input.settings.leftoverMinAge, input.today);
  if (young) return young;
  const nextDose = nextDoseNumber(input.history);
  const earliest = earliestDoseDate(nextDose, input.history, input.tables.products, input.tables.boosterRules);
  const judgeOn = earliest !== null && earliest > input.today ? earliest : input.today;
  const someProduct = input.tables.products
    .filter((p) => p.active)
    .some((p) => checkDoseRules({ birthDate: input.birthDate, history: input.history, tables: input.tables }, judgeOn, p.code).ok);
  if (someProduct) return null;
  return {
    ok: false,
    code: "no_next_dose",
    reason: "現在、次の接種を受けられるワクチンがないため、お申し込みいただけません。",
  };
}

/**
 * Whether an opted-in resident may be offered a leftover dose of `productCode` today: the
 * municipality's age setting, then rules 1–5 and the opening date, as the booking service judges them.
 */
export function offerRefusal(input: {
  settings: LeftoverSettings;
  birthDate: IsoDate;
  history: DoseHistory;
  hasActiveReservation: boolean;
  tables: RuleTables;
  productCode: string;
  today: IsoDate;
  now: Date;
}): LeftoverRefusal | null {
  const young = tooYoung(input.birthDate, input.settings.leftoverMinAge, input.today);
  if (young) return young;
  const verdict = checkVoucherRules({
    birthDate: input.birthDate,
    history: input.history,
    hasActiveReservation: input.hasActiveReservation,
    date: input.today,
    productCode: input.productCode,
    tables: input.tables,
    now: input.now,
  });
  return verdict.ok ? null : verdict;
}
