import { DEFAULT_BOOSTER_RULES, DEFAULT_VACCINE_PRODUCTS } from "@/lib/domain/vaccines";
import type { DoseHistory, RuleTables } from "@/lib/domain/eligibility";
import { offerRefusal, optInRefusal } from "./eligibility";

const TABLES: RuleTables = { products: DEFAULT_VACCINE_PRODUCTS, boosterRules: DEFAULT_BOOSTER_RULES };
const TODAY = "2026-12-01";
const NOW = new Date("2026-12-01T01:00:00Z"); // 10:00 in Tokyo
const NONE: DoseHistory = { count: 0, lastDoseDate: null, lastProductCode: null };
const ON = { leftoverEnabled: true, leftoverMinAge: null };

describe("optInRefusal", () => {
  it("refuses everyone while the municipality has leftover offers off", () => {
    expect(optInRefusal({ settings: { ...ON, leftoverEnabled: false }, birthDate: "1970-01-01", history: NONE, tables: TABLES, today: TODAY })?.code).toBe("leftover_off");
  });

  it.each([
    // birthday 1961-12-01: 65 on the day itself (a birthday counts from its own day)
    ["1961-12-01", 65, null],
    ["1961-12-02", 65, "leftover_too_young"],
    ["2014-12-01", null, null], // 12 today, Pfizer allows 12+
    ["2016-01-01", null, null], // 10: the 5–11 product still fits
    ["2022-01-01", null, "no_next_dose"], // 4: no product for that age
  ])("birth date %s with minimum age %s → %s", (birthDate, minAge, expected) => {
    const refusal = optInRefusal({ settings: { ...ON, leftoverMinAge: minAge }, birthDate, history: NONE, tables: TABLES, today: TODAY });
    expect(refusal?.code ?? null).toBe(expected);
  });

  it("accepts a resident whose interval is still running (the offer waits), refuses one with no booster rule at all", () => {
    const dose2 = { count: 1, lastDoseDate: "2026-11-25", lastProductCode: "PFIZER" };
    expect(optInRefusal({ settings: ON, birthDate: "1970-01-01", history: dose2, tables: TABLES, today: TODAY })).toBeNull();
    const booster = { count: 2, lastDoseDate: "2026-10-01", lastProductCode: "PFIZER" };
    expect(optInRefusal({ settings: ON, birthDate: "1970-01-01", history: booster, tables: { ...TABLES, boosterRules: [] }, today: TODAY })?.code).toBe("no_next_dose");
  });
});

describe("offerRefusal", () => {
  const base = { settings: ON, birthDate: "1970-01-01", history: NONE, hasActiveReservation: false, tables: TABLES, productCode: "PFIZER", today: TODAY, now: NOW };

  it("accepts an eligible adult for dose 1", () => {
    expect(offerRefusal(base)).toBeNull();
  });

  it.each([
    ["an active reservation", { hasActiveReservation: true }, "active_reservation"],
    ["the municipality's minimum age", { settings: { ...ON, leftoverMinAge: 60 } }, "leftover_too_young"],
    ["the product's minimum age", { birthDate: "2015-06-01" }, "too_young"],
    // dose 1 on 2026-11-11: Pfizer's 21 days end on 2026-12-02
    ["the dose-2 interval (day 20)", { history: { count: 1, lastDoseDate: "2026-11-11", lastProductCode: "PFIZER" } }, "interval"],
    ["another product for dose 2", { history: { count: 1, lastDoseDate: "2026-11-01", lastProductCode: "MODERNA" } }, "different_product"],
  ])("refuses %s", (_what, overrides, code) => {
    expect(offerRefusal({ ...base, ...overrides })?.code).toBe(code);
  });

  it("accepts dose 2 on day 21", () => {
    expect(offerRefusal({ ...base, history: { count: 1, lastDoseDate: "2026-11-10", lastProductCode: "PFIZER" } })).toBeNull();
  });
});
