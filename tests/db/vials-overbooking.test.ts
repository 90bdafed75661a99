/** @jest-environment node */
// Issue 8, vial-aware capacity and overbooking, against the migrated schema: the venue's percentage
// reaches its slots through the trigger of migration 0011 (from today in Tokyo by the database's own
// clock, so these slots are dated from the real today), bookSlot honours the extra seats, and the
// grid, slot page and dashboard readers give the vials and wasted doses counted by hand.
import { and, eq } from "drizzle-orm";
import { auditLog, doseRecords, reservations, slots, vaccineProducts, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { bookSlot } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { loadDashboard } from "@/lib/dashboard/stats";
import { addDays, tokyoDate, tokyoInstant } from "@/lib/domain/dates";
import { overbookingRisk } from "@/lib/domain/overbooking";
import { updateVaccineProduct } from "@/lib/settings/vaccine-products";
import { getSlot, slotWeek } from "@/lib/slots/slot-week";
import { measureNoShow, setVenueOverbooking, typicalSlot, venueOverbooking } from "@/lib/venues/overbooking";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);

const realToday = () => tokyoDate(new Date());

async function slotRow(id: number) {
  const [row] = await t.db.select().from(slots).where(eq(slots.id, id));
  return row!;
}

async function bookOne(slotId: number, admin: StaffActor) {
  const voucher = await createVoucher(t.db);
  return bookSlot(t.db, { voucherId: voucher.id, slotId, actor: admin, channel: "operator" });
}

describe("overbooking through the venue's percentage", () => {
  it("10% on a 20-seat slot lets 22 bookings through and refuses the 23rd; back to 0 keeps the 22 and refuses the next", async () => {
    const venue = await createVenue(t.db);
    const admin = await createStaff(t.db, "admin");
    const slot = await createSlot(t.db, { venueId: venue.id, date: addDays(realToday(), 7), capacity: 20 });
    expect(await slotRow(slot.id)).toMatchObject({ overbookSeats: 0, seatsLeft: 20 });

    const set = await setVenueOverbooking(t.db, admin, venue.id, { overbookPercent: "10" });
    expect(set).toMatchObject({ ok: true, changed: true });
    expect(await slotRow(slot.id)).toMatchObject({ capacity: 20, overbookSeats: 2, seatsLeft: 22 });

    for (let i = 0; i < 22; i++) expect(await bookOne(slot.id, admin)).toMatchObject({ ok: true });
    expect(await slotRow(slot.id)).toMatchObject({ bookedCount: 22, seatsLeft: 0 });
    expect(await bookOne(slot.id, admin)).toMatchObject({ ok: false, code: "slot_full" });

    expect(await setVenueOverbooking(t.db, admin, venue.id, { overbookPercent: 0 })).toMatchObject({ ok: true, changed: true });
    expect(await slotRow(slot.id)).toMatchObject({ bookedCount: 22, overbookSeats: 2, seatsLeft: 0 });
    const active = await t.db.select().from(reservations).where(and(eq(reservations.slotId, slot.id), eq(reservations.status, "booked")));
    expect(active).toHaveLength(22);
    expect(await bookOne(slot.id, admin)).toMatchObject({ ok: false, code: "slot_full" });
    // A cancellation at 0% gives the extra seat up instead of letting the slot refill past its capacity.
    expect(await cancelReservation(t.db, { reservationId: active[0]!.id, actor: admin })).toMatchObject({ ok: true });
    expect(await slotRow(slot.id)).toMatchObject({ bookedCount: 21, overbookSeats: 1, seatsLeft: 0 });
    expect(await bookOne(slot.id, admin)).toMatchObject({ ok: false, code: "slot_full" });

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "venue.overbooking")).orderBy(auditLog.id);
    expect(audits.map((a) => [a.before, (a.after as Record<string, unknown>).overbookPercent])).toEqual([
      [{ overbookPercent: 0 }, 10],
      [{ overbookPercent: 10 }, 0],
    ]);
  });

  it("leaves past slots as they were and follows a capacity change on coming ones", async () => {
    const venue = await createVenue(t.db);
    const admin = await createStaff(t.db, "admin");
    const past = await createSlot(t.db, { venueId: venue.id, date: addDays(realToday(), -3), capacity: 20 });
    const today = await createSlot(t.db, { venueId: venue.id, date: realToday(), startTime: "23:30", endTime: "23:59", capacity: 20 });
    const coming = await createSlot(t.db, { venueId: venue.id, date: addDays(realToday(), 3), capacity: 30 });
    expect(await setVenueOverbooking(t.db, admin, venue.id, { overbookPercent: "15" })).toMatchObject({ ok: true, slotsFromToday: 2 });
    expect((await slotRow(past.id)).overbookSeats).toBe(0);
    expect((await slotRow(today.id)).overbookSeats).toBe(3);
    expect((await slotRow(coming.id)).overbookSeats).toBe(4); // floor(4.5)
    await t.db.update(slots).set({ capacity: 40 }).where(eq(slots.id, coming.id));
    expect((await slotRow(coming.id)).overbookSeats).toBe(6);
  });

  it("is the admin's alone, 0–20 whole percent, and an unchanged value writes no audit row", async () => {
    const venue = await createVenue(t.db);
    const admin = await createStaff(t.db, "admin");
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    const operator = await createStaff(t.db, "call_center");
    for (const actor of [manager, operator]) {
      expect(await setVenueOverbooking(t.db, actor, venue.id, { overbookPercent: 5 })).toMatchObject({ ok: false, code: "forbidden" });
    }
    for (const bad of ["21", "-1", "2.5", "abc", ""]) {
      expect(await setVenueOverbooking(t.db, admin, venue.id, { overbookPercent: bad })).toMatchObject({
        ok: false,
        code: "invalid_input",
        details: { fieldErrors: { overbookPercent: expect.stringContaining("0〜20") } },
      });
    }
    expect(await setVenueOverbooking(t.db, admin, venue.id, { overbookPercent: "２０％" })).toMatchObject({ ok: true, changed: true });
    expect(await setVenueOverbooking(t.db, admin, venue.id, { overbookPercent: 20 })).toMatchObject({ ok: true, changed: false });
    expect(await setVenueOverbooking(t.db, admin, 999999, { overbookPercent: 5 })).toMatchObject({ ok: false, code: "venue_not_found" });
    const [row] = await t.db.select().from(venues).where(eq(venues.id, venue.id));
    expect(row!.overbookPercent).toBe(20);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "venue.overbooking"))).toHaveLength(1);
  });
});

describe("the measured no-show rate and the risk beside the setting", () => {
  async function outcomes(slotId: number, productCode: string, statuses: Record<string, number>) {
    const voucher = await createVoucher(t.db);
    let i = 0;
    for (const [status, count] of Object.entries(statuses)) {
      for (let k = 0; k < count; k++) {
        await t.db.insert(reservations).values({ reservationNumber: `R${slotId}-${status}-${++i}`, voucherId: voucher.id, slotId, doseNumber: 1, productCode, channel: "web", status });
      }
    }
  }

  it("counts outcomes of the last 60 days before today only; 予診のみ counts as having come", async () => {
    const venue = await createVenue(t.db);
    const other = await createVenue(t.db);
    // NOW is 2026-12-01 (Tokyo): the window is 2026-10-02 … 2026-11-30.
    const d1 = await createSlot(t.db, { venueId: venue.id, date: "2026-11-30", capacity: 20 });
    const d2 = await createSlot(t.db, { venueId: venue.id, date: "2026-10-02", capacity: 30 });
    const tooOld = await createSlot(t.db, { venueId: venue.id, date: "2026-10-01", capacity: 20 });
    const today = await createSlot(t.db, { venueId: venue.id, date: "2026-12-01", capacity: 20 });
    const elsewhere = await createSlot(t.db, { venueId: other.id, date: "2026-11-30", capacity: 20 });
    await outcomes(d1.id, "PFIZER", { vaccinated: 14, screened_only: 2, no_show: 4, cancelled: 3 });
    await outcomes(d2.id, "PFIZER", { vaccinated: 8, no_show: 2 });
    await outcomes(tooOld.id, "PFIZER", { no_show: 10 });
    await outcomes(today.id, "PFIZER", { no_show: 5, vaccinated: 1 });
    await outcomes(elsewhere.id, "PFIZER", { no_show: 7 });
    const measured = await measureNoShow(t.db, venue.id, NOW);
    expect(measured).toMatchObject({ vaccinated: 22, screenedOnly: 2, noShow: 6, outcomes: 30, days: 2, reliable: false, from: "2026-10-02", to: "2026-11-30" });
    expect(measured.rate).toBeCloseTo(6 / 30, 12);
  });

  it("takes the median capacity of the coming slots, and the risk for the stored and each listed percentage", async () => {
    const venue = await createVenue(t.db);
    const admin = await createStaff(t.db, "admin");
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    const past = await createSlot(t.db, { venueId: venue.id, date: "2026-11-20", capacity: 50 });
    await outcomes(past.id, "PFIZER", { vaccinated: 90, no_show: 10 });
    for (const [i, capacity] of [10, 20, 20, 40].entries()) await createSlot(t.db, { venueId: venue.id, date: "2026-12-03", startTime: `1${i}:00`, endTime: `1${i}:30`, capacity });
    await t.db.update(venues).set({ overbookPercent: 10 }).where(eq(venues.id, venue.id));

    expect(await typicalSlot(t.db, venue.id, NOW)).toEqual({ capacity: 20, slots: 4, basis: "upcoming" });
    const view = await venueOverbooking(t.db, admin, venue.id, NOW);
    if (!view.ok) throw new Error(view.reason);
    expect(view.noShow).toMatchObject({ outcomes: 100, reliable: true, rate: 0.1 });
    expect(view.percent).toBe(10);
    expect(view.risk).toEqual(overbookingRisk(20, 10, 0.1));
    expect(view.risk!.probOverCapacity).toBeCloseTo(22 * 0.9 ** 21 * 0.1 + 0.9 ** 22, 12);
    expect(view.steps.map((s) => [s.percent, s.booked])).toEqual([
      [0, 20],
      [5, 21],
      [10, 22],
      [15, 23],
      [20, 24],
    ]);
    expect(view.canEdit).toBe(true);
    const seen = await venueOverbooking(t.db, manager, venue.id, NOW);
    expect(seen).toMatchObject({ ok: true, canEdit: false });
  });

  it("has no risk to show without outcomes, and refuses another venue's manager", async () => {
    const venue = await createVenue(t.db);
    const other = await createVenue(t.db);
    await createSlot(t.db, { venueId: venue.id, date: "2026-12-03", capacity: 20 });
    const admin = await createStaff(t.db, "admin");
    const stranger = await createStaff(t.db, "venue_manager", [other.id]);
    expect(await venueOverbooking(t.db, admin, venue.id, NOW)).toMatchObject({ ok: true, risk: null, steps: [], noShow: { rate: null, outcomes: 0, reliable: false } });
    expect(await venueOverbooking(t.db, stranger, venue.id, NOW)).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("vials on the slot grid and the slot page", () => {
  it("gives each day and product the vials its bookings open, the doses wasted and the overbooking and held seats", async () => {
    const venue = await createVenue(t.db);
    const admin = await createStaff(t.db, "admin");
    const day = addDays(realToday(), 7);
    const morning = await createSlot(t.db, { venueId: venue.id, date: day, startTime: "10:00", endTime: "10:30", capacity: 20 });
    const afternoon = await createSlot(t.db, { venueId: venue.id, date: day, startTime: "14:00", endTime: "14:30", capacity: 20 });
    const moderna = await createSlot(t.db, { venueId: venue.id, date: day, startTime: "10:00", endTime: "10:30", capacity: 20, productCode: "MODERNA" });
    const nextDay = await createSlot(t.db, { venueId: venue.id, date: addDays(day, 1), capacity: 20 });
    // Pfizer: 4 + 3 = 7 booked that day → 2 vials of 6, 5 doses wasted. Moderna: 10 → 1 vial, none. The next day: none.
    for (let i = 0; i < 4; i++) expect(await bookOne(morning.id, admin)).toMatchObject({ ok: true });
    for (let i = 0; i < 3; i++) expect(await bookOne(afternoon.id, admin)).toMatchObject({ ok: true });
    for (let i = 0; i < 10; i++) expect(await bookOne(moderna.id, admin)).toMatchObject({ ok: true });
    await setVenueOverbooking(t.db, admin, venue.id, { overbookPercent: 10 });
    await t.db.update(slots).set({ heldCount: 1 }).where(eq(slots.id, afternoon.id));

    const week = await slotWeek(t.db, admin, venue.id, day);
    if (!week.ok) throw new Error(week.reason);
    const vials = week.vials.filter((v) => v.date === day || v.date === addDays(day, 1));
    expect(vials.map((v) => [v.date, v.productCode, v.booked, v.dosesPerVial, v.vials, v.wasted, v.toFillLastVial])).toEqual(
      expect.arrayContaining([
        [day, "PFIZER", 7, 6, 2, 5, 5],
        [day, "MODERNA", 10, 10, 1, 0, 0],
        [addDays(day, 1), "PFIZER", 0, 6, 0, 0, 0],
      ]),
    );
    expect(vials).toHaveLength(3);
    expect(week.slots.find((s) => s.id === afternoon.id)).toMatchObject({ capacity: 20, bookedCount: 3, heldCount: 1, overbookSeats: 2, seatsLeft: 18, offerOnly: false });
    expect(week.slots.find((s) => s.id === nextDay.id)).toMatchObject({ overbookSeats: 2, seatsLeft: 22 });

    const page = await getSlot(t.db, admin, morning.id);
    expect(page).toMatchObject({ ok: true, dosesPerVial: 6, dayVials: { booked: 7, vials: 2, wasted: 5, toFillLastVial: 5 } });

    // 6 doses per vial → 7 per vial: the same 7 bookings fill one vial exactly.
    expect(await updateVaccineProduct(t.db, admin, "PFIZER", { ...(await pfizerFields()), dosesPerVial: "7" })).toMatchObject({ ok: true, changed: ["dosesPerVial"] });
    const after = await slotWeek(t.db, admin, venue.id, day);
    if (!after.ok) throw new Error(after.reason);
    expect(after.vials.find((v) => v.date === day && v.productCode === "PFIZER")).toMatchObject({ vials: 1, wasted: 0 });
  });
});

async function pfizerFields() {
  const [p] = await t.db.select().from(vaccineProducts).where(eq(vaccineProducts.code, "PFIZER"));
  return {
    name: p!.name,
    vrsMakerName: p!.vrsMakerName,
    minAge: String(p!.minAge),
    maxAge: p!.maxAge === null ? "" : String(p!.maxAge),
    dose2IntervalDays: String(p!.dose2IntervalDays),
    boosterAllowed: String(p!.boosterAllowed),
    active: String(p!.active),
    sortOrder: String(p!.sortOrder),
  };
}

describe("doses per vial as the admin edits them", () => {
  it("accepts 1–50 whole doses with an audit row, refuses the rest and keeps the value when the form leaves it out", async () => {
    const admin = await createStaff(t.db, "admin");
    const manager = await createStaff(t.db, "venue_manager");
    const base = await pfizerFields();
    for (const bad of ["0", "51", "2.5", "six", ""]) {
      expect(await updateVaccineProduct(t.db, admin, "PFIZER", { ...base, dosesPerVial: bad })).toMatchObject({
        ok: false,
        code: "invalid",
        details: { dosesPerVial: expect.stringContaining("1〜50") },
      });
    }
    expect(await updateVaccineProduct(t.db, manager, "PFIZER", { ...base, dosesPerVial: "5" })).toMatchObject({ ok: false });
    expect(await updateVaccineProduct(t.db, admin, "PFIZER", { ...base, dosesPerVial: "５" })).toMatchObject({ ok: true, changed: ["dosesPerVial"] });
    expect(await updateVaccineProduct(t.db, admin, "PFIZER", base)).toMatchObject({ ok: true, changed: [] });
    const [p] = await t.db.select().from(vaccineProducts).where(eq(vaccineProducts.code, "PFIZER"));
    expect(p!.dosesPerVial).toBe(5);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "vaccine_product.update"));
    expect(audit).toMatchObject({ entityId: "PFIZER", before: { dosesPerVial: 6 }, after: { dosesPerVial: 5 } });
  });
});

describe("doses wasted on the dashboard", () => {
  it("counts the doses given per venue, day and product on past days (void records and today left out), scoped to the account", async () => {
    const a = await createVenue(t.db, "A01");
    const b = await createVenue(t.db, "B01");
    const admin = await createStaff(t.db, "admin");
    const manager = await createStaff(t.db, "venue_manager", [b.id]);
    async function doses(venueId: number, administeredOn: string, productCode: string, count: number, voided = false) {
      for (let i = 0; i < count; i++) {
        const voucher = await createVoucher(t.db);
        await t.db.insert(doseRecords).values({ voucherId: voucher.id, doseNumber: 1, productCode, lotNumber: "LOT1", venueId, administeredOn, ...(voided ? { voidedAt: tokyoInstant(administeredOn, "18:00"), voidedByStaffId: admin.staffId, voidReason: "誤って記録" } : {}) });
      }
    }
    await doses(a.id, "2026-11-30", "PFIZER", 7); // 2 vials, 5 wasted
    await doses(a.id, "2026-11-30", "MODERNA", 10); // 1 vial, none
    await doses(b.id, "2026-11-29", "PFIZER", 6); // 1 vial, none …
    await doses(b.id, "2026-11-29", "PFIZER", 1, true); // … the voided one does not count
    await doses(b.id, "2026-11-28", "MODERNA", 11); // 2 vials, 9 wasted
    await doses(a.id, "2026-12-01", "PFIZER", 1); // today: still being used
    await doses(a.id, "2026-11-10", "PFIZER", 1); // before the range

    const result = await loadDashboard(t.db, admin, { now: NOW });
    if (!result.ok) throw new Error(result.reason);
    const { waste } = result;
    expect(waste.rows.map((r) => [r.date, r.venueName, r.productCode, r.administered, r.vials, r.wasted])).toEqual([
      ["2026-11-28", "会場B01", "MODERNA", 11, 2, 9],
      ["2026-11-29", "会場B01", "PFIZER", 6, 1, 0],
      ["2026-11-30", "会場A01", "MODERNA", 10, 1, 0],
      ["2026-11-30", "会場A01", "PFIZER", 7, 2, 5],
    ]);
    expect(waste.totals).toEqual({ administered: 34, vials: 6, wasted: 14 });
    // Days before today only: 2026-11-18 … 2026-11-30.
    expect(waste.days).toHaveLength(13);
    expect(waste.days.at(-1)).toEqual({ key: "2026-11-30", administered: 17, vials: 3, wasted: 5, byProduct: { PFIZER: 5, MODERNA: 0 } });
    expect(waste.days.find((d) => d.key === "2026-11-28")).toMatchObject({ wasted: 9, byProduct: { PFIZER: 0, MODERNA: 9 } });
    expect(waste.products.map((p) => [p.code, p.dosesPerVial])).toEqual([
      ["PFIZER", 6],
      ["MODERNA", 10],
    ]);

    const own = await loadDashboard(t.db, manager, { now: NOW });
    if (!own.ok) throw new Error(own.reason);
    expect(own.waste.totals).toEqual({ administered: 17, vials: 3, wasted: 9 });

    // A range of today only has no past day to report.
    const todayOnly = await loadDashboard(t.db, admin, { now: NOW, from: "2026-12-01", to: "2026-12-01" });
    expect(todayOnly).toMatchObject({ ok: true, waste: { days: [], rows: [], totals: { wasted: 0 } } });
  });

  it("gives remaining seats from seats_left, with the overbooking and held seats beside them", async () => {
    // The trigger measures "today" by the database's clock: this test runs on the real date.
    const day = addDays(realToday(), 1);
    const venue = await createVenue(t.db);
    await t.db.update(venues).set({ overbookPercent: 10 }).where(eq(venues.id, venue.id));
    const admin = await createStaff(t.db, "admin");
    const slot = await createSlot(t.db, { venueId: venue.id, date: day, capacity: 20 });
    await createSlot(t.db, { venueId: venue.id, date: day, startTime: "15:00", endTime: "15:30", capacity: 5, status: "closed" });
    await t.db.update(slots).set({ heldCount: 1, bookedCount: 4 }).where(eq(slots.id, slot.id));
    const result = await loadDashboard(t.db, admin, { now: new Date() });
    if (!result.ok) throw new Error(result.reason);
    expect(result.upcomingPerDay.find((d) => d.key === day)).toMatchObject({ capacity: 20, overbookSeats: 2, held: 1, remaining: 17 });
  });
});
