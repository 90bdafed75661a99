/** @jest-environment node */
// 電話予約: finding and opening a caller. Nothing about a resident is shown before the birth
// date matched; every confirmation, failure and view is in the audit log.
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { findCallers, MAX_FAILURES } from "@/lib/callers/find-callers";
import { issueCallerKey, CALLER_KEY_TTL_MS } from "@/lib/callers/caller-key";
import { loadCallerView } from "@/lib/callers/caller-view";
import { bookSlot } from "@/lib/booking/book";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-0123456789-0123456789-abcdef";
const t = setUpTestDatabase(setupMunicipality);

async function auditActions(actorId: number) {
  const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.actorKind, "staff"), eq(auditLog.actorId, String(actorId))));
  return rows.map((r) => r.action);
}

describe("findCallers", () => {
  it("opens a caller by voucher number + birth date (full-width and slashes accepted) and logs it", async () => {
    const operator = await createStaff(t.db, "call_center");
    const voucher = await createVoucher(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01" });
    const found = await findCallers(t.db, operator, { by: "voucher", query: "１２３４５６７８９０", birthDate: "1950/4/1" }, NOW);
    expect(found).toMatchObject({ ok: true, matches: [{ voucherId: voucher.id, maskedNumber: "●●●●●●7890", outOfArea: false }] });
    expect(await auditActions(operator.staffId)).toEqual(["caller.verify"]);
  });

  it("refuses a wrong birth date without saying which part was wrong, and logs the failure", async () => {
    const operator = await createStaff(t.db, "call_center");
    await createVoucher(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01" });
    const wrongDate = await findCallers(t.db, operator, { by: "voucher", query: "1234567890", birthDate: "1950-04-02" }, NOW);
    const unknown = await findCallers(t.db, operator, { by: "voucher", query: "9999999999", birthDate: "1950-04-01" }, NOW);
    expect(wrongDate).toMatchObject({ ok: false, code: "not_found" });
    expect(unknown).toMatchObject({ ok: false, code: "not_found" });
    if (!wrongDate.ok && !unknown.ok) expect(wrongDate.reason).toBe(unknown.reason);
    expect(JSON.stringify(wrongDate)).not.toContain("key");
    expect(await auditActions(operator.staffId)).toEqual(["caller.verify_failed", "caller.verify_failed"]);
  });

  it("a name or phone search without the right birth date reveals nothing, not even that the person exists", async () => {
    const operator = await createStaff(t.db, "call_center");
    await createVoucher(t.db, { voucherNumber: "1111111111", birthDate: "1960-01-01", kanaName: "ヤマダ　タロウ", phone: "0426000000" });
    const byNameWrongDate = await findCallers(t.db, operator, { by: "kana", query: "やまだ たろう", birthDate: "1960-01-02" }, NOW);
    const nobody = await findCallers(t.db, operator, { by: "kana", query: "スズキ ハナコ", birthDate: "1960-01-02" }, NOW);
    expect(byNameWrongDate).toEqual(nobody);
    const byPhoneWrongDate = await findCallers(t.db, operator, { by: "phone", query: "042-600-0000", birthDate: "1961-01-01" }, NOW);
    expect(byPhoneWrongDate).toMatchObject({ ok: false, code: "not_found" });
  });

  it("with the birth date, a name or phone search lists matches with a masked number only", async () => {
    const operator = await createStaff(t.db, "call_center");
    const v = await createVoucher(t.db, { voucherNumber: "1111111111", birthDate: "1960-01-01", kanaName: "ヤマダ　タロウ", phone: "0426000000" });
    // Typed without the space between family and given name, in hiragana.
    const byName = await findCallers(t.db, operator, { by: "kana", query: "やまだたろう", birthDate: "19600101" }, NOW);
    expect(byName).toMatchObject({ ok: true, matches: [{ voucherId: v.id, maskedNumber: "●●●●●●1111" }] });
    if (byName.ok) expect(Object.keys(byName.matches[0]!).sort()).toEqual(["key", "maskedNumber", "municipalityCode", "outOfArea", "voucherId"]);
    const byPhone = await findCallers(t.db, operator, { by: "phone", query: "０４２－６００－００００", birthDate: "1960-01-01" }, NOW);
    expect(byPhone).toMatchObject({ ok: true, matches: [{ voucherId: v.id }] });
  });

  it("venue roles confirm callers by voucher only; venue staff not at all", async () => {
    const venue = await createVenue(t.db);
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    await createVoucher(t.db, { voucherNumber: "1111111111", birthDate: "1960-01-01", kanaName: "ヤマダ　タロウ" });
    expect(await findCallers(t.db, manager, { by: "kana", query: "ヤマダタロウ", birthDate: "1960-01-01" }, NOW)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await findCallers(t.db, manager, { by: "voucher", query: "1111111111", birthDate: "1960-01-01" }, NOW)).toMatchObject({ ok: true });
    expect(await findCallers(t.db, staff, { by: "voucher", query: "1111111111", birthDate: "1960-01-01" }, NOW)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("pauses an operator after repeated failed confirmations", async () => {
    const operator = await createStaff(t.db, "call_center");
    await createVoucher(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01" });
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await findCallers(t.db, operator, { by: "voucher", query: "1234567890", birthDate: `1950-04-${String(i + 2).padStart(2, "0")}` }, NOW)).toMatchObject({ code: "not_found" });
    }
    // Even the right birth date is refused while paused.
    expect(await findCallers(t.db, operator, { by: "voucher", query: "1234567890", birthDate: "1950-04-01" }, NOW)).toMatchObject({ ok: false, code: "too_many_failures" });
    const other = await createStaff(t.db, "call_center");
    expect(await findCallers(t.db, other, { by: "voucher", query: "1234567890", birthDate: "1950-04-01" }, NOW)).toMatchObject({ ok: true });
  });

  it("bad input gets a field message", async () => {
    const operator = await createStaff(t.db, "call_center");
    expect(await findCallers(t.db, operator, { by: "voucher", query: "12345", birthDate: "1950-04-01" }, NOW)).toMatchObject({ ok: false, fieldErrors: { query: expect.any(String) } });
    expect(await findCallers(t.db, operator, { by: "voucher", query: "1234567890", birthDate: "1950-02-30" }, NOW)).toMatchObject({ ok: false, fieldErrors: { birthDate: expect.any(String) } });
    expect(await findCallers(t.db, operator, { by: "voucher", query: "1234567890", birthDate: "1950-04-01", municipalityCode: "131017" }, NOW)).toMatchObject({ ok: false, fieldErrors: { municipalityCode: expect.any(String) } });
  });
});

describe("loadCallerView", () => {
  it("shows the caller's vouchers, reservations and eligibility, and logs each view", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const voucher = await createVoucher(t.db, { birthDate: "1950-04-01", priorDoseCount: 1, priorLastDoseDate: "2026-11-20", priorLastProductCode: "PFIZER" });
    const key = issueCallerKey(operator, voucher.id, NOW);
    const view = await loadCallerView(t.db, operator, key, NOW);
    if (!view.ok) throw new Error(view.reason);
    expect(view.eligibility).toMatchObject({ nextDose: 2, earliestDate: "2026-12-11", blocker: null, setBookingPossible: false });
    const moderna = view.eligibility.products.find((p) => p.productCode === "MODERNA")!;
    expect(moderna).toMatchObject({ ok: false });
    expect(moderna.reason).toContain("同じワクチン");
    expect(view.eligibility.products.find((p) => p.productCode === "PFIZER")).toMatchObject({ ok: true });
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: (await createSlot(t.db, { venueId: venue.id, date: "2026-12-20" })).id, actor: operator, channel: "operator", now: NOW });
    expect(booked.ok).toBe(true);
    const again = await loadCallerView(t.db, operator, key, NOW);
    if (!again.ok) throw new Error(again.reason);
    expect(again.reservations).toMatchObject([{ status: "booked", active: true, mayManage: true }]);
    expect(again.eligibility.blocker).toContain("予約があるため");
    const views = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "resident.view"), eq(auditLog.voucherId, voucher.id)));
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ actorKind: "staff", actorId: String(operator.staffId) });
  });

  it("refuses a key of another operator, a tampered key and an expired one, without logging a view", async () => {
    const operator = await createStaff(t.db, "call_center");
    const colleague = await createStaff(t.db, "call_center");
    const voucher = await createVoucher(t.db);
    const other = await createVoucher(t.db);
    const key = issueCallerKey(operator, voucher.id, NOW);
    expect(await loadCallerView(t.db, colleague, key, NOW)).toMatchObject({ ok: false, code: "key_invalid" });
    const tampered = key.replace(/^\d+/, String(other.id));
    expect(await loadCallerView(t.db, operator, tampered, NOW)).toMatchObject({ ok: false, code: "key_invalid" });
    const later = new Date(NOW.getTime() + CALLER_KEY_TTL_MS + 1000);
    expect(await loadCallerView(t.db, operator, key, later)).toMatchObject({ ok: false, code: "key_invalid" });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "resident.view"))).toHaveLength(0);
  });
});
