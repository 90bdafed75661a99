/** @jest-environment node */
// The resident's reservation pages read one reservation: only the owner's, with the set partner
// and whether the web may still change or cancel it (tests/db/manage-reservation.test.ts adds what
// the change and cancel pages read).
import { eq } from "drizzle-orm";
import { municipality, reservations, venues } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { bookGroup, bookSet, bookSlot } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { loadReservationView } from "@/lib/resident/reservation-view";
import { setUpTestDatabase } from "./harness";
import { createSlot, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);

const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });

async function bookOne(voucherId: number, slotId: number): Promise<string> {
  const result = await bookSlot(t.db, { voucherId, slotId, actor: resident(voucherId), channel: "web", now: NOW });
  if (!result.ok) throw new Error(result.reason);
  return result.reservation.reservationNumber;
}

async function venueWithContact() {
  const venue = await createVenue(t.db);
  await t.db.update(venues).set({ address: "東京都八王子市元本郷町三丁目24番1号", phone: "042-626-3111" }).where(eq(venues.id, venue.id));
  return venue;
}

describe("loadReservationView", () => {
  it("gives the owner the reservation with its slot, venue and product", async () => {
    const venue = await venueWithContact();
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10", startTime: "10:00", endTime: "10:30" });
    const voucher = await createVoucher(t.db);
    const number = await bookOne(voucher.id, slot.id);

    const view = await loadReservationView(t.db, voucher.id, number, NOW);
    expect(view).toMatchObject({
      reservationNumber: number,
      status: "booked",
      doseNumber: 1,
      productCode: "PFIZER",
      productName: "ファイザー (コミナティ)",
      date: "2026-12-10",
      startTime: "10:00",
      endTime: "10:30",
      venue: { name: venue.name, address: "東京都八王子市元本郷町三丁目24番1号", phone: "042-626-3111" },
      guardianRequired: false,
      partner: null,
      mayChange: true,
    });
  });

  it("finds nothing for another voucher's number, an unknown number or a malformed one", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const owner = await createVoucher(t.db);
    const stranger = await createVoucher(t.db);
    const number = await bookOne(owner.id, slot.id);

    expect(await loadReservationView(t.db, stranger.id, number, NOW)).toBeNull();
    expect(await loadReservationView(t.db, owner.id, number, NOW)).not.toBeNull();
    // A valid number nobody holds (check digit right, body different).
    const unknown = number === "123456782" ? "876543214" : "123456782";
    expect(await loadReservationView(t.db, owner.id, unknown, NOW)).toBeNull();
    expect(await loadReservationView(t.db, owner.id, `${number.slice(0, 8)}${(Number(number[8]) + 1) % 10}`, NOW)).toBeNull();
    expect(await loadReservationView(t.db, owner.id, "../../etc", NOW)).toBeNull();
    expect(await loadReservationView(t.db, owner.id, "", NOW)).toBeNull();
  });

  it("allows change and cancel until the deadline the services enforce (the day before, 17:00)", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const voucher = await createVoucher(t.db);
    const number = await bookOne(voucher.id, slot.id);
    const deadline = new Date("2026-12-09T08:00:00Z"); // 2026-12-09 17:00 JST

    const before = await loadReservationView(t.db, voucher.id, number, new Date(deadline.getTime() - 1));
    expect(before?.changeDeadline).toEqual(deadline);
    expect(before?.mayChange).toBe(true);
    expect((await loadReservationView(t.db, voucher.id, number, deadline))?.mayChange).toBe(false);
    expect((await loadReservationView(t.db, voucher.id, number, deadline))?.blockedBy).toBe("deadline");
    expect((await loadReservationView(t.db, voucher.id, number, new Date("2026-12-10T01:00:00Z")))?.mayChange).toBe(false);
  });

  it("follows the municipality's deadline setting", async () => {
    await t.db.update(municipality).set({ cancelDeadlineDaysBefore: 3, cancelDeadlineTime: "12:00" }).where(eq(municipality.id, 1));
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const voucher = await createVoucher(t.db);
    const number = await bookOne(voucher.id, slot.id);
    const deadline = new Date("2026-12-07T03:00:00Z"); // 2026-12-07 12:00 JST

    expect((await loadReservationView(t.db, voucher.id, number, new Date(deadline.getTime() - 1)))?.mayChange).toBe(true);
    const at = await loadReservationView(t.db, voucher.id, number, deadline);
    expect(at?.changeDeadline).toEqual(deadline);
    expect(at?.mayChange).toBe(false);
  });

  it("still shows a cancelled reservation to its owner, without change or cancel", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const voucher = await createVoucher(t.db);
    const number = await bookOne(voucher.id, slot.id);
    const [row] = await t.db.select().from(reservations).where(eq(reservations.reservationNumber, number));
    const cancelled = await cancelReservation(t.db, { reservationId: row!.id, actor: resident(voucher.id), now: NOW });
    expect(cancelled.ok).toBe(true);

    const view = await loadReservationView(t.db, voucher.id, number, NOW);
    expect(view).toMatchObject({ status: "cancelled", mayChange: false, blockedBy: "status" });
  });

  it("lists the other half of a set booking from either side", async () => {
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03", startTime: "09:00", endTime: "09:30" });
    // Pfizer: dose 2 three weeks later, the same weekday.
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24", startTime: "14:00", endTime: "14:30" });
    const voucher = await createVoucher(t.db);
    const set = await bookSet(t.db, { voucherId: voucher.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!set.ok) throw new Error(set.reason);
    const [dose1, dose2] = set.reservations;

    const leader = await loadReservationView(t.db, voucher.id, dose1.reservationNumber, NOW);
    expect(leader?.partner).toEqual({
      reservationNumber: dose2.reservationNumber,
      status: "booked",
      doseNumber: 2,
      date: "2026-12-24",
      startTime: "14:00",
      endTime: "14:30",
      venueName: venue.name,
    });
    const follower = await loadReservationView(t.db, voucher.id, dose2.reservationNumber, NOW);
    expect(follower).toMatchObject({ doseNumber: 2, date: "2026-12-24", mayChange: true });
    expect(follower?.partner).toMatchObject({ reservationNumber: dose1.reservationNumber, doseNumber: 1, date: "2026-12-03", startTime: "09:00" });
    // Someone else never sees either half.
    const stranger = await createVoucher(t.db);
    expect(await loadReservationView(t.db, stranger.id, dose2.reservationNumber, NOW)).toBeNull();
  });

  it("does not take a family member booked together for a set partner", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const parent = await createVoucher(t.db);
    const child = await createVoucher(t.db, { birthDate: "2000-05-05" });
    const group = await bookGroup(t.db, {
      members: [{ voucherId: parent.id }, { voucherNumber: child.voucherNumber, birthDate: "2000-05-05" }],
      slotId: slot.id,
      actor: resident(parent.id),
      channel: "web",
      now: NOW,
    });
    if (!group.ok) throw new Error(group.reason);
    const mine = group.reservations.find((r) => r.voucherId === parent.id)!;
    const theirs = group.reservations.find((r) => r.voucherId === child.id)!;
    expect(mine.bookingGroupId).toBe(theirs.bookingGroupId);

    expect((await loadReservationView(t.db, parent.id, mine.reservationNumber, NOW))?.partner).toBeNull();
    // The family member's reservation is theirs, not the booker's.
    expect(await loadReservationView(t.db, parent.id, theirs.reservationNumber, NOW)).toBeNull();
  });

  it("asks for a guardian when the resident is under 16 on the slot date", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const turnsSixteen = await createVoucher(t.db, { birthDate: "2010-12-10" });
    const fifteen = await createVoucher(t.db, { birthDate: "2010-12-11" });
    const a = await bookOne(turnsSixteen.id, slot.id);
    const b = await bookOne(fifteen.id, slot.id);

    expect((await loadReservationView(t.db, turnsSixteen.id, a, NOW))?.guardianRequired).toBe(false);
    expect((await loadReservationView(t.db, fifteen.id, b, NOW))?.guardianRequired).toBe(true);
  });
});
