/** @jest-environment node */
// The booking reads a voucher's active reservation and last recorded dose in one statement
// (lib/booking/book.ts loadVoucherFacts): a recorded dose counts, a voided one does not.
import { doseRecords } from "@/db/schema";
import { bookSlot } from "@/lib/booking/book";
import type { Actor } from "@/lib/auth/actor";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);
const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });

async function voucherWithRecordedDose(voided: boolean) {
  const venue = await createVenue(t.db);
  const voucher = await createVoucher(t.db);
  const staff = await createStaff(t.db, "admin");
  await t.db.insert(doseRecords).values({
    voucherId: voucher.id,
    doseNumber: 1,
    productCode: "PFIZER",
    lotNumber: "FA1234",
    venueId: venue.id,
    administeredOn: "2026-11-01",
    ...(voided ? { voidedAt: NOW, voidReason: "別の方の記録", voidedByStaffId: staff.staffId } : {}),
  });
  return { venue, voucher };
}

describe("what a booking reads about the voucher", () => {
  it("counts a recorded dose: the next booking is dose 2", async () => {
    const { venue, voucher } = await voucherWithRecordedDose(false);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({
      ok: true,
      reservation: { doseNumber: 2 },
    });
  });

  it("ignores a voided dose: the next booking is dose 1", async () => {
    const { venue, voucher } = await voucherWithRecordedDose(true);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({
      ok: true,
      reservation: { doseNumber: 1 },
    });
  });

  it("sees an active reservation: a second booking is refused", async () => {
    const venue = await createVenue(t.db);
    const voucher = await createVoucher(t.db);
    const first = await createSlot(t.db, { venueId: venue.id });
    const second = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30" });
    expect((await bookSlot(t.db, { voucherId: voucher.id, slotId: first.id, actor: resident(voucher.id), channel: "web", now: NOW })).ok).toBe(true);
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: second.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({
      ok: false,
      code: "active_reservation",
    });
  });
});
