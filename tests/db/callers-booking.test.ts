/** @jest-environment node */
// Booking, changing and cancelling for a confirmed caller: the resident site's rules, the
// deadline overridden only when the municipality allows it and always with a reason.
import { and, eq } from "drizzle-orm";
import { auditLog, municipality, reservations, slots } from "@/db/schema";
import { issueCallerKey } from "@/lib/callers/caller-key";
import { bookForCaller, bookSetForCaller, callerSlotOptions, cancelForCaller, changeForCaller } from "@/lib/callers/act-for-caller";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-0123456789-0123456789-abcdef";
const t = setUpTestDatabase((db) => setupMunicipality(db, { bookingWindowDays: 7 }));

/** 2026-12-09 18:00 Tokyo: past the deadline (the day before 17:00) for a slot on 2026-12-10. */
const AFTER_DEADLINE = new Date("2026-12-09T09:00:00Z");

async function seats(slotId: number) {
  const [row] = await t.db.select().from(slots).where(eq(slots.id, slotId));
  return row!.bookedCount;
}

describe("booking for a caller", () => {
  it("books with the caller key (channel operator), beyond the residents' window", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    // 2026-12-20 is 19 days ahead: outside the residents' 7-day window, fine for staff.
    const far = await createSlot(t.db, { venueId: venue.id, date: "2026-12-20" });
    const voucher = await createVoucher(t.db);
    const key = issueCallerKey(operator, voucher.id, NOW);
    const options = await callerSlotOptions(t.db, operator, { key, filter: { from: "2026-12-01", to: "2026-12-31" }, now: NOW });
    expect(options).toMatchObject({ ok: true, options: [{ slotId: far.id, bookable: true }] });
    const booked = await bookForCaller(t.db, operator, { key, slotId: far.id, now: NOW });
    expect(booked).toMatchObject({ ok: true, reservation: { channel: "operator", createdByStaffId: operator.staffId } });
    // The rules still hold: a second booking is refused with the domain's reason.
    const again = await bookForCaller(t.db, operator, { key, slotId: far.id, now: NOW });
    expect(again).toMatchObject({ ok: false, code: "active_reservation" });
    const after = await callerSlotOptions(t.db, operator, { key, filter: { from: "2026-12-01", to: "2026-12-31" }, now: NOW });
    expect(after).toMatchObject({ ok: true, options: [{ bookable: false, code: "active_reservation" }] });
  });

  it("shows each slot's reason (too young) in the picker and refuses booking it", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const child = await createVoucher(t.db, { birthDate: "2018-01-01" });
    const key = issueCallerKey(operator, child.id, NOW);
    const options = await callerSlotOptions(t.db, operator, { key, filter: { from: "2026-12-01", to: "2026-12-31" }, now: NOW });
    expect(options).toMatchObject({ ok: true, options: [{ slotId: slot.id, bookable: false, code: "too_young" }] });
    expect(await bookForCaller(t.db, operator, { key, slotId: slot.id, now: NOW })).toMatchObject({ ok: false, code: "too_young" });
    expect(await seats(slot.id)).toBe(0);
  });

  it("venue managers pick and book only their own venue's slots", async () => {
    const own = await createVenue(t.db);
    const other = await createVenue(t.db);
    const ownSlot = await createSlot(t.db, { venueId: own.id });
    const otherSlot = await createSlot(t.db, { venueId: other.id });
    const manager = await createStaff(t.db, "venue_manager", [own.id]);
    const voucher = await createVoucher(t.db);
    const key = issueCallerKey(manager, voucher.id, NOW);
    const options = await callerSlotOptions(t.db, manager, { key, filter: { from: "2026-12-01", to: "2026-12-31" }, now: NOW });
    expect(options.ok && options.options.map((o) => o.slotId)).toEqual([ownSlot.id]);
    expect(await callerSlotOptions(t.db, manager, { key, filter: { from: "2026-12-01", to: "2026-12-31", venueId: other.id }, now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await bookForCaller(t.db, manager, { key, slotId: otherSlot.id, now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await seats(otherSlot.id)).toBe(0);
  });

  it("a key for one caller never acts on another caller's reservation", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const spare = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30" });
    const a = await createVoucher(t.db);
    const b = await createVoucher(t.db);
    const booked = await bookForCaller(t.db, operator, { key: issueCallerKey(operator, b.id, NOW), slotId: slot.id, now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const keyA = issueCallerKey(operator, a.id, NOW);
    expect(await cancelForCaller(t.db, operator, { key: keyA, reservationId: booked.reservation.id, now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await changeForCaller(t.db, operator, { key: keyA, reservationId: booked.reservation.id, newSlotId: spare.id, now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
    const [r] = await t.db.select().from(reservations).where(eq(reservations.id, booked.reservation.id));
    expect(r).toMatchObject({ status: "booked", slotId: slot.id });
  });

  it("セット予約 for a caller books dose 1 and dose 2 together", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const tooEarly = await createSlot(t.db, { venueId: venue.id, date: "2026-12-30" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-31" });
    const voucher = await createVoucher(t.db);
    const key = issueCallerKey(operator, voucher.id, NOW);
    const picker = await callerSlotOptions(t.db, operator, {
      key,
      filter: { from: "2026-12-11", to: "2026-12-31" },
      purpose: { kind: "set_second", first: { date: first.date, productCode: first.productCode } },
      now: NOW,
    });
    expect(picker).toMatchObject({ ok: true, options: [{ slotId: tooEarly.id, bookable: false, code: "interval" }, { slotId: second.id, bookable: true }] });
    const set = await bookSetForCaller(t.db, operator, { key, firstSlotId: first.id, secondSlotId: second.id, now: NOW });
    expect(set).toMatchObject({ ok: true, reservations: [{ doseNumber: 1, channel: "operator" }, { doseNumber: 2 }] });
  });
});

describe("the change/cancel deadline", () => {
  async function bookedReservation() {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const spare = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10", startTime: "11:00", endTime: "11:30" });
    const voucher = await createVoucher(t.db);
    const key = issueCallerKey(operator, voucher.id, AFTER_DEADLINE);
    const booked = await bookForCaller(t.db, operator, { key, slotId: slot.id, now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    return { operator, key, slot, spare, reservationId: booked.reservation.id };
  }

  it("past the deadline staff need a reason, and the override is audit-logged with it", async () => {
    const { operator, key, slot, reservationId } = await bookedReservation();
    expect(await cancelForCaller(t.db, operator, { key, reservationId, now: AFTER_DEADLINE })).toMatchObject({ ok: false, code: "past_deadline" });
    expect(await cancelForCaller(t.db, operator, { key, reservationId, overrideReason: "  ", now: AFTER_DEADLINE })).toMatchObject({ ok: false, code: "past_deadline" });
    expect(await cancelForCaller(t.db, operator, { key, reservationId, overrideReason: "入院のため", now: AFTER_DEADLINE })).toMatchObject({ ok: true });
    expect(await seats(slot.id)).toBe(0);
    const [row] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "reservation.cancel"), eq(auditLog.entityId, String(reservationId))));
    expect(row!.after).toMatchObject({ deadlineOverridden: true, overrideReason: "入院のため" });
  });

  it("before the deadline no override is recorded", async () => {
    const { operator, key, spare, reservationId } = await bookedReservation();
    expect(await changeForCaller(t.db, operator, { key, reservationId, newSlotId: spare.id, overrideReason: "念のため", now: NOW })).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "reservation.change"));
    expect(row!.after).toMatchObject({ deadlineOverridden: false, overrideReason: null });
  });

  it("when the municipality does not allow it, not even a reason overrides the deadline", async () => {
    const { operator, key, spare, slot, reservationId } = await bookedReservation();
    await t.db.update(municipality).set({ staffDeadlineOverride: false });
    expect(await cancelForCaller(t.db, operator, { key, reservationId, overrideReason: "入院のため", now: AFTER_DEADLINE })).toMatchObject({ ok: false, code: "override_not_allowed" });
    expect(await changeForCaller(t.db, operator, { key, reservationId, newSlotId: spare.id, overrideReason: "入院のため", now: AFTER_DEADLINE })).toMatchObject({ ok: false, code: "override_not_allowed" });
    const [r] = await t.db.select().from(reservations).where(eq(reservations.id, reservationId));
    expect(r).toMatchObject({ status: "booked", slotId: slot.id });
    expect(await seats(slot.id)).toBe(1);
  });
});
