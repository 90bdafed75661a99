/** @jest-environment node */
// The resident's change and cancel flows: what their pages read from loadReservationView, and the
// actions' decisions (a repeated submit that finds its work done is a success) against real bookings
// and real services.
import { and, eq } from "drizzle-orm";
import { auditLog, reservations, slots } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { bookSet, bookSlot } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { checkIn } from "@/lib/booking/venue-operations";
import { cancelOwnReservation, changeOwnReservation, reservationNumberParam, slotIdParam } from "@/lib/resident/manage-reservation";
import { loadReservationView } from "@/lib/resident/reservation-view";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase(setupMunicipality);

const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });

async function slotCount(slotId: number) {
  const [row] = await t.db.select().from(slots).where(eq(slots.id, slotId));
  return row!.bookedCount;
}

async function reservationRow(id: number) {
  const [row] = await t.db.select().from(reservations).where(eq(reservations.id, id));
  return row!;
}

async function auditCount(action: string, reservationId: number) {
  const rows = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(reservationId))));
  return rows.length;
}

async function bookOne(options: { date?: string; startTime?: string } = {}) {
  const venue = await createVenue(t.db);
  const slot = await createSlot(t.db, { venueId: venue.id, date: options.date ?? "2026-12-10", startTime: options.startTime });
  const voucher = await createVoucher(t.db);
  const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
  if (!booked.ok) throw new Error(booked.reason);
  return { venue, slot, voucher, reservation: booked.reservation };
}

async function bookPair() {
  const venue = await createVenue(t.db);
  const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03" });
  const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24", startTime: "14:00", endTime: "14:30" });
  const voucher = await createVoucher(t.db);
  const set = await bookSet(t.db, { voucherId: voucher.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(voucher.id), channel: "web", now: NOW });
  if (!set.ok) throw new Error(set.reason);
  const [leader, follower] = set.reservations;
  return { venue, first, second, voucher, leader, follower };
}

describe("URL parameters", () => {
  it.each([
    ["123456789", true],
    ["12345678", false],
    ["1234567890", false],
    ["12345678a", false],
    ["", false],
  ])("reservation number %j → %s", (value, ok) => {
    expect(reservationNumberParam.safeParse(value).success).toBe(ok);
  });

  it.each([
    ["1", 1],
    ["42", 42],
    ["0", null],
    ["-1", null],
    ["1e3", null],
    [" 7", null],
    ["7.5", null],
    ["", null],
  ])("slot id %j → %s", (value, expected) => {
    const parsed = slotIdParam.safeParse(value);
    expect(parsed.success ? parsed.data : null).toBe(expected);
  });
});

describe("loadReservationView for the change and cancel pages", () => {
  it("finds the voucher's own reservation with its slot, venue and product names", async () => {
    const { venue, slot, voucher, reservation } = await bookOne();
    const view = await loadReservationView(t.db, voucher.id, reservation.reservationNumber, NOW);
    expect(view).toMatchObject({
      id: reservation.id,
      reservationNumber: reservation.reservationNumber,
      status: "booked",
      doseNumber: 1,
      slotId: slot.id,
      date: "2026-12-10",
      startTime: "10:00",
      endTime: "10:30",
      venue: { name: venue.name },
      productName: "ファイザー (コミナティ)",
      partner: null,
      cancelsPartner: false,
      blockedBy: null,
    });
    // The day before at 17:00 Tokyo (the default deadline).
    expect(view!.changeDeadline.toISOString()).toBe("2026-12-09T08:00:00.000Z");
  });

  it("does not find another voucher's reservation, an unknown number or a malformed one", async () => {
    const { reservation } = await bookOne();
    const other = await createVoucher(t.db);
    expect(await loadReservationView(t.db, other.id, reservation.reservationNumber, NOW)).toBeNull();
    expect(await loadReservationView(t.db, reservation.voucherId, "000000000", NOW)).toBeNull();
    expect(await loadReservationView(t.db, reservation.voucherId, `${reservation.reservationNumber}0`, NOW)).toBeNull();
  });

  it("gives each half of a set booking its partner; only dose 1 cancels the other", async () => {
    const { voucher, leader, follower } = await bookPair();
    const first = await loadReservationView(t.db, voucher.id, leader.reservationNumber, NOW);
    expect(first).toMatchObject({
      doseNumber: 1,
      cancelsPartner: true,
      partner: { reservationNumber: follower.reservationNumber, doseNumber: 2, status: "booked", date: "2026-12-24", startTime: "14:00" },
    });
    const second = await loadReservationView(t.db, voucher.id, follower.reservationNumber, NOW);
    expect(second).toMatchObject({
      doseNumber: 2,
      cancelsPartner: false,
      partner: { reservationNumber: leader.reservationNumber, doseNumber: 1, date: "2026-12-03" },
    });
    // Dose 2 cancelled on its own: dose 1 no longer takes anything with it.
    expect(await cancelReservation(t.db, { reservationId: follower.id, actor: resident(voucher.id), now: NOW })).toMatchObject({ ok: true });
    const after = await loadReservationView(t.db, voucher.id, leader.reservationNumber, NOW);
    expect(after).toMatchObject({ cancelsPartner: false, partner: { status: "cancelled" } });
  });

  it("says why it cannot be managed online: past the deadline, or no longer booked", async () => {
    const { voucher, reservation } = await bookOne({ date: "2026-12-02" });
    const justBefore = new Date("2026-12-01T07:59:00Z");
    const atDeadline = new Date("2026-12-01T08:00:00Z");
    expect(await loadReservationView(t.db, voucher.id, reservation.reservationNumber, justBefore)).toMatchObject({ blockedBy: null });
    expect(await loadReservationView(t.db, voucher.id, reservation.reservationNumber, atDeadline)).toMatchObject({ blockedBy: "deadline" });
    expect(await cancelReservation(t.db, { reservationId: reservation.id, actor: resident(voucher.id), now: NOW })).toMatchObject({ ok: true });
    expect(await loadReservationView(t.db, voucher.id, reservation.reservationNumber, NOW)).toMatchObject({ status: "cancelled", blockedBy: "status" });
  });
});

describe("changeOwnReservation", () => {
  it("moves the reservation keeping its number; a second submit is the same success and changes nothing more", async () => {
    const { venue, slot: a, voucher, reservation } = await bookOne();
    const b = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30" });
    const input = { voucherId: voucher.id, channel: "web" as const, reservationNumber: reservation.reservationNumber, newSlotId: b.id, now: NOW };
    expect(await changeOwnReservation(t.db, input)).toEqual({ ok: true, reservationNumber: reservation.reservationNumber, repeated: false });
    expect(await changeOwnReservation(t.db, input)).toEqual({ ok: true, reservationNumber: reservation.reservationNumber, repeated: true });
    expect(await reservationRow(reservation.id)).toMatchObject({ slotId: b.id, status: "booked" });
    expect(await slotCount(a.id)).toBe(0);
    expect(await slotCount(b.id)).toBe(1);
    expect(await auditCount("reservation.change", reservation.id)).toBe(1);
  });

  it("treats the repeat as success even when the service refuses it for the new slot's deadline", async () => {
    // 18:00 Tokyo: tomorrow's slot is still bookable but already past its own change deadline.
    const evening = new Date("2026-12-01T09:00:00Z");
    const { venue, voucher, reservation } = await bookOne();
    const tomorrow = await createSlot(t.db, { venueId: venue.id, date: "2026-12-02" });
    const input = { voucherId: voucher.id, channel: "web" as const, reservationNumber: reservation.reservationNumber, newSlotId: tomorrow.id, now: evening };
    expect(await changeOwnReservation(t.db, input)).toMatchObject({ ok: true, repeated: false });
    expect(await changeOwnReservation(t.db, input)).toMatchObject({ ok: true, repeated: true });
    expect(await slotCount(tomorrow.id)).toBe(1);
  });

  it("passes a refusal on and keeps the old slot (new slot full)", async () => {
    const { venue, slot: a, voucher, reservation } = await bookOne();
    const full = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30", capacity: 0 });
    const result = await changeOwnReservation(t.db, {
      voucherId: voucher.id,
      channel: "web",
      reservationNumber: reservation.reservationNumber,
      newSlotId: full.id,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, code: "slot_full" });
    expect(await reservationRow(reservation.id)).toMatchObject({ slotId: a.id, status: "booked" });
    expect(await slotCount(a.id)).toBe(1);
  });

  it("refuses another voucher's number, and a cancelled reservation is not \"already in that slot\"", async () => {
    const { slot: a, voucher, reservation } = await bookOne();
    const other = await createVoucher(t.db);
    // Someone else's number: not found, and nothing moves.
    expect(
      await changeOwnReservation(t.db, { voucherId: other.id, channel: "web", reservationNumber: reservation.reservationNumber, newSlotId: a.id, now: NOW }),
    ).toMatchObject({ ok: false, code: "reservation_not_found" });
    // A cancelled reservation is not "already in that slot".
    expect(await cancelReservation(t.db, { reservationId: reservation.id, actor: resident(voucher.id), now: NOW })).toMatchObject({ ok: true });
    expect(
      await changeOwnReservation(t.db, { voucherId: voucher.id, channel: "web", reservationNumber: reservation.reservationNumber, newSlotId: a.id, now: NOW }),
    ).toMatchObject({ ok: false, code: "not_changeable" });
  });

  it("refuses moving dose 1 of a set where its dose 2 would no longer fit", async () => {
    const { venue, voucher, leader } = await bookPair();
    // Dose 2 is on 12-24: dose 1 on 12-10 would need dose 2 on 12-31 or later.
    const late = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const result = await changeOwnReservation(t.db, { voucherId: voucher.id, channel: "web", reservationNumber: leader.reservationNumber, newSlotId: late.id, now: NOW });
    expect(result).toMatchObject({ ok: false, code: "set_follower_conflict" });
  });
});

describe("cancelOwnReservation", () => {
  it("cancels and frees the seat; a second submit is the same success and writes nothing more", async () => {
    const { slot, voucher, reservation } = await bookOne();
    const input = { voucherId: voucher.id, channel: "web" as const, reservationNumber: reservation.reservationNumber, now: NOW };
    expect(await cancelOwnReservation(t.db, input)).toEqual({ ok: true, reservationNumber: reservation.reservationNumber, repeated: false });
    expect(await cancelOwnReservation(t.db, input)).toEqual({ ok: true, reservationNumber: reservation.reservationNumber, repeated: true });
    expect(await reservationRow(reservation.id)).toMatchObject({ status: "cancelled" });
    expect(await slotCount(slot.id)).toBe(0);
    expect(await auditCount("reservation.cancel", reservation.id)).toBe(1);
  });

  it("cancels dose 2 with a set's dose 1", async () => {
    const { first, second, voucher, leader, follower } = await bookPair();
    expect(await cancelOwnReservation(t.db, { voucherId: voucher.id, channel: "web", reservationNumber: leader.reservationNumber, now: NOW })).toMatchObject({
      ok: true,
      repeated: false,
    });
    expect(await reservationRow(follower.id)).toMatchObject({ status: "cancelled" });
    expect(await slotCount(first.id)).toBe(0);
    expect(await slotCount(second.id)).toBe(0);
  });

  it("refuses past the deadline with the call-center number, and leaves the reservation booked", async () => {
    const { voucher, reservation } = await bookOne({ date: "2026-12-02" });
    const result = await cancelOwnReservation(t.db, {
      voucherId: voucher.id,
      channel: "web",
      reservationNumber: reservation.reservationNumber,
      now: new Date("2026-12-01T08:00:00Z"),
    });
    expect(result).toMatchObject({ ok: false, code: "past_deadline", params: { phone: "0120-000-000" } });
    if (!result.ok) expect(result.reason).toContain("0120-000-000");
    expect(await reservationRow(reservation.id)).toMatchObject({ status: "booked" });
  });

  it("refuses a checked-in reservation and another voucher's number", async () => {
    const { venue, voucher, reservation } = await bookOne();
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    // Checked in on the slot's day; the resident's later submit (sent from a page loaded before) must not read as done.
    expect(await checkIn(t.db, { reservationId: reservation.id, actor: staff, now: new Date("2026-12-10T00:30:00Z") })).toMatchObject({ ok: true });
    const other = await createVoucher(t.db);
    expect(
      await cancelOwnReservation(t.db, { voucherId: other.id, channel: "web", reservationNumber: reservation.reservationNumber, now: NOW }),
    ).toMatchObject({ ok: false, code: "reservation_not_found" });
    expect(
      await cancelOwnReservation(t.db, { voucherId: voucher.id, channel: "web", reservationNumber: reservation.reservationNumber, now: NOW }),
    ).toMatchObject({ ok: false, code: "not_cancellable" });
    expect(await reservationRow(reservation.id)).toMatchObject({ status: "checked_in" });
  });
});
