/** @jest-environment node */
// Corrections of a recorded dose by the venue manager (own venue) or the admin: product, lot or
// date changed with a reason (dose_corrections + audit log with before/after), and a mistaken
// status taken back — the dose record kept and marked void, never deleted, ignored by every
// reader (dose history, caller view, VRS export) and flagged for re-export if VRS has it.
import { and, eq } from "drizzle-orm";
import { auditLog, doseCorrections, doseRecords, reservations, slots, vrsExports } from "@/db/schema";
import { bookSlot } from "@/lib/booking/book";
import { loadDoseHistory } from "@/lib/booking/context";
import { checkIn, recordDose, recordNoShow } from "@/lib/booking/venue-operations";
import { correctDose, revertStatus } from "@/lib/venue/dose-correction";
import { vrsCsvChunks, vrsPendingSummary } from "@/lib/export/vrs";
import type { Actor } from "@/lib/auth/actor";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality, TODAY } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);

const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });
const LATER = new Date("2026-12-01T06:00:00Z"); // 15:00 Tokyo

/** A voucher vaccinated today at a fresh venue by its 会場一般. */
async function vaccinatedToday(lotNumber = "FA1234") {
  const venue = await createVenue(t.db);
  const slot = await createSlot(t.db, { venueId: venue.id, date: TODAY, startTime: "13:00", endTime: "13:30" });
  const voucher = await createVoucher(t.db);
  const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
  if (!booked.ok) throw new Error(booked.reason);
  const staff = await createStaff(t.db, "venue_staff", [venue.id]);
  const checked = await checkIn(t.db, { reservationId: booked.reservation.id, actor: staff, now: NOW });
  if (!checked.ok) throw new Error(checked.reason);
  const dosed = await recordDose(t.db, { reservationId: booked.reservation.id, lotNumber, actor: staff, now: NOW });
  if (!dosed.ok) throw new Error(dosed.reason);
  const [dose] = await t.db.select().from(doseRecords).where(eq(doseRecords.reservationId, booked.reservation.id));
  return { venue, slot, voucher, staff, reservation: booked.reservation, dose: dose! };
}

async function exportText(asOf: Date, onlyPending = false): Promise<string> {
  let text = "";
  for await (const chunk of vrsCsvChunks(t.db, { onlyPending }, { asOf, municipalityCode: "132012" })) text += chunk;
  return text;
}

describe("correctDose", () => {
  it("changes product/lot with a reason: a dose_corrections row and an audit row with before and after", async () => {
    const { venue, dose } = await vaccinatedToday();
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    const result = await correctDose(t.db, manager, { doseRecordId: dose.id, productCode: "MODERNA", lotNumber: "ｍｏ９９", reason: "製剤の入力誤り", now: LATER });
    expect(result).toMatchObject({ ok: true, reexport: false, dose: { productCode: "MODERNA", lotNumber: "MO99" } });
    const [stored] = await t.db.select().from(doseRecords).where(eq(doseRecords.id, dose.id));
    expect(stored).toMatchObject({ productCode: "MODERNA", lotNumber: "MO99", administeredOn: TODAY });
    expect(stored!.correctedAt).toEqual(LATER);
    const corrections = await t.db.select().from(doseCorrections).where(eq(doseCorrections.doseRecordId, dose.id));
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({
      kind: "edit",
      reason: "製剤の入力誤り",
      staffId: manager.staffId,
      before: { productCode: "PFIZER", lotNumber: "FA1234", administeredOn: TODAY },
      after: { productCode: "MODERNA", lotNumber: "MO99", administeredOn: TODAY },
    });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "dose.correct"), eq(auditLog.entityId, String(dose.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: "staff", actorId: String(manager.staffId) });
    expect(audit[0]!.before).toEqual({ productCode: "PFIZER", lotNumber: "FA1234", administeredOn: TODAY });
    expect(audit[0]!.after).toMatchObject({ productCode: "MODERNA", lotNumber: "MO99", reason: "製剤の入力誤り", reexport: false });
  });

  it("requires a reason, and changes nothing without one", async () => {
    const { venue, dose } = await vaccinatedToday();
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    for (const reason of ["", "   "]) {
      expect(await correctDose(t.db, manager, { doseRecordId: dose.id, lotNumber: "ZZ1", reason, now: LATER })).toMatchObject({ ok: false, code: "reason_required" });
    }
    expect(await correctDose(t.db, manager, { doseRecordId: dose.id, lotNumber: "ZZ1", reason: "あ".repeat(501), now: LATER })).toMatchObject({ ok: false, code: "reason_too_long" });
    const [stored] = await t.db.select().from(doseRecords).where(eq(doseRecords.id, dose.id));
    expect(stored!.lotNumber).toBe("FA1234");
    expect(await t.db.select().from(doseCorrections)).toHaveLength(0);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "dose.correct"))).toHaveLength(0);
  });

  it("refuses 会場一般 and the 会場責任者 of another venue; allows the admin", async () => {
    const { venue, staff, dose } = await vaccinatedToday();
    const elsewhere = await createVenue(t.db);
    const otherManager = await createStaff(t.db, "venue_manager", [elsewhere.id]);
    const operator = await createStaff(t.db, "call_center");
    const admin = await createStaff(t.db, "admin");
    const input = { doseRecordId: dose.id, lotNumber: "AB12", reason: "ロット番号の読み違い", now: LATER };
    expect(await correctDose(t.db, staff, input)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await correctDose(t.db, otherManager, input)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await correctDose(t.db, operator, input)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.select().from(doseCorrections)).toHaveLength(0);
    expect(await correctDose(t.db, admin, input)).toMatchObject({ ok: true, dose: { lotNumber: "AB12" } });
    // The venue's own manager may too.
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    expect(await correctDose(t.db, manager, { ...input, lotNumber: "AB13" })).toMatchObject({ ok: true, dose: { lotNumber: "AB13" } });
    expect(await t.db.select().from(doseCorrections)).toHaveLength(2);
  });
});

describe("revertStatus of 接種済み", () => {
  it("keeps the dose row, marks it void, puts the reservation back to 受付済み and audit-logs it", async () => {
    const { venue, voucher, reservation, dose } = await vaccinatedToday();
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    expect(await revertStatus(t.db, manager, { reservationId: reservation.id, reason: "", now: LATER })).toMatchObject({ ok: false, code: "reason_required" });
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    expect(await revertStatus(t.db, staff, { reservationId: reservation.id, reason: "別の方の記録", now: LATER })).toMatchObject({ ok: false, code: "forbidden" });

    const result = await revertStatus(t.db, manager, { reservationId: reservation.id, reason: "別の方の記録", now: LATER });
    expect(result).toMatchObject({ ok: true, from: "vaccinated", to: "checked_in", reexport: false });
    // Nothing deleted: the row is there, void.
    const rows = await t.db.select().from(doseRecords).where(eq(doseRecords.voucherId, voucher.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: dose.id, lotNumber: "FA1234", voidedByStaffId: manager.staffId, voidReason: "別の方の記録" });
    expect(rows[0]!.voidedAt).toEqual(LATER);
    const [after] = await t.db.select().from(reservations).where(eq(reservations.id, reservation.id));
    expect(after).toMatchObject({ status: "checked_in", closedAt: null });
    const [correction] = await t.db.select().from(doseCorrections).where(eq(doseCorrections.reservationId, reservation.id));
    expect(correction).toMatchObject({ kind: "revert", doseRecordId: dose.id, reason: "別の方の記録", afterExport: false });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "reservation.revert"), eq(auditLog.entityId, String(reservation.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ status: "vaccinated", dose: { id: dose.id, lotNumber: "FA1234" } });
    expect(audit[0]!.after).toMatchObject({ status: "checked_in", reason: "別の方の記録" });

    // Every reader ignores the void dose: the history counts no dose, the VRS file has no row.
    const history = await loadDoseHistory(t.db, voucher);
    expect(history).toMatchObject({ count: 0, lastDoseDate: null });
    expect((await exportText(new Date("2026-12-02T00:00:00Z"))).trim().split("\n")).toHaveLength(1); // the header only
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 0, reexport: 0 });

    // The dose can be recorded again (the one live dose per reservation is the new one).
    const again = await recordDose(t.db, { reservationId: reservation.id, lotNumber: "FA9999", actor: staff, now: LATER });
    expect(again).toMatchObject({ ok: true, reservation: { status: "vaccinated" } });
    const live = await t.db.select().from(doseRecords).where(eq(doseRecords.voucherId, voucher.id));
    expect(live.map((d) => [d.lotNumber, d.voidedAt === null]).sort()).toEqual([["FA1234", false], ["FA9999", true]]);
    expect(await loadDoseHistory(t.db, voucher)).toMatchObject({ count: 1, lastDoseDate: TODAY });
  });

  it("flags a void dose that VRS already has for re-export, until a later export covers it", async () => {
    const { venue, reservation, dose } = await vaccinatedToday();
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    // recorded_at is the database's clock: the runs and the void are placed after it.
    const at = (seconds: number) => new Date(dose.recordedAt.getTime() + seconds * 1000);
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 1, reexport: 0 });
    // An export sent the dose.
    await t.db.insert(vrsExports).values({ asOf: at(1), encoding: "utf8", actor: "cli", finishedAt: at(2) });
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 0, reexport: 0 });
    const result = await revertStatus(t.db, manager, { reservationId: reservation.id, reason: "接種していなかった", now: at(3) });
    expect(result).toMatchObject({ ok: true, reexport: true });
    const [correction] = await t.db.select().from(doseCorrections).where(eq(doseCorrections.doseRecordId, dose.id));
    expect(correction!.afterExport).toBe(true);
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 1, reexport: 1 });
    // The file itself never carries the void dose.
    expect((await exportText(at(4), true)).trim().split("\n")).toHaveLength(1);
    // A run after the void covers it: no longer flagged.
    await t.db.insert(vrsExports).values({ asOf: at(4), encoding: "utf8", actor: "cli", finishedAt: at(5) });
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 0, reexport: 0 });
    // A void dose is not open to correction.
    expect(await correctDose(t.db, manager, { doseRecordId: dose.id, lotNumber: "ZZ1", reason: "訂正", now: LATER })).toMatchObject({ ok: false, code: "dose_not_found" });
  });

  it("takes 来場なし back to 予約済み and takes the seat again", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: TODAY, startTime: "10:00", endTime: "10:30" });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    expect(await recordNoShow(t.db, { reservationId: booked.reservation.id, actor: manager, now: LATER })).toMatchObject({ ok: true });
    const seats = async () => (await t.db.select().from(slots).where(eq(slots.id, slot.id)))[0]!.bookedCount;
    expect(await seats()).toBe(0);
    expect(await revertStatus(t.db, manager, { reservationId: booked.reservation.id, reason: "来場していた", now: LATER })).toMatchObject({ ok: true, from: "no_show", to: "booked" });
    expect(await seats()).toBe(1);
  });
});
