/** @jest-environment node */
// Reception's lookup (lib/venue/reception-lookup.ts) on a real database: the reservation from
// the QR payload, the reservation number, the 10-digit voucher number or the voucher's 18-digit
// code — always with the birth date. A wrong birth date reveals nothing (the same answer as an
// unknown number); a reservation at another venue or on another day is found but flagged.
import { eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { bookSlot } from "@/lib/booking/book";
import { receptionQrPayload } from "@/lib/resident/qr";
import { findForReception } from "@/lib/venue/reception-lookup";
import type { Actor } from "@/lib/auth/actor";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality, TODAY } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);

const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });
const NOT_FOUND = "予約が見つからないか、生年月日が一致しません。番号と生年月日をもう一度ご確認ください。";

async function bookedAt(venueId: number, date: string, birthDate = "1950-04-01") {
  const slot = await createSlot(t.db, { venueId, date, startTime: "13:00", endTime: "13:30" });
  const voucher = await createVoucher(t.db, { birthDate, kanaName: "やまだ たろう" });
  const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
  if (!booked.ok) throw new Error(booked.reason);
  return { slot, voucher, reservation: booked.reservation };
}

describe("findForReception", () => {
  it("finds today's reservation here by QR payload, reservation number, voucher number and 18-digit voucher code", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    const { voucher, reservation } = await bookedAt(venue.id, TODAY);
    const code = `11132012${voucher.voucherNumber}`; // 券種1 回数1 自治体コード 132012 接種券番号
    for (const scan of [receptionQrPayload(reservation.reservationNumber), `vrsv:${reservation.reservationNumber}`, reservation.reservationNumber, voucher.voucherNumber, code]) {
      const found = await findForReception(t.db, staff, { venueId: venue.id, scan, birthDate: "19500401", now: NOW });
      expect(found).toMatchObject({ ok: true, match: "ok", message: "", reservation: { id: reservation.id }, voucher: { id: voucher.id, kanaName: "やまだ たろう" } });
    }
    // Each lookup is audit-logged.
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "reception.lookup"))).toHaveLength(5);
  });

  it("refuses an 18-digit code whose municipality check digit is wrong, without looking anything up", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    const { voucher } = await bookedAt(venue.id, TODAY);
    const found = await findForReception(t.db, staff, { venueId: venue.id, scan: `11132013${voucher.voucherNumber}`, birthDate: "19500401", now: NOW });
    expect(found).toMatchObject({ ok: false, code: "invalid_input" });
    if (!found.ok) expect(found.reason).toContain("132013");
    // The right municipality code with another municipality's voucher number finds nothing.
    expect(await findForReception(t.db, staff, { venueId: venue.id, scan: `11131016${voucher.voucherNumber}`, birthDate: "19500401", now: NOW })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("reveals nothing for a wrong birth date: the same answer as an unknown number", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    const { voucher, reservation } = await bookedAt(venue.id, TODAY);
    const wrong = await findForReception(t.db, staff, { venueId: venue.id, scan: receptionQrPayload(reservation.reservationNumber), birthDate: "19500402", now: NOW });
    const unknown = await findForReception(t.db, staff, { venueId: venue.id, scan: "9999999999", birthDate: "19500401", now: NOW });
    const wrongByVoucher = await findForReception(t.db, staff, { venueId: venue.id, scan: voucher.voucherNumber, birthDate: "1950-04-02", now: NOW });
    for (const answer of [wrong, unknown, wrongByVoucher]) {
      expect(answer).toEqual({ ok: false, code: "not_found", reason: NOT_FOUND });
      expect(JSON.stringify(answer)).not.toContain("やまだ");
    }
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "reception.lookup_failed"))).toHaveLength(3);
    expect(await findForReception(t.db, staff, { venueId: venue.id, scan: voucher.voucherNumber, birthDate: "1950-13-01", now: NOW })).toMatchObject({
      ok: false,
      code: "invalid_birth_date",
    });
  });

  it("flags a reservation at another venue, on another day, or both, with its venue and time", async () => {
    const here = await createVenue(t.db);
    const there = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_manager", [here.id, there.id]);
    const elsewhere = await bookedAt(there.id, TODAY);
    const tomorrow = await bookedAt(here.id, "2026-12-02");
    const both = await bookedAt(there.id, "2026-12-03");
    const cases = [
      [elsewhere, "wrong_venue", `この予約は別の会場です（会場${there.code}・2026年12月1日（火） 13:00〜13:30 の予約です）。`],
      [tomorrow, "wrong_day", `この予約は本日ではありません（会場${here.code}・2026年12月2日（水） 13:00〜13:30 の予約です）。`],
      [both, "wrong_venue_and_day", `この予約は別の会場・別の日です（会場${there.code}・2026年12月3日（木） 13:00〜13:30 の予約です）。`],
    ] as const;
    for (const [booking, match, message] of cases) {
      for (const scan of [receptionQrPayload(booking.reservation.reservationNumber), booking.voucher.voucherNumber]) {
        const found = await findForReception(t.db, staff, { venueId: here.id, scan, birthDate: "19500401", now: NOW });
        expect(found).toMatchObject({ ok: true, match, message, reservation: { id: booking.reservation.id } });
      }
    }
  });

  it("refuses 会場一般 of another venue before looking anything up", async () => {
    const venue = await createVenue(t.db);
    const other = await createVenue(t.db);
    const stranger = await createStaff(t.db, "venue_staff", [other.id]);
    const { reservation } = await bookedAt(venue.id, TODAY);
    expect(await findForReception(t.db, stranger, { venueId: venue.id, scan: reservation.reservationNumber, birthDate: "19500401", now: NOW })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });
});
