/** @jest-environment node */
import holidayJp from "@holiday-jp/holiday_jp";
import { and, count, eq } from "drizzle-orm";
import { migrateDatabase, openDatabase, type Database } from "@/db/client";
import { boosterIntervalRules, municipality, slots, staffAccounts, staffAccountVenues, vaccineProducts, venues, vouchers } from "@/db/schema";
import { DEMO_ACCOUNTS, DEMO_VOUCHERS, seedDemo, type DemoSummary } from "@/db/seed/demo";
import { initMunicipality } from "@/db/seed/reference";
import { addDays, ageOn, weekday } from "@/lib/domain/dates";
import { verifyPassword } from "@/lib/auth/password";
import { DEFAULT_BOOSTER_RULES, DEFAULT_VACCINE_PRODUCTS } from "@/lib/domain/vaccines";

// Golden week: 昭和の日 (4/29) and 憲法記念日〜振替休日 (5/3–5/6) fall inside the 28 days.
const TODAY = "2026-04-27";

let database: Database;
let first: DemoSummary;
let second: DemoSummary;

async function tableCounts() {
  const { db } = database;
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  return {
    venues: await n(db.select({ n: count() }).from(venues)),
    slots: await n(db.select({ n: count() }).from(slots)),
    vouchers: await n(db.select({ n: count() }).from(vouchers)),
    accounts: await n(db.select({ n: count() }).from(staffAccounts)),
    scopes: await n(db.select({ n: count() }).from(staffAccountVenues)),
    products: await n(db.select({ n: count() }).from(vaccineProducts)),
    boosterRules: await n(db.select({ n: count() }).from(boosterIntervalRules)),
  };
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: "memory" });
  await migrateDatabase(database);
  first = await seedDemo(database.db, { today: TODAY });
});

afterAll(async () => {
  await database?.close();
});

describe("seedDemo", () => {
  it("is idempotent: a second run leaves the same rows", async () => {
    const before = await tableCounts();
    const slotsBefore = await database.db.select().from(slots).orderBy(slots.id);
    const vouchersBefore = await database.db.select().from(vouchers).orderBy(vouchers.id);

    second = await seedDemo(database.db, { today: TODAY });

    const after = await tableCounts();
    expect(after).toEqual(before);
    expect(after).toMatchObject({
      venues: 3,
      vouchers: 1001,
      accounts: 5,
      scopes: 3,
      products: DEFAULT_VACCINE_PRODUCTS.length,
      boosterRules: DEFAULT_BOOSTER_RULES.length,
    });
    expect(after.slots).toBeGreaterThan(0);
    expect(after.slots).toBeLessThan(3000);
    expect(await database.db.select().from(slots).orderBy(slots.id)).toEqual(slotsBefore);
    expect(await database.db.select().from(vouchers).orderBy(vouchers.id)).toEqual(vouchersBefore);
    expect(second.counts).toEqual(first.counts);
    expect(second.vouchers).toEqual(first.vouchers);
  });

  it("sets up 八王子市 with the call-center details", async () => {
    const [row] = await database.db.select().from(municipality);
    expect(row).toMatchObject({ id: 1, code: "132012", name: "八王子市", callCenterPhone: "0120-000-000" });
    expect(row?.callCenterHours).not.toBe("");
    expect(row?.notices).not.toBe("");
  });

  it("puts no slot on a public holiday, and no clinic slot on a Sunday", async () => {
    const rows = await database.db
      .select({ date: slots.date, kind: venues.kind, code: venues.code, productCode: slots.productCode })
      .from(slots)
      .innerJoin(venues, eq(venues.id, slots.venueId));
    const last = addDays(TODAY, 27);
    for (const r of rows) {
      expect(holidayJp.isHoliday(r.date)).toBe(false);
      if (r.kind === "clinic") expect(weekday(r.date)).not.toBe(0);
      expect(r.date >= TODAY && r.date <= last).toBe(true);
    }
    const dates = new Set(rows.map((r) => r.date));
    for (const holiday of ["2026-04-29", "2026-05-04", "2026-05-06"]) expect(dates.has(holiday)).toBe(false);
    // The mass venue works on Sundays that are not holidays.
    expect(rows.some((r) => r.code === "M01" && r.date === "2026-05-10")).toBe(true);
    // Pediatric doses only on Saturdays at C02.
    const pediatric = rows.filter((r) => r.productCode === "PFIZER_PED");
    expect(pediatric.length).toBeGreaterThan(0);
    for (const r of pediatric) {
      expect(r.code).toBe("C02");
      expect(weekday(r.date)).toBe(6);
    }
  });

  it("stores the demo vouchers with their story relative to today", async () => {
    const get = async (code: string, number: string) =>
      (
        await database.db
          .select()
          .from(vouchers)
          .where(and(eq(vouchers.municipalityCode, code), eq(vouchers.voucherNumber, number)))
      )[0];
    expect(await get("132012", "1000000002")).toMatchObject({
      birthDate: "1985-07-15",
      priorDoseCount: 1,
      priorLastDoseDate: addDays(TODAY, -30),
      priorLastProductCode: "PFIZER",
    });
    expect(await get("132012", "1000000005")).toMatchObject({ priorDoseCount: 3, priorLastDoseDate: "2025-12-27" });
    const outOfArea = await get("131016", "2000000001");
    expect(outOfArea).toMatchObject({ birthDate: "1970-06-06", priorDoseCount: 0, priorLastDoseDate: null });
    expect(outOfArea?.registeredBy).not.toBeNull();
    expect(first.vouchers.map((v) => v.voucherNumber)).toEqual(DEMO_VOUCHERS.map((v) => v.voucherNumber));
  });

  it("generates varied vouchers: children to elderly, every dose history", async () => {
    const rows = await database.db.select().from(vouchers).where(eq(vouchers.municipalityCode, "132012"));
    expect(rows).toHaveLength(1000);
    const ages = rows.map((r) => ageOn(r.birthDate, TODAY));
    expect(ages.some((a) => a >= 5 && a <= 11)).toBe(true);
    expect(ages.some((a) => a >= 12 && a <= 19)).toBe(true);
    expect(ages.some((a) => a >= 65)).toBe(true);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(5);
    for (const doses of [0, 1, 2, 3]) expect(rows.some((r) => r.priorDoseCount === doses)).toBe(true);
    expect(rows.some((r) => r.priorDoseCount > 3)).toBe(true);
    for (const r of rows) {
      expect(r.priorDoseCount === 0).toBe(r.priorLastDoseDate === null);
      if (r.priorDoseCount === 1 && !DEMO_VOUCHERS.some((d) => d.voucherNumber === r.voucherNumber)) {
        const ago = -Math.round((Date.parse(r.priorLastDoseDate!) - Date.parse(TODAY)) / 86_400_000);
        expect(ago).toBeGreaterThanOrEqual(21);
        expect(ago).toBeLessThanOrEqual(60);
      }
    }
  });

  it("creates the demo accounts with their venue scope and the demo password", async () => {
    const rows = await database.db.select().from(staffAccounts).orderBy(staffAccounts.id);
    expect(rows.map((r) => [r.loginId, r.role, r.mustChangePassword])).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.loginId, a.role, false]),
    );
    const admin = rows.find((r) => r.loginId === "admin")!;
    expect(await verifyPassword(admin.passwordHash, "demo-password-2026")).toBe(true);
    const scopes = await database.db
      .select({ loginId: staffAccounts.loginId, venue: venues.code })
      .from(staffAccountVenues)
      .innerJoin(staffAccounts, eq(staffAccounts.id, staffAccountVenues.accountId))
      .innerJoin(venues, eq(venues.id, staffAccountVenues.venueId));
    expect(scopes.map((s) => `${s.loginId}:${s.venue}`).sort()).toEqual(["c01-staff:C01", "m01-manager:M01", "m01-staff:M01"]);
  });
});

describe("initMunicipality", () => {
  it("rejects a code with a wrong check digit", async () => {
    await expect(initMunicipality(database.db, "131017", "千代田区")).rejects.toThrow(/自治体コード/);
    const [row] = await database.db.select().from(municipality);
    expect(row?.code).toBe("132012");
  });

  it("keeps the settings and the admin's product edits when run again", async () => {
    await database.db.update(vaccineProducts).set({ dose2IntervalDays: 19 }).where(eq(vaccineProducts.code, "PFIZER"));
    await initMunicipality(database.db, "132012", "八王子市");
    const [row] = await database.db.select().from(municipality);
    expect(row?.callCenterPhone).toBe("0120-000-000");
    const [pfizer] = await database.db.select().from(vaccineProducts).where(eq(vaccineProducts.code, "PFIZER"));
    expect(pfizer?.dose2IntervalDays).toBe(19);
    const [rules] = await database.db.select({ n: count() }).from(boosterIntervalRules);
    expect(rules?.n).toBe(DEFAULT_BOOSTER_RULES.length);
  });
});
