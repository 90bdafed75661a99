/** @jest-environment node */
// The audit log viewer's query (lib/audit/list-audit.ts, what /admin/audit renders): admin only,
// filters by account, Tokyo date range, voucher number and kind, pages newest first by id, and
// reads before/after in Japanese. Rows are written by the real services.
import { eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";
import type { StaffActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { actionLabel, auditDiff } from "@/lib/audit/audit-labels";
import { listAuditLog } from "@/lib/audit/list-audit";
import { bookSlot } from "@/lib/booking/book";
import { updateSettings } from "@/lib/settings/update-settings";
import { updateSlotCapacity } from "@/lib/slots/update-slot";

const t = setUpTestDatabase(setupMunicipality);

async function ok<T extends { ok: boolean }>(p: Promise<T>) {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

describe("listAuditLog", () => {
  let admin: StaffActor;
  let manager: StaffActor;
  let voucherA: { id: number; voucherNumber: string };
  let voucherB: { id: number; voucherNumber: string };
  let slotId: number;

  beforeEach(async () => {
    const venue = await createVenue(t.db);
    admin = await createStaff(t.db, "admin", [], "admin-one");
    manager = await createStaff(t.db, "venue_manager", [venue.id], "manager-one");
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 5 });
    slotId = slot.id;
    voucherA = await createVoucher(t.db);
    voucherB = await createVoucher(t.db);
    await ok(bookSlot(t.db, { voucherId: voucherA.id, slotId, actor: { kind: "resident", voucherId: voucherA.id, channel: "web" }, channel: "web", now: NOW }));
    await ok(bookSlot(t.db, { voucherId: voucherB.id, slotId, actor: manager, channel: "operator", now: NOW }));
    await ok(updateSlotCapacity(t.db, manager, slotId, 8));
    await ok(updateSettings(t.db, admin, { callCenterPhone: "0120-123-456" }));
  });

  it("is for the admin only", async () => {
    for (const role of ["call_center", "venue_manager", "venue_staff"] as const) {
      const staff = await createStaff(t.db, role);
      expect(await listAuditLog(t.db, staff, {})).toMatchObject({ ok: false, code: "forbidden" });
    }
  });

  it("lists every row newest first, with who did it in words", async () => {
    const result = await ok(listAuditLog(t.db, admin, {}));
    expect(result.rows.map((r) => r.action)).toEqual(["settings.update", "slot.capacity", "reservation.book", "reservation.book"]);
    expect(result.rows[0]!.actorName).toBe("admin さん（admin-one）");
    expect(result.rows[3]!.actorName).toBe("住民（Web）");
    expect(result.rows[3]!.voucherNumber).toBe(voucherA.voucherNumber);
    expect(result.next).toBeNull();
  });

  it("filters by account (login ID)", async () => {
    const result = await ok(listAuditLog(t.db, admin, { account: "manager-one" }));
    expect(result.rows.map((r) => r.action)).toEqual(["slot.capacity", "reservation.book"]);
    expect(result.rows.every((r) => r.actorId === String(manager.staffId))).toBe(true);
    const unknown = await ok(listAuditLog(t.db, admin, { account: "nobody" }));
    expect(unknown).toMatchObject({ rows: [], notice: "ログインID「nobody」のアカウントはありません。" });
  });

  it("filters by voucher number (full-width digits too), and logs that search", async () => {
    const wide = voucherB.voucherNumber.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const result = await ok(listAuditLog(t.db, admin, { voucherNumber: wide }));
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ action: "reservation.book", voucherNumber: voucherB.voucherNumber, actorName: "venue_manager さん（manager-one）" });
    const [search] = await t.db.select().from(auditLog).where(eq(auditLog.action, "audit.search_voucher"));
    expect(search).toMatchObject({ actorId: String(admin.staffId), voucherId: voucherB.id, after: { voucherNumber: voucherB.voucherNumber, rows: 1 } });
  });

  it("filters by kind and by a Tokyo date range", async () => {
    expect((await ok(listAuditLog(t.db, admin, { entity: "municipality" }))).rows.map((r) => r.action)).toEqual(["settings.update"]);
    // Two older rows: 2026-03-31 23:30 and 2026-04-01 00:30 in Tokyo.
    await t.db.insert(auditLog).values([
      { at: new Date("2026-03-31T14:30:00Z"), actorKind: "system", actorId: "cli", action: "venue.create", entity: "venue", entityId: "1" },
      { at: new Date("2026-03-31T15:30:00Z"), actorKind: "system", actorId: "cli", action: "venue.update", entity: "venue", entityId: "1" },
    ]);
    const april = await ok(listAuditLog(t.db, admin, { from: "2026-04-01", to: "2026-04-30" }));
    expect(april.rows.map((r) => r.action)).toEqual(["venue.update"]);
    expect(april.rows[0]!.actorName).toBe("システム（cli）");
    const march = await ok(listAuditLog(t.db, admin, { to: "2026-03-31" }));
    expect(march.rows.map((r) => r.action)).toEqual(["venue.create"]);
  });

  it("pages by id: the next page starts below the last row shown", async () => {
    const first = await ok(listAuditLog(t.db, admin, {}, 3));
    expect(first.rows).toHaveLength(3);
    expect(first.next).toBe(first.rows[2]!.id);
    const second = await ok(listAuditLog(t.db, admin, { before: first.next! }, 3));
    expect(second.rows.map((r) => r.action)).toEqual(["reservation.book"]);
    expect(second.rows[0]!.id).toBeLessThan(first.rows[2]!.id);
    expect(second.next).toBeNull();
  });

  it("refuses bad filters with a message per field", async () => {
    expect(await listAuditLog(t.db, admin, { from: "2026-02-30", voucherNumber: "12345", account: "管理者" })).toMatchObject({
      ok: false,
      code: "invalid",
      details: {
        from: "開始日は「2026-04-01」のように入力してください。",
        voucherNumber: "接種券番号は10桁の数字で入力してください。",
        account: "ログインIDは半角英数字で入力してください。",
      },
    });
    expect(await listAuditLog(t.db, admin, { from: "2026-05-01", to: "2026-04-01" })).toMatchObject({ ok: false, details: { to: "終了日は開始日以降にしてください。" } });
  });
});

describe("before/after in Japanese", () => {
  it("shows changed fields with both values, booleans and field modes in words", () => {
    expect(auditDiff({ callCenterPhone: "0120-000-000", sameDayBooking: true, fieldEmail: "optional" }, { callCenterPhone: "0120-123-456", sameDayBooking: false, fieldEmail: "required" })).toEqual([
      { field: "callCenterPhone", label: "コールセンター電話番号", before: "0120-000-000", after: "0120-123-456" },
      { field: "sameDayBooking", label: "当日予約", before: "する", after: "しない" },
      { field: "fieldEmail", label: "メールアドレスの入力", before: "任意", after: "必須" },
    ]);
    expect(auditDiff({ capacity: 10 }, { capacity: 10, status: "closed" })).toEqual([{ field: "status", label: "状態", before: null, after: "closed" }]);
    expect(auditDiff(null, { status: "booked", doseNumber: 1 })).toEqual([
      { field: "status", label: "状態", before: null, after: "予約済み" },
      { field: "doseNumber", label: "接種回数", before: null, after: "1" },
    ]);
    expect(actionLabel("reservation.book")).toBe("予約");
    expect(actionLabel("something.new")).toBe("something.new");
  });

  it("a row written by recordAudit reads back through the viewer", async () => {
    const admin = await createStaff(t.db, "admin");
    await recordAudit(t.db, admin, { action: "faq.update", entity: "faq_entry", entityId: "F01", before: { answer: "古い" }, after: { answer: "新しい" } });
    const result = await ok(listAuditLog(t.db, admin, { entity: "faq_entry" }));
    expect(auditDiff(result.rows[0]!.before, result.rows[0]!.after)).toEqual([{ field: "answer", label: "回答", before: "古い", after: "新しい" }]);
  });
});
