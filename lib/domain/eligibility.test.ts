import {
  boosterRuleOn,
  changeDeadline,
  checkDoseRules,
  checkEligibility,
  checkOpening,
  checkSlotBookable,
  earliestDoseDate,
  isBeforeChangeDeadline,
  minimumDateFor,
  nextDoseNumber,
  type BookingOpening,
  type BookingSettings,
  type DoseHistory,
  type EligibilityInput,
  type EligibilityResult,
  type RefusalCode,
  type RuleTables,
  type SlotForEligibility,
} from "./eligibility";
import { DEFAULT_BOOSTER_RULES, DEFAULT_VACCINE_PRODUCTS, type BoosterIntervalRule, type VaccineProduct } from "./vaccines";

// Every expected date below was worked out by hand from SPEC.md, not by the code under test.

const PRODUCTS: readonly VaccineProduct[] = DEFAULT_VACCINE_PRODUCTS;
const TABLES: RuleTables = { products: PRODUCTS, boosterRules: DEFAULT_BOOSTER_RULES };

/** An admin who chose the medical minimum of 19 days for Pfizer. */
const PFIZER_19_DAYS: readonly VaccineProduct[] = PRODUCTS.map((p) =>
  p.code === "PFIZER" ? { ...p, dose2IntervalDays: 19 } : p,
);

/** 2026-12-01 (Tue) 10:00 in Tokyo. */
const NOW = new Date("2026-12-01T01:00:00Z");
const SETTINGS: BookingSettings = { sameDayBooking: false, bookingWindowDays: 30 };
const ADULT = "1980-04-01";

const NO_DOSES: DoseHistory = { count: 0, lastDoseDate: null, lastProductCode: null };

function history(count: number, lastDoseDate: string | null, lastProductCode: string | null): DoseHistory {
  return { count, lastDoseDate, lastProductCode };
}

function slot(overrides: Partial<SlotForEligibility> = {}): SlotForEligibility {
  return { date: "2026-12-22", startTime: "10:00:00", productCode: "PFIZER", status: "open", remaining: 10, ...overrides };
}

function input(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    birthDate: ADULT,
    history: NO_DOSES,
    hasActiveReservation: false,
    setLeader: null,
    slot: slot(),
    tables: TABLES,
    settings: SETTINGS,
    now: NOW,
    ...overrides,
  };
}

/** A dose number (accepted) or [refusal code, …fragments the Japanese reason must contain]. */
type Expected = number | readonly [RefusalCode, string, ...string[]];

function expectOutcome(result: EligibilityResult | null, expected: Expected): void {
  if (typeof expected === "number") {
    expect(result).toEqual({ ok: true, doseNumber: expected });
    return;
  }
  const [code, ...fragments] = expected;
  expect(result).toMatchObject({ ok: false, code });
  if (result && !result.ok) {
    expect(typeof result.reason).toBe("string");
    for (const fragment of fragments) expect(result.reason).toContain(fragment);
  }
}

describe("nextDoseNumber (rule 1)", () => {
  it.each([
    [0, 1],
    [1, 2],
    [2, 3],
    [4, 5],
  ])("%d doses given → dose %d", (count, expected) => {
    expect(nextDoseNumber(history(count, null, null))).toBe(expected);
  });
});

describe("boosterRuleOn: the rule in force on a date", () => {
  it.each([
    ["2021-11-30", null], // before boosters started
    ["2021-12-01", 8],
    ["2021-12-31", 8],
    ["2022-01-01", 7],
    ["2022-02-28", 7],
    ["2022-03-01", 6],
    ["2022-05-24", 6],
    ["2022-05-25", 5],
    ["2022-10-20", 5],
    ["2022-10-21", 3],
    ["2026-12-22", 3],
  ])("dose 3 on %s → %s months", (date, months) => {
    expect(boosterRuleOn(DEFAULT_BOOSTER_RULES, 3, date)?.intervalMonths ?? null).toBe(months);
    // general rules apply to every booster dose
    expect(boosterRuleOn(DEFAULT_BOOSTER_RULES, 5, date)?.intervalMonths ?? null).toBe(months);
  });

  const mixed: BoosterIntervalRule[] = [
    { effectiveFrom: "2022-01-01", doseNumber: null, intervalMonths: 6 },
    { effectiveFrom: "2022-05-25", doseNumber: null, intervalMonths: 7 },
    { effectiveFrom: "2022-05-25", doseNumber: 4, intervalMonths: 5 },
    { effectiveFrom: "2022-09-01", doseNumber: null, intervalMonths: 4 },
  ];
  it.each([
    [3, "2022-05-24", 6],
    [4, "2022-05-24", 6],
    [3, "2022-05-25", 7], // the dose-4 rule does not apply to dose 3
    [4, "2022-05-25", 5], // a rule for that dose wins a tie with a general rule
    [4, "2022-08-31", 5],
    [4, "2022-09-01", 4], // a newer general rule replaces an older dose-specific one
    [3, "2021-12-31", null],
  ])("mixed table: dose %d on %s → %s months (in either order)", (dose, date, months) => {
    expect(boosterRuleOn(mixed, dose, date)?.intervalMonths ?? null).toBe(months);
    expect(boosterRuleOn([...mixed].reverse(), dose, date)?.intervalMonths ?? null).toBe(months);
  });
});

describe("minimumDateFor", () => {
  const pfizer = PRODUCTS.find((p) => p.code === "PFIZER")!;
  const moderna = PRODUCTS.find((p) => p.code === "MODERNA")!;
  it.each([
    [2, "2026-12-01", pfizer, "2026-12-22", "2026-12-22"],
    [2, "2026-12-01", moderna, "2026-12-22", "2026-12-29"],
    [3, "2022-06-01", pfizer, "2022-10-20", "2022-11-01"], // 5 months in force on the slot date
    [3, "2022-06-01", pfizer, "2022-10-21", "2022-09-01"], // 3 months in force on the slot date
    [3, "2021-03-01", pfizer, "2021-11-30", null], // no booster rule yet
  ])("dose %d after %s (%o) judged on %s → %s", (dose, last, product, on, expected) => {
    expect(minimumDateFor(dose, last, product, DEFAULT_BOOSTER_RULES, on)).toBe(expected);
  });
});

describe("earliestDoseDate", () => {
  it.each([
    ["dose 1", 1, history(0, null, null), PRODUCTS, null],
    ["dose 2 without a known dose-1 date", 2, history(1, null, "PFIZER"), PRODUCTS, null],
    ["dose 2 after an unknown product", 2, history(1, "2026-12-01", "SPUTNIK"), PRODUCTS, null],
    ["Pfizer dose 2: 21 days", 2, history(1, "2026-12-01", "PFIZER"), PRODUCTS, "2026-12-22"],
    ["Pfizer dose 2, admin chose 19 days", 2, history(1, "2026-12-01", "PFIZER"), PFIZER_19_DAYS, "2026-12-20"],
    ["Pfizer 5–11 dose 2: 21 days", 2, history(1, "2026-12-01", "PFIZER_PED"), PRODUCTS, "2026-12-22"],
    ["Moderna dose 2: 28 days", 2, history(1, "2026-12-01", "MODERNA"), PRODUCTS, "2026-12-29"],
    ["Novavax dose 2: 21 days", 2, history(1, "2026-12-01", "NOVAVAX"), PRODUCTS, "2026-12-22"],
    ["AstraZeneca dose 2: 28 days", 2, history(1, "2026-12-01", "ASTRAZENECA"), PRODUCTS, "2026-12-29"],
    // boosters across the dated table
    ["booster before the table starts: its first day", 3, history(2, "2021-03-01", "PFIZER"), PRODUCTS, "2021-12-01"],
    ["8 months landing on the table's first day", 3, history(2, "2021-04-01", "PFIZER"), PRODUCTS, "2021-12-01"],
    ["7 months (January 2022 rule)", 3, history(2, "2021-06-15", "PFIZER"), PRODUCTS, "2022-01-15"],
    ["the 6-month rule's effective date", 3, history(2, "2021-08-15", "PFIZER"), PRODUCTS, "2022-03-01"],
    ["the 5-month rule's effective date", 3, history(2, "2021-12-24", "PFIZER"), PRODUCTS, "2022-05-25"],
    ["5 months, just before the 3-month rule", 3, history(2, "2022-05-20", "PFIZER"), PRODUCTS, "2022-10-20"],
    ["the 3-month rule's effective date (5 months would be 2022-11-01)", 3, history(2, "2022-06-01", "PFIZER"), PRODUCTS, "2022-10-21"],
    ["3 months after the rule took effect", 3, history(2, "2022-07-25", "MODERNA"), PRODUCTS, "2022-10-25"],
    ["dose 4 follows the same table", 4, history(3, "2022-06-01", "MODERNA"), PRODUCTS, "2022-10-21"],
    ["3 months into a day February lacks", 3, history(2, "2022-11-30", "PFIZER"), PRODUCTS, "2023-03-01"],
    ["3 months, 30 September → 30 December", 3, history(2, "2026-09-30", "PFIZER"), PRODUCTS, "2026-12-30"],
  ] as const)("%s", (_label, dose, h, products, expected) => {
    expect(earliestDoseDate(dose, h, products, DEFAULT_BOOSTER_RULES)).toBe(expected);
  });

  it("is null for a booster when no booster rule exists", () => {
    expect(earliestDoseDate(3, history(2, "2022-06-01", "PFIZER"), PRODUCTS, [])).toBeNull();
  });

  const doseSpecific: BoosterIntervalRule[] = [
    { effectiveFrom: "2021-12-01", doseNumber: null, intervalMonths: 6 },
    { effectiveFrom: "2022-05-25", doseNumber: 4, intervalMonths: 5 },
  ];
  it.each([
    [3, "2022-01-01", "2022-07-01"], // the dose-4 rule does not shorten dose 3
    [4, "2022-01-01", "2022-06-01"],
    [4, "2021-12-01", "2022-05-25"], // 6 months would be 2022-06-01; 5 months applies from 2022-05-25
  ])("dose-specific table: dose %d after %s → %s", (dose, last, expected) => {
    expect(earliestDoseDate(dose, history(dose - 1, last, "PFIZER"), PRODUCTS, doseSpecific)).toBe(expected);
  });

  it("agrees with checkDoseRules: its date is accepted and the day before is refused", () => {
    const lastDates: string[] = [];
    for (let t = Date.UTC(2021, 2, 1); t <= Date.UTC(2023, 0, 31); t += 5 * 86_400_000) {
      lastDates.push(new Date(t).toISOString().slice(0, 10));
    }
    lastDates.push("2021-08-31", "2022-05-31", "2022-08-31", "2022-10-31");
    for (const last of lastDates) {
      const h = history(2, last, "PFIZER");
      const earliest = earliestDoseDate(3, h, PRODUCTS, DEFAULT_BOOSTER_RULES)!;
      const base = { birthDate: ADULT, history: h, tables: TABLES };
      expect({ last, result: checkDoseRules(base, earliest, "PFIZER") }).toEqual({ last, result: { ok: true, doseNumber: 3 } });
      const dayBefore = new Date(Date.parse(`${earliest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect({ last, ok: checkDoseRules(base, dayBefore, "PFIZER").ok }).toEqual({ last, ok: false });
    }
  });
});

describe("checkDoseRules: dose 2 interval (rule 3, primary series)", () => {
  it.each([
    // product, products table, dose-1 date, slot date, expected
    ["PFIZER", PRODUCTS, "2026-12-01", "2026-12-21", ["interval", "21日以上", "2026年12月22日（火）"]], // day 20
    ["PFIZER", PRODUCTS, "2026-12-01", "2026-12-22", 2], // day 21: same weekday three weeks later
    ["PFIZER", PRODUCTS, "2026-12-01", "2026-12-01", ["interval", "2026年12月22日（火）"]], // same day
    ["PFIZER", PFIZER_19_DAYS, "2026-12-01", "2026-12-19", ["interval", "19日以上", "2026年12月20日（日）"]], // day 18
    ["PFIZER", PFIZER_19_DAYS, "2026-12-01", "2026-12-20", 2], // day 19, admin's choice
    ["MODERNA", PFIZER_19_DAYS, "2026-12-01", "2026-12-28", ["interval", "28日以上", "2026年12月29日（火）"]], // override is Pfizer only
    ["MODERNA", PRODUCTS, "2026-12-01", "2026-12-28", ["interval", "28日以上", "2026年12月29日（火）"]], // day 27
    ["MODERNA", PRODUCTS, "2026-12-01", "2026-12-29", 2], // day 28
    ["NOVAVAX", PRODUCTS, "2026-12-01", "2026-12-21", ["interval", "21日以上", "2026年12月22日（火）"]],
    ["NOVAVAX", PRODUCTS, "2026-12-01", "2026-12-22", 2],
    ["ASTRAZENECA", PRODUCTS, "2026-12-01", "2026-12-28", ["interval", "28日以上", "2026年12月29日（火）"]],
    ["ASTRAZENECA", PRODUCTS, "2026-12-01", "2026-12-29", 2],
    ["PFIZER", PRODUCTS, "2026-12-15", "2027-01-04", ["interval", "2027年1月5日（火）"]], // across the year end
    ["PFIZER", PRODUCTS, "2026-12-15", "2027-01-05", 2],
  ] as const)("%s dose 1 on %s… → slot %s", (code, products, dose1, slotDate, expected) => {
    const result = checkDoseRules(
      { birthDate: ADULT, history: history(1, dose1, code), tables: { products, boosterRules: DEFAULT_BOOSTER_RULES } },
      slotDate,
      code,
    );
    expectOutcome(result, expected);
  });

  it("a child's Pfizer 5–11 dose 2: day 20 refused, day 21 accepted", () => {
    const base = { birthDate: "2016-06-01", history: history(1, "2026-12-01", "PFIZER_PED"), tables: TABLES };
    expectOutcome(checkDoseRules(base, "2026-12-21", "PFIZER_PED"), ["interval", "2026年12月22日（火）"]);
    expectOutcome(checkDoseRules(base, "2026-12-22", "PFIZER_PED"), 2);
  });
});

describe("checkDoseRules: booster interval (rule 3, dated table, rule in force on the slot date)", () => {
  it.each([
    // dose, previous dose date, previous product, slot date, slot product, expected
    [3, "2022-06-01", "PFIZER", "2022-10-20", "PFIZER", ["interval", "5か月以上", "2022年10月21日（金）"]], // 5 months on 10-20
    [3, "2022-06-01", "PFIZER", "2022-10-21", "PFIZER", 3], // 3 months from 10-21
    [3, "2022-05-20", "PFIZER", "2022-10-19", "PFIZER", ["interval", "5か月以上", "2022年10月20日（木）"]],
    [3, "2022-05-20", "PFIZER", "2022-10-20", "PFIZER", 3], // exactly 5 months
    [3, "2021-12-24", "PFIZER", "2022-05-24", "PFIZER", ["interval", "6か月以上", "2022年5月25日（水）"]], // 6 months on 05-24
    [3, "2021-12-24", "PFIZER", "2022-05-25", "PFIZER", 3], // 5 months from 05-25
    [3, "2021-06-15", "PFIZER", "2022-01-14", "PFIZER", ["interval", "7か月以上", "2022年1月15日（土）"]],
    [3, "2021-06-15", "PFIZER", "2022-01-15", "PFIZER", 3],
    [3, "2021-04-30", "PFIZER", "2021-12-29", "PFIZER", ["interval", "8か月以上", "2021年12月30日（木）"]],
    [3, "2021-04-30", "PFIZER", "2021-12-30", "PFIZER", 3],
    // month arithmetic: a day the target month lacks → the 1st of the following month
    [3, "2022-08-31", "PFIZER", "2022-11-30", "PFIZER", ["interval", "3か月以上", "2022年12月1日（木）"]],
    [3, "2022-08-31", "PFIZER", "2022-12-01", "PFIZER", 3],
    [3, "2022-11-30", "MODERNA", "2023-02-28", "MODERNA", ["interval", "3か月以上", "2023年3月1日（水）"]],
    [3, "2022-11-30", "MODERNA", "2023-03-01", "MODERNA", 3],
    [4, "2023-11-30", "PFIZER", "2024-02-29", "PFIZER", ["interval", "3か月以上", "2024年3月1日（金）"]], // leap year, 30 Feb
    [4, "2023-11-29", "PFIZER", "2024-02-29", "PFIZER", 4], // 29 Feb exists in 2024
    // no rule in force yet on the slot date
    [3, "2021-03-01", "PFIZER", "2021-11-30", "PFIZER", ["no_booster_rule", "2021年11月30日（火）", "3回目"]],
  ] as const)("dose %d, previous %s (%s) → slot %s %s", (dose, last, lastProduct, slotDate, product, expected) => {
    const result = checkDoseRules({ birthDate: ADULT, history: history(dose - 1, last, lastProduct), tables: TABLES }, slotDate, product);
    expectOutcome(result, expected);
  });

  it("Aug 31 + 6 months is 1 March (admin table with 6 months)", () => {
    const tables: RuleTables = {
      products: PRODUCTS,
      boosterRules: [{ effectiveFrom: "2021-12-01", doseNumber: null, intervalMonths: 6 }],
    };
    const base = { birthDate: ADULT, history: history(2, "2022-08-31", "PFIZER"), tables };
    expectOutcome(checkDoseRules(base, "2023-02-28", "PFIZER"), ["interval", "6か月以上", "2023年3月1日（水）"]);
    expectOutcome(checkDoseRules(base, "2023-03-01", "PFIZER"), 3);
  });

  it("a dose-specific rule applies only to its dose", () => {
    const tables: RuleTables = {
      products: PRODUCTS,
      boosterRules: [
        { effectiveFrom: "2021-12-01", doseNumber: null, intervalMonths: 6 },
        { effectiveFrom: "2022-05-25", doseNumber: 4, intervalMonths: 5 },
      ],
    };
    expectOutcome(
      checkDoseRules({ birthDate: ADULT, history: history(2, "2022-01-01", "PFIZER"), tables }, "2022-06-01", "PFIZER"),
      ["interval", "6か月以上", "2022年7月1日（金）"],
    );
    expectOutcome(
      checkDoseRules({ birthDate: ADULT, history: history(3, "2022-01-01", "PFIZER"), tables }, "2022-06-01", "PFIZER"),
      4,
    );
  });

  it("a newer, longer rule: the slot-date rule's date is named (an earlier date under the old rule has passed)", () => {
    const tables: RuleTables = {
      products: PRODUCTS,
      boosterRules: [
        { effectiveFrom: "2021-12-01", doseNumber: null, intervalMonths: 3 },
        { effectiveFrom: "2022-06-01", doseNumber: null, intervalMonths: 8 },
      ],
    };
    const base = { birthDate: ADULT, history: history(2, "2022-01-15", "PFIZER"), tables };
    expectOutcome(checkDoseRules(base, "2022-05-31", "PFIZER"), 3); // 3 months, still in force
    expectOutcome(checkDoseRules(base, "2022-06-10", "PFIZER"), ["interval", "8か月以上", "2022年9月15日（木）"]);
    expectOutcome(checkDoseRules(base, "2022-09-15", "PFIZER"), 3);
  });

  it("refuses a booster when the previous dose date is unknown", () => {
    expectOutcome(
      checkDoseRules({ birthDate: ADULT, history: history(2, null, "PFIZER"), tables: TABLES }, "2026-12-22", "PFIZER"),
      ["interval", "前回の接種日", "コールセンター"],
    );
  });
});

describe("checkDoseRules: age on the slot date (rule 5)", () => {
  it.each([
    // product, birth date, slot date, expected
    ["PFIZER", "2014-12-22", "2026-12-21", ["too_young", "12歳以上", "11歳"]], // day before the 12th birthday
    ["PFIZER", "2014-12-22", "2026-12-22", 1], // the birthday
    ["MODERNA", "2014-12-22", "2026-12-21", ["too_young", "12歳以上"]],
    ["MODERNA", "2014-12-22", "2026-12-22", 1],
    ["NOVAVAX", "2014-12-22", "2026-12-21", ["too_young", "12歳以上"]],
    ["NOVAVAX", "2014-12-22", "2026-12-22", 1],
    ["PFIZER", "2012-02-29", "2024-02-28", ["too_young", "12歳以上"]], // 29 Feb birthday, leap year
    ["PFIZER", "2012-02-29", "2024-02-29", 1],
    ["PFIZER", "1930-01-01", "2026-12-22", 1], // no upper limit
    ["ASTRAZENECA", "1986-12-22", "2026-12-21", ["too_young", "40歳以上", "39歳"]],
    ["ASTRAZENECA", "1986-12-22", "2026-12-22", 1],
    ["PFIZER_PED", "2021-12-22", "2026-12-21", ["too_young", "5歳以上", "4歳"]],
    ["PFIZER_PED", "2021-12-22", "2026-12-22", 1],
    ["PFIZER_PED", "2016-02-29", "2021-02-28", ["too_young", "5歳以上"]], // 29 Feb birthday, common year
    ["PFIZER_PED", "2016-02-29", "2021-03-01", 1],
    ["PFIZER_PED", "2014-12-22", "2026-12-21", 1], // still 11
    ["PFIZER_PED", "2014-12-22", "2026-12-22", ["too_old", "5〜11歳", "12歳"]], // turns 12
    ["PFIZER_PED", "2012-02-29", "2024-02-28", 1],
    ["PFIZER_PED", "2012-02-29", "2024-02-29", ["too_old", "5〜11歳", "12歳"]],
  ] as const)("%s, born %s, slot %s", (code, birthDate, slotDate, expected) => {
    expectOutcome(checkDoseRules({ birthDate, history: NO_DOSES, tables: TABLES }, slotDate, code), expected);
  });

  it("dose 2 of Pfizer 5–11 for a child who turned 12 after dose 1 is accepted (age at dose 1 applies)", () => {
    const base = { birthDate: "2014-12-10", history: history(1, "2026-12-01", "PFIZER_PED"), tables: TABLES };
    expectOutcome(checkDoseRules(base, "2026-12-22", "PFIZER_PED"), 2);
  });

  it("… but dose 2 of the adult product for that child is refused (same product as dose 1)", () => {
    const base = { birthDate: "2014-12-10", history: history(1, "2026-12-01", "PFIZER_PED"), tables: TABLES };
    expectOutcome(checkDoseRules(base, "2026-12-22", "PFIZER"), ["different_product", "ファイザー (5〜11歳用)"]);
  });

  it("dose 2 of Pfizer 5–11 is refused when dose 1 was given at 12", () => {
    const base = { birthDate: "2014-11-01", history: history(1, "2026-12-01", "PFIZER_PED"), tables: TABLES };
    expectOutcome(checkDoseRules(base, "2026-12-22", "PFIZER_PED"), ["too_old", "5〜11歳"]);
  });

  it("a booster follows the age on the slot date: a 12-year-old gets the adult product", () => {
    const base = { birthDate: "2014-12-10", history: history(2, "2026-09-01", "PFIZER_PED"), tables: TABLES };
    expectOutcome(checkDoseRules(base, "2026-12-22", "PFIZER_PED"), ["too_old", "5〜11歳", "12歳"]);
    expectOutcome(checkDoseRules(base, "2026-12-22", "PFIZER"), 3);
  });
});

describe("checkDoseRules: product rules (rule 4)", () => {
  it.each([
    ["dose 2 of another product", history(1, "2026-12-01", "PFIZER"), "2026-12-29", "MODERNA", ["different_product", "同じワクチン", "ファイザー (コミナティ)"]],
    ["dose 2 of another product, before the interval too", history(1, "2026-12-01", "MODERNA"), "2026-12-21", "PFIZER", ["different_product", "武田/モデルナ (スパイクバックス)"]],
    ["dose 2 AstraZeneca after AstraZeneca", history(1, "2026-12-01", "ASTRAZENECA"), "2026-12-29", "ASTRAZENECA", 2],
    ["booster switching Pfizer → Moderna", history(2, "2026-06-01", "PFIZER"), "2026-12-22", "MODERNA", 3],
    ["booster switching Moderna → Novavax", history(2, "2026-06-01", "MODERNA"), "2026-12-22", "NOVAVAX", 3],
    ["booster switching AstraZeneca → Pfizer", history(2, "2026-06-01", "ASTRAZENECA"), "2026-12-22", "PFIZER", 3],
    ["dose 4 switching Moderna → Pfizer", history(3, "2026-06-01", "MODERNA"), "2026-12-22", "PFIZER", 4],
    ["AstraZeneca for dose 3", history(2, "2026-06-01", "ASTRAZENECA"), "2026-12-22", "ASTRAZENECA", ["booster_not_allowed", "アストラゼネカ", "3回目"]],
    ["AstraZeneca for dose 4", history(3, "2026-06-01", "PFIZER"), "2026-12-22", "ASTRAZENECA", ["booster_not_allowed", "4回目"]],
    ["an unknown product", NO_DOSES, "2026-12-22", "SPUTNIK", ["unknown_product", "登録されていません"]],
  ] as const)("%s", (_label, h, slotDate, code, expected) => {
    expectOutcome(checkDoseRules({ birthDate: ADULT, history: h, tables: TABLES }, slotDate, code), expected);
  });

  it("refuses a product the admin made inactive", () => {
    const products = PRODUCTS.map((p) => (p.code === "NOVAVAX" ? { ...p, active: false } : p));
    expectOutcome(
      checkDoseRules({ birthDate: ADULT, history: NO_DOSES, tables: { ...TABLES, products } }, "2026-12-22", "NOVAVAX"),
      ["product_inactive", "武田 (ヌバキソビッド)"],
    );
  });
});

describe("checkEligibility: active reservation and set booking (rule 2)", () => {
  it.each([
    ["an active reservation", { hasActiveReservation: true }, ["active_reservation", "すでに予約があります"]],
    ["an active reservation, setLeader null", { hasActiveReservation: true, setLeader: null }, ["active_reservation", "すでに予約があります"]],
    [
      "an active reservation even when everything else is wrong",
      { hasActiveReservation: true, birthDate: "2020-01-01", slot: slot({ status: "closed" }) },
      ["active_reservation", "すでに予約があります"],
    ],
    ["no active reservation", { hasActiveReservation: false }, 1],
  ] as const)("%s", (_label, overrides, expected) => {
    expectOutcome(checkEligibility(input(overrides)), expected);
  });

  it.each([
    // dose-1 slot of the set, dose-2 slot, expected
    [{ date: "2026-12-08", productCode: "PFIZER" }, slot({ date: "2026-12-28" }), ["interval", "21日以上", "2026年12月29日（火）"]], // day 20
    [{ date: "2026-12-08", productCode: "PFIZER" }, slot({ date: "2026-12-29" }), 2], // day 21
    [{ date: "2026-12-08", productCode: "MODERNA" }, slot({ date: "2027-01-04", productCode: "MODERNA" }), ["interval", "28日以上", "2027年1月5日（火）"]], // day 27
    [{ date: "2026-12-08", productCode: "MODERNA" }, slot({ date: "2027-01-05", productCode: "MODERNA" }), 2], // day 28
    [{ date: "2026-12-08", productCode: "PFIZER" }, slot({ date: "2027-01-05", productCode: "MODERNA" }), ["different_product", "ファイザー (コミナティ)"]],
  ] as const)("set booking: dose 1 on %o, dose 2 in %o", (setLeader, dose2Slot, expected) => {
    expectOutcome(
      checkEligibility(input({ hasActiveReservation: true, setLeader, slot: dose2Slot, settings: { ...SETTINGS, bookingWindowDays: 60 } })),
      expected,
    );
  });

  it("set booking for a child who turns 12 between the two slots keeps Pfizer 5–11", () => {
    expectOutcome(
      checkEligibility(
        input({
          birthDate: "2014-12-20",
          hasActiveReservation: true,
          setLeader: { date: "2026-12-08", productCode: "PFIZER_PED" },
          slot: slot({ date: "2026-12-29", productCode: "PFIZER_PED" }),
        }),
      ),
      2,
    );
  });

  it("a booster booked in October 2022 follows the rule in force on the slot date", () => {
    const octNow = new Date("2022-10-01T01:00:00Z");
    const base = { history: history(2, "2022-06-01", "PFIZER"), now: octNow, settings: { ...SETTINGS, bookingWindowDays: 60 } };
    expectOutcome(
      checkEligibility(input({ ...base, slot: slot({ date: "2022-10-20", productCode: "MODERNA" }) })),
      ["interval", "5か月以上", "2022年10月21日（金）"],
    );
    expectOutcome(checkEligibility(input({ ...base, slot: slot({ date: "2022-10-21", productCode: "MODERNA" }) })), 3);
  });
});

describe("checkEligibility: the slot (rule 6) and the booking window", () => {
  const SAME_DAY: BookingSettings = { ...SETTINGS, sameDayBooking: true };
  /** 2026-12-01 00:30 in Tokyo, still 2026-11-30 in UTC. */
  const JUST_AFTER_MIDNIGHT = new Date("2026-11-30T15:30:00Z");

  it.each([
    ["an open slot three weeks ahead", {}, 1],
    ["a closed slot", { slot: slot({ status: "closed" }) }, ["slot_closed", "受付を終了"]],
    ["yesterday", { slot: slot({ date: "2026-11-30" }) }, ["slot_past", "過去の日付"]],
    ["yesterday in Tokyo just after midnight (still today in UTC)", { now: JUST_AFTER_MIDNIGHT, slot: slot({ date: "2026-11-30", startTime: "23:00:00" }) }, ["slot_past", "過去の日付"]],
    ["today, same-day booking off", { slot: slot({ date: "2026-12-01", startTime: "14:00:00" }) }, ["same_day_closed", "当日の予約は受け付けていません"]],
    ["today in Tokyo just after midnight, same-day booking off", { now: JUST_AFTER_MIDNIGHT, slot: slot({ date: "2026-12-01", startTime: "14:00:00" }) }, ["same_day_closed", "当日"]],
    ["today, same-day on, starts 10:30 (now 10:00)", { settings: SAME_DAY, slot: slot({ date: "2026-12-01", startTime: "10:30:00" }) }, 1],
    ["today, same-day on, starts 10:01 (now 10:00)", { settings: SAME_DAY, slot: slot({ date: "2026-12-01", startTime: "10:01" }) }, 1],
    ["today, same-day on, starts 10:00 (now 10:00)", { settings: SAME_DAY, slot: slot({ date: "2026-12-01", startTime: "10:00:00" }) }, ["slot_started", "開始時刻を過ぎた"]],
    ["today, same-day on, started 09:30", { settings: SAME_DAY, slot: slot({ date: "2026-12-01", startTime: "09:30:00" }) }, ["slot_started", "開始時刻を過ぎた"]],
    ["today, same-day on, 09:00 slot at 00:30 Tokyo", { settings: SAME_DAY, now: JUST_AFTER_MIDNIGHT, slot: slot({ date: "2026-12-01", startTime: "09:00:00" }) }, 1],
    ["tomorrow", { slot: slot({ date: "2026-12-02", startTime: "09:00:00" }) }, 1],
    ["the last day of a 30-day window", { slot: slot({ date: "2026-12-31" }) }, 1],
    ["the day after the window", { slot: slot({ date: "2027-01-01" }) }, ["outside_window", "2026年12月31日（木）"]],
    ["the window counted from the Tokyo date just after midnight", { now: JUST_AFTER_MIDNIGHT, slot: slot({ date: "2026-12-31" }) }, 1],
    ["a 7-day window: day 7", { settings: { ...SETTINGS, bookingWindowDays: 7 }, slot: slot({ date: "2026-12-08" }) }, 1],
    ["a 7-day window: day 8", { settings: { ...SETTINGS, bookingWindowDays: 7 }, slot: slot({ date: "2026-12-09" }) }, ["outside_window", "2026年12月8日（火）"]],
    ["staff: outside the window", { ignoreWindow: true, slot: slot({ date: "2027-01-01" }) }, 1],
    ["staff: far outside the window", { ignoreWindow: true, slot: slot({ date: "2027-06-01" }) }, 1],
    ["staff: still not a past slot", { ignoreWindow: true, slot: slot({ date: "2026-11-30" }) }, ["slot_past", "過去の日付"]],
    ["staff: still not a closed slot", { ignoreWindow: true, slot: slot({ status: "closed" }) }, ["slot_closed", "受付を終了"]],
    ["staff: still not a started slot", { ignoreWindow: true, settings: SAME_DAY, slot: slot({ date: "2026-12-01", startTime: "09:30:00" }) }, ["slot_started", "開始時刻"]],
    ["staff: still not a full slot", { ignoreWindow: true, slot: slot({ remaining: 0 }) }, ["slot_full", "満員"]],
    ["one seat left", { slot: slot({ remaining: 1 }) }, 1],
    ["no seat left", { slot: slot({ remaining: 0 }) }, ["slot_full", "満員"]],
    ["overbooked", { slot: slot({ remaining: -1 }) }, ["slot_full", "満員"]],
  ] as const)("%s", (_label, overrides, expected) => {
    expectOutcome(checkEligibility(input(overrides)), expected);
  });

  it("checkSlotBookable returns null for a bookable slot", () => {
    expect(checkSlotBookable(slot(), SETTINGS, NOW)).toBeNull();
    expect(checkSlotBookable(slot({ date: "2027-01-01" }), SETTINGS, NOW, true)).toBeNull();
  });

  it("checkSlotBookable: window boundary day accepted, next day refused", () => {
    expect(checkSlotBookable(slot({ date: "2026-12-31" }), SETTINGS, NOW)).toBeNull();
    expectOutcome(checkSlotBookable(slot({ date: "2027-01-01" }), SETTINGS, NOW), ["outside_window", "2026年12月31日（木）"]);
  });

  it("the dose rules are judged before the slot", () => {
    expectOutcome(
      checkEligibility(input({ birthDate: "2014-12-22", slot: slot({ date: "2026-12-21", remaining: 0 }) })),
      ["too_young", "12歳以上"],
    );
  });
});

describe("checkOpening (opening date-time per target group)", () => {
  function opening(overrides: Partial<BookingOpening> & Pick<BookingOpening, "opensAt">): BookingOpening {
    return { label: "一般", minAge: null, maxAge: null, doseNumber: null, ...overrides };
  }

  it.each([
    ["no openings configured", undefined],
    ["an empty list", []],
  ] as const)("%s: open", (_label, openings) => {
    expect(checkOpening(openings, ADULT, 1, NOW)).toBeNull();
  });

  it.each([
    ["opened a minute ago", new Date("2026-12-01T00:59:00Z"), null],
    ["opens right now", new Date("2026-12-01T01:00:00Z"), null],
    ["opens in a minute", new Date("2026-12-01T01:01:00Z"), ["not_open_yet", "一般", "2026年12月1日（火） 10:01"]],
    ["opens on Saturday 09:30 Tokyo", new Date("2026-12-05T00:30:00Z"), ["not_open_yet", "一般の予約受付は", "2026年12月5日（土） 09:30"]],
    ["opens at Tokyo midnight (UTC the day before)", new Date("2026-12-04T15:00:00Z"), ["not_open_yet", "2026年12月5日（土） 00:00"]],
  ] as const)("%s", (_label, opensAt, expected) => {
    const result = checkOpening([opening({ opensAt })], ADULT, 1, NOW);
    if (expected === null) expect(result).toBeNull();
    else expectOutcome(result, expected);
  });

  const byAge: BookingOpening[] = [
    opening({ label: "65歳以上", minAge: 65, opensAt: new Date("2026-11-20T00:00:00Z") }),
    opening({ label: "12〜64歳", minAge: 12, maxAge: 64, opensAt: new Date("2026-12-10T00:00:00Z") }),
  ];
  it.each([
    ["76 years old", "1950-01-01", null],
    ["65 today", "1961-12-01", null],
    ["65 tomorrow (64 today)", "1961-12-02", ["not_open_yet", "12〜64歳", "2026年12月10日（木） 09:00"]],
    ["12 today", "2014-12-01", ["not_open_yet", "12〜64歳", "2026年12月10日（木） 09:00"]],
    ["10 years old: no group", "2016-01-01", ["not_open_yet", "開始されていません"]],
  ] as const)("by age: %s", (_label, birthDate, expected) => {
    const result = checkOpening(byAge, birthDate, 1, NOW);
    if (expected === null) expect(result).toBeNull();
    else expectOutcome(result, expected);
  });

  const byDose: BookingOpening[] = [
    opening({ label: "3回目", doseNumber: 3, opensAt: new Date("2026-11-01T00:00:00Z") }),
    opening({ label: "1回目", doseNumber: 1, opensAt: new Date("2026-12-15T03:00:00Z") }),
  ];
  it.each([
    [3, null],
    [1, ["not_open_yet", "1回目", "2026年12月15日（火） 12:00"]],
    [2, ["not_open_yet", "開始されていません"]],
  ] as const)("by dose: dose %d", (dose, expected) => {
    const result = checkOpening(byDose, ADULT, dose, NOW);
    if (expected === null) expect(result).toBeNull();
    else expectOutcome(result, expected);
  });

  it("several matching openings in the future: names the earliest", () => {
    const result = checkOpening(
      [
        opening({ label: "第2期", opensAt: new Date("2026-12-20T00:00:00Z") }),
        opening({ label: "第1期", opensAt: new Date("2026-12-10T00:00:00Z") }),
      ],
      ADULT,
      1,
      NOW,
    );
    expectOutcome(result, ["not_open_yet", "第1期", "2026年12月10日（木） 09:00"]);
  });

  it("one matching opening already open is enough", () => {
    const result = checkOpening(
      [
        opening({ label: "第2期", opensAt: new Date("2026-12-20T00:00:00Z") }),
        opening({ label: "第1期", opensAt: new Date("2026-11-10T00:00:00Z") }),
      ],
      ADULT,
      1,
      NOW,
    );
    expect(result).toBeNull();
  });

  it("checkEligibility refuses before the opening, except for staff", () => {
    const tables: RuleTables = { ...TABLES, openings: [opening({ opensAt: new Date("2026-12-05T00:30:00Z") })] };
    expectOutcome(checkEligibility(input({ tables })), ["not_open_yet", "2026年12月5日（土） 09:30"]);
    expectOutcome(checkEligibility(input({ tables, ignoreWindow: true })), 1);
    expectOutcome(checkEligibility(input({ tables, now: new Date("2026-12-05T00:30:00Z") })), 1);
  });
});

describe("changeDeadline / isBeforeChangeDeadline (e.g. the day before at 17:00 Tokyo)", () => {
  it.each([
    ["2026-12-22", 1, "17:00", "2026-12-21T08:00:00.000Z"],
    ["2026-12-22", 1, "17:00:00", "2026-12-21T08:00:00.000Z"],
    ["2027-01-01", 1, "17:00", "2026-12-31T08:00:00.000Z"], // across the year end
    ["2026-12-01", 1, "09:00", "2026-11-30T00:00:00.000Z"],
    ["2026-12-22", 2, "12:00", "2026-12-20T03:00:00.000Z"],
    ["2026-12-22", 0, "08:00", "2026-12-21T23:00:00.000Z"], // same day, morning: UTC the day before
  ])("slot %s, %d day(s) before at %s → %s", (slotDate, daysBefore, time, expected) => {
    expect(changeDeadline(slotDate, daysBefore, time).toISOString()).toBe(expected);
  });

  it.each([
    ["2026-12-21T00:00:00Z", true], // 09:00 the day before
    ["2026-12-21T07:59:00Z", true], // 16:59: one minute before
    ["2026-12-21T07:59:59.999Z", true],
    ["2026-12-21T08:00:00Z", false], // 17:00: at the deadline
    ["2026-12-21T08:01:00Z", false],
    ["2026-12-21T16:59:00Z", false], // 01:59 on the slot day (UTC would still say 16:59 the day before)
    ["2026-12-20T23:30:00Z", true], // 08:30 the day before (UTC says two days before)
  ])("slot 2026-12-22, now %s → %s", (iso, expected) => {
    expect(isBeforeChangeDeadline("2026-12-22", 1, "17:00", new Date(iso))).toBe(expected);
  });
});
