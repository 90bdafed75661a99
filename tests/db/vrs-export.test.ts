/** @jest-environment node */
// The VRS export on a real database: the layout (one row per voucher, 8 fields per dose at the
// dose's position), Shift_JIS + CRLF bytes, formula neutralisation, filters, batches, the
// exported/re-export bookkeeping, the CLI, and the route handler through a real session cookie.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { signInAs } from "../support/staff-session";
import { and, eq } from "drizzle-orm";
import { auditLog, doseRecords, vrsExports } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { openVrsExport, vrsCsvChunks, vrsHeader, vrsPendingSummary, type VrsExportRequest } from "@/lib/export/vrs";
import { correctDose } from "@/lib/venue/dose-correction";
import { addLot } from "@/lib/venue/lots";
import { runCli } from "@/scripts/cli";
import { createStaff, createVenue, createVoucher, setupMunicipality } from "./fixtures";
import { setUpAppDatabase } from "./harness";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);
// Imported after the mock is in place.
import { POST as exportRoute } from "@/app/api/admin/export/vrs/route";

const t = setUpAppDatabase();

const cli: Actor = { kind: "system", name: "cli" };


/** recordedAt: "now" leaves it to the database (now(), as recordDose does). */
async function addDose(values: { voucherId: number; venueId: number; doseNumber: number; on: string; productCode?: string; lot?: string; doctor?: string; recordedAt?: Date | "now" }, db = t.db) {
  const [dose] = await db
    .insert(doseRecords)
    .values({
      voucherId: values.voucherId,
      venueId: values.venueId,
      doseNumber: values.doseNumber,
      productCode: values.productCode ?? "PFIZER",
      lotNumber: values.lot ?? "FA1234",
      administeredOn: values.on,
      doctorName: values.doctor ?? "",
      recordedAt: values.recordedAt === "now" ? undefined : (values.recordedAt ?? new Date(`${values.on}T05:06:07Z`)),
    })
    .returning();
  return dose!;
}

async function exportText(request: Partial<VrsExportRequest> = {}, actor: Actor = cli) {
  const opened = await openVrsExport(t.db, actor, { encoding: "utf8", ...request });
  if (!opened.ok) throw new Error(opened.reason);
  const parts: Uint8Array[] = [];
  for await (const chunk of opened.body) parts.push(chunk);
  return { bytes: Buffer.concat(parts), stats: opened.stats, exportId: opened.exportId };
}

function rowsOf(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}

let venue: Awaited<ReturnType<typeof createVenue>>;
let other: Awaited<ReturnType<typeof createVenue>>;
beforeEach(async () => {
  await t.reset();
  await setupMunicipality(t.db);
  venue = await createVenue(t.db, "M01");
  other = await createVenue(t.db, "C01");
});

describe("layout", () => {
  it("writes one row per voucher with 8 fields per dose at the dose's position", async () => {
    const a = await createVoucher(t.db, { voucherNumber: "1000000001" });
    const b = await createVoucher(t.db, { voucherNumber: "2000000001", municipalityCode: "131016" });
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01", doctor: "山田医師" });
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 2, on: "2026-11-22", lot: "FB5678" });
    await addDose({ voucherId: b.id, venueId: other.id, doseNumber: 3, on: "2026-11-05", productCode: "MODERNA", lot: "3004217" });
    const { bytes, stats } = await exportText();
    const text = bytes.toString("utf8");
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain("\r\n");
    const [header, ...rows] = rowsOf(text);
    expect(header).toEqual(vrsHeader(3));
    expect(header).toHaveLength(1 + 3 * 8);
    expect(header!.slice(0, 10)).toEqual([
      "個別宛名番号",
      "1回目接種履歴登録日時",
      "1回目接種日",
      "1回目券番号",
      "1回目接種自治体コード",
      "1回目接種会場名",
      "1回目接種医師名",
      "1回目ワクチンメーカー",
      "1回目ロット番号",
      "2回目接種履歴登録日時",
    ]);
    expect(rows).toHaveLength(2);
    expect(stats).toEqual({ rows: 2, doses: 3 });
    const [rowA, rowB] = rows;
    // 登録日時 in Japan time: 05:06:07Z is 14:06:07 JST.
    expect(rowA!.slice(0, 17)).toEqual([
      "",
      "20261101140607", "20261101", "1000000001", "132012", "会場M01", "山田医師", "ファイザー", "FA1234",
      "20261122140607", "20261122", "1000000001", "132012", "会場M01", "", "ファイザー", "FB5678",
    ]);
    expect(rowA!.slice(17)).toEqual(Array(8).fill(""));
    // Dose 3 only: the 1回目 and 2回目 fields stay empty; 接種自治体コード is ours (the vaccinating one).
    expect(rowB!.slice(1, 17)).toEqual(Array(16).fill(""));
    expect(rowB!.slice(17)).toEqual(["20261105140607", "20261105", "2000000001", "132012", "会場C01", "", "武田/モデルナ", "3004217"]);
  });

  it("neutralises formulas in typed text only (venue, doctor, maker), keeps data cells as stored, quotes commas, cuts names to VRS lengths", async () => {
    const { vaccineProducts, venues } = await import("@/db/schema");
    await t.db.update(venues).set({ name: "=HYPERLINK(\"http://x\",\"会場\")" }).where(eq(venues.id, venue.id));
    await t.db.update(venues).set({ name: "あ".repeat(40) }).where(eq(venues.id, other.id));
    await t.db.update(vaccineProducts).set({ vrsMakerName: "+モデルナ" }).where(eq(vaccineProducts.code, "MODERNA"));
    const a = await createVoucher(t.db, { voucherNumber: "1000000001" });
    const b = await createVoucher(t.db, { voucherNumber: "1000000002" });
    // A lot number is data VRS reads: written as stored, even one that starts with "-".
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01", doctor: "@SUM(1+1)", lot: "-1234" });
    await addDose({ voucherId: b.id, venueId: other.id, doseNumber: 1, on: "2026-11-01", doctor: "い".repeat(25), productCode: "MODERNA" });
    const text = (await exportText()).bytes.toString("utf8");
    const lines = text.split("\n");
    expect(lines[1]).toBe(`,20261101140607,20261101,1000000001,132012,"'=HYPERLINK(""http://x"",""会場"")",'@SUM(1+1),ファイザー,-1234`);
    expect(lines[2]).toBe(`,20261101140607,20261101,1000000002,132012,${"あ".repeat(30)},${"い".repeat(20)},'+モデルナ,FA1234`);
  });

  it("a lot number, written as stored, cannot start like a formula: preset lots and corrections refuse a leading hyphen", async () => {
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    expect(await addLot(t.db, manager, { venueId: venue.id, date: "2026-11-01", productCode: "PFIZER", lotNumber: "-FA1234" })).toMatchObject({ ok: false, code: "invalid_lot" });
    expect(await addLot(t.db, manager, { venueId: venue.id, date: "2026-11-01", productCode: "PFIZER", lotNumber: "FA-1234" })).toMatchObject({ ok: true });
    const a = await createVoucher(t.db);
    const dose = await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01" });
    expect(await correctDose(t.db, manager, { doseRecordId: dose.id, lotNumber: "-FA1234", reason: "ロット番号の転記誤り" })).toMatchObject({ ok: false, code: "invalid_lot" });
  });

  it("Shift_JIS on request: CP932 bytes and CRLF line ends", async () => {
    const a = await createVoucher(t.db, { voucherNumber: "1000000001" });
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01" });
    const { bytes } = await exportText({ encoding: "sjis" });
    // 「個別宛名番号,1回目接種日」 and 「ファイザー」 in Shift_JIS (checked against Python's cp932 codec).
    expect(bytes.subarray(0, 12).toString("hex")).toBe("8cc295ca88b696bc94d48d86");
    expect(bytes.includes(Buffer.from("8374834083438355815b", "hex"))).toBe(true);
    expect(bytes.includes(Buffer.from("\r\n"))).toBe(true);
    expect(bytes.toString("latin1").replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(bytes.subarray(bytes.length - 2).toString("hex")).toBe("0d0a");
    expect(iconv.decode(bytes, "cp932")).toContain(",ファイザー,FA1234\r\n");
  });

  it("keeps a voucher on one row when its doses fall into different batches", async () => {
    const a = await createVoucher(t.db);
    const b = await createVoucher(t.db);
    for (const n of [1, 2, 3]) await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: n, on: `2026-0${n}-10` });
    await addDose({ voucherId: b.id, venueId: venue.id, doseNumber: 1, on: "2026-05-10" });
    const stats = { rows: 0, doses: 0 };
    let text = "";
    for await (const chunk of vrsCsvChunks(t.db, {}, { asOf: new Date(), municipalityCode: "132012", batchSize: 2, stats })) text += chunk;
    const rows = rowsOf(text).slice(1);
    expect(rows).toHaveLength(2);
    expect(stats).toEqual({ rows: 2, doses: 4 });
    expect(rows[0]![2]).toBe("20260110");
    expect(rows[0]![18]).toBe("20260310");
  });

  it("filters by date range and venue; an empty export is just the header", async () => {
    const a = await createVoucher(t.db);
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01" });
    await addDose({ voucherId: a.id, venueId: other.id, doseNumber: 2, on: "2026-11-22" });
    expect(rowsOf((await exportText({ from: "2026-11-02", to: "2026-11-30" })).bytes.toString()).slice(1)[0]![10]).toBe("20261122");
    expect((await exportText({ from: "2026-11-02", to: "2026-11-30" })).stats).toEqual({ rows: 1, doses: 1 });
    expect((await exportText({ venueId: venue.id })).stats).toEqual({ rows: 1, doses: 1 });
    const empty = await exportText({ from: "2027-01-01", to: "2027-01-31" });
    expect(empty.stats).toEqual({ rows: 0, doses: 0 });
    expect(rowsOf(empty.bytes.toString())).toEqual([vrsHeader(1)]);
  });

  it("refuses a bad filter and anyone but the admin (or the CLI)", async () => {
    expect(await openVrsExport(t.db, cli, { encoding: "utf8", from: "2026-11-31" })).toMatchObject({ ok: false, code: "invalid_filter" });
    expect(await openVrsExport(t.db, cli, { encoding: "utf8", from: "2026-12-02", to: "2026-12-01" })).toMatchObject({ ok: false, code: "invalid_filter" });
    for (const role of ["call_center", "venue_manager", "venue_staff"] as const) {
      const staff = await createStaff(t.db, role, role === "call_center" ? [] : [venue.id]);
      expect(await openVrsExport(t.db, staff, { encoding: "utf8" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await t.db.select().from(vrsExports)).toHaveLength(0);
  });
});

describe("exported and re-export bookkeeping", () => {
  it("marks the doses it covered, audit-logs the run, and flags a later correction for re-export", async () => {
    const admin = await createStaff(t.db, "admin");
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    const a = await createVoucher(t.db);
    const b = await createVoucher(t.db);
    const doseA = await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01", recordedAt: new Date("2026-11-01T03:00:00Z") });
    await addDose({ voucherId: b.id, venueId: venue.id, doseNumber: 1, on: "2026-11-15", recordedAt: new Date("2026-11-15T03:00:00Z") });
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 2, reexport: 0 });

    // A run for early November covers dose A only.
    const first = await exportText({ from: "2026-11-01", to: "2026-11-10" }, admin);
    expect(first.stats).toEqual({ rows: 1, doses: 1 });
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 1, reexport: 0 });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "vrs.export"));
    expect(audit).toMatchObject({ actorKind: "staff", actorId: String(admin.staffId), entityId: String(first.exportId) });
    expect(audit!.after).toMatchObject({ from: "2026-11-01", to: "2026-11-10", rows: 1, doses: 1, encoding: "utf8" });

    // Only pending: dose B, then nothing.
    const pending = await exportText({ onlyPending: true }, admin);
    expect(pending.stats).toEqual({ rows: 1, doses: 1 });
    expect((await exportText({ onlyPending: true }, admin)).stats).toEqual({ rows: 0, doses: 0 });

    // The manager corrects dose A's lot after it was exported: flagged, in the next pending export.
    const corrected = await correctDose(t.db, manager, { doseRecordId: doseA.id, lotNumber: "fa9999", reason: "ロット番号の転記誤り" });
    expect(corrected).toMatchObject({ ok: true, reexport: true });
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 1, reexport: 1 });
    const again = await exportText({ onlyPending: true }, admin);
    expect(again.stats).toEqual({ rows: 1, doses: 1 });
    expect(again.bytes.toString()).toContain(",FA9999\n");
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 0, reexport: 0 });
  });

  it("an export read only half-way marks nothing", async () => {
    const a = await createVoucher(t.db);
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01" });
    const opened = await openVrsExport(t.db, cli, { encoding: "utf8" });
    if (!opened.ok) throw new Error(opened.reason);
    await opened.body.next(); // the header only
    await opened.body.return(undefined);
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 1, reexport: 0 });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "vrs.export"))).toHaveLength(0);
  });
});

describe("one snapshot per export", () => {
  async function vouchersWithADose(count: number) {
    const ids: number[] = [];
    for (let n = 1; n <= count; n++) {
      const v = await createVoucher(t.db, { voucherNumber: `100000000${n}` });
      ids.push((await addDose({ voucherId: v.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01" })).id);
    }
    return ids;
  }

  async function readAll(body: AsyncGenerator<Uint8Array>, start: Uint8Array[] = []) {
    const parts = [...start];
    for await (const chunk of body) parts.push(chunk);
    return Buffer.concat(parts).toString("utf8");
  }

  it("a dose written while an export is in progress (between two batches) is not marked exported and stays pending", async () => {
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    const fifthDose = (await vouchersWithADose(5))[4];
    const [first] = (await t.db.select({ id: doseRecords.voucherId }).from(doseRecords).orderBy(doseRecords.voucherId)).map((d) => d.id);
    const late = await createVoucher(t.db, { voucherNumber: "1000000009" });
    const opened = await openVrsExport(t.db, cli, { encoding: "utf8" }, { batchSize: 1 });
    if (!opened.ok) throw new Error(opened.reason);
    const header = await opened.body.next(); // the header: the snapshot is taken
    const firstRow = await opened.body.next(); // batch 2 closed voucher 1's row; batch 3 is asked for
    expect(Buffer.from(firstRow.value!).toString()).toContain(",1000000001,");
    // Dose 2 of voucher 1 (a row already written) and dose 1 of a voucher whose row is still to come.
    // And a correction of voucher 5's dose, whose batch is still to come: the file keeps the snapshot's value.
    const writing = Promise.all([
      addDose({ voucherId: first!, venueId: venue.id, doseNumber: 2, on: "2026-11-22", recordedAt: "now" }),
      addDose({ voucherId: late.id, venueId: venue.id, doseNumber: 1, on: "2026-11-22", recordedAt: "now" }),
      correctDose(t.db, manager, { doseRecordId: fifthDose!, lotNumber: "FZ0001", reason: "ロット番号の転記誤り" }),
    ]);
    // PostgreSQL: committed from other connections while the export's transaction is open.
    // PGlite has one connection: the writes wait for the export to end, which they cannot on PostgreSQL.
    if (t.kind === "postgres") await writing;
    const text = await readAll(opened.body, [header.value!, firstRow.value!]);
    await writing;
    expect(opened.stats).toEqual({ rows: 5, doses: 5 });
    expect(text).not.toContain("1000000009");
    expect(text).not.toContain("20261122");
    expect(text).toContain(",1000000005,132012,会場M01,,ファイザー,FA1234\n");
    expect(text).not.toContain("FZ0001");
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 3, reexport: 1 });
    const next = await exportText({ onlyPending: true });
    expect(next.stats).toEqual({ rows: 3, doses: 3 });
    expect(next.bytes.toString()).toContain(",20261122,1000000009,");
    expect(next.bytes.toString()).toContain(",1000000005,132012,会場M01,,ファイザー,FZ0001,");
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 0, reexport: 0 });
  });

  it("a reader that stops taking chunks gives the snapshot up after the timeout: the run stays unfinished, the database is free", async () => {
    await vouchersWithADose(3);
    const opened = await openVrsExport(t.db, cli, { encoding: "utf8" }, { batchSize: 1, readerTimeoutMs: 300 });
    if (!opened.ok) throw new Error(opened.reason);
    await opened.body.next();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(opened.body.next()).rejects.toThrow("VRS出力の読み取りが");
    // On PGlite this query would wait for ever if the export still held the connection.
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 3, reexport: 0 });
    const [run] = await t.db.select().from(vrsExports);
    expect(run!.finishedAt).toBeNull();
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "vrs.export"))).toHaveLength(0);
  });

  // Two transactions at once need two connections: PostgreSQL only (PGlite runs one at a time).
  (process.env.TEST_DATABASE_URL ? it : it.skip)("PostgreSQL only (CI runs it there): a dose whose transaction began before the export and committed during it stays pending", async () => {
    const [first] = await vouchersWithADose(3);
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    // recordDose's transaction, slowed down: recorded_at is its start, it commits later.
    const writer = t.db.transaction(async (tx) => {
      await addDose({ voucherId: first!, venueId: venue.id, doseNumber: 2, on: "2026-11-22", recordedAt: "now" }, tx);
      inserted();
      await committing;
    });
    await insertedYet;
    const opened = await openVrsExport(t.db, cli, { encoding: "utf8" }, { batchSize: 1 });
    if (!opened.ok) throw new Error(opened.reason);
    const header = await opened.body.next();
    const firstRow = await opened.body.next(); // voucher 1's row is written without dose 2
    commit();
    await writer;
    const text = await readAll(opened.body, [header.value!, firstRow.value!]);
    expect(text).not.toContain("20261122");
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 1, reexport: 0 });
    const next = await exportText({ onlyPending: true });
    expect(next.bytes.toString()).toContain(",20261122,1000000001,");
  });
});

describe("doors", () => {
  it("the CLI writes the file (Shift_JIS on request) and refuses bad arguments", async () => {
    const a = await createVoucher(t.db, { voucherNumber: "1000000001" });
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vrs-"));
    const file = path.join(dir, "out.csv");
    // The CLI opens its own database from the environment; here it is given ours through the same code path.
    const { runExportVrs } = await import("@/scripts/cli/export");
    const lines: string[] = [];
    await runExportVrs(t.db, { from: "2026-11-01", to: "2026-11-30", out: file, encoding: "sjis", venue: "M01" }, (l) => lines.push(l));
    expect(lines[0]).toContain("1行（接種 1件、Shift_JIS・CRLF）");
    const bytes = fs.readFileSync(file);
    expect(iconv.decode(bytes, "cp932").split("\r\n")[1]).toContain(",1000000001,132012,会場M01,");
    expect(fs.existsSync(`${file}.part`)).toBe(false);
    await expect(runExportVrs(t.db, { from: "2026-11-01", out: file }, () => {})).rejects.toThrow("--from, --to, --out");
    await expect(runExportVrs(t.db, { from: "2026-11-01", to: "2026-11-30", out: file, encoding: "latin1" }, () => {})).rejects.toThrow("--encoding");
    await expect(runExportVrs(t.db, { from: "2026-11-01", to: "2026-11-30", out: file, venue: "NOPE" }, () => {})).rejects.toThrow("NOPE");
    await expect(runCli(["export", "csv"])).rejects.toThrow("export vrs");
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "vrs.export"), eq(auditLog.actorKind, "system")));
    expect(audit).toMatchObject({ actorId: "cli" });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function post(fields: Record<string, string>) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    return exportRoute(new Request("http://localhost/api/admin/export/vrs", { method: "POST", body }));
  }

  it("the route streams the CSV to the admin and refuses everyone else", async () => {
    const a = await createVoucher(t.db, { voucherNumber: "1000000001" });
    await addDose({ voucherId: a.id, venueId: venue.id, doseNumber: 1, on: "2026-11-01" });
    await signInAs(null);
    expect((await post({})).status).toBe(401);
    for (const role of ["call_center", "venue_manager", "venue_staff"] as const) {
      await signInAs(await createStaff(t.db, role, role === "call_center" ? [] : [venue.id]));
      const refused = await post({ from: "2026-11-01", to: "2026-11-30" });
      expect(refused.status).toBe(403);
    }
    expect(await t.db.select().from(vrsExports)).toHaveLength(0);

    await signInAs(await createStaff(t.db, "admin"));
    const bad = await post({ from: "2026-11-30", to: "2026-11-01" });
    expect(bad.status).toBe(303);
    expect(decodeURIComponent(bad.headers.get("location")!)).toContain("開始日は終了日より前");
    const res = await post({ from: "2026-11-01", to: "2026-11-30", venueId: String(venue.id), encoding: "sjis", onlyPending: "on" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="vrs_20261101-20261130_venue\d+_\d{8}T\d{6}_sjis\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(iconv.decode(bytes, "cp932")).toContain(",1000000001,132012,会場M01,");
    expect(await vrsPendingSummary(t.db)).toEqual({ pending: 0, reexport: 0 });
  });
});
