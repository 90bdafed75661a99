/** @jest-environment node */
// The voucher import on a real database (PGlite here, PostgreSQL with TEST_DATABASE_URL): the
// same service the console route and the CLI call. All or nothing, every bad line reported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, count, eq, sql } from "drizzle-orm";
import { auditLog, importJobs, vouchers } from "@/db/schema";
import { importReportCsv } from "@/lib/import/jobs";
import { runImport } from "@/lib/import/run-import";
import type { ImportOutcome } from "@/lib/import/types";
import { importCommandPaths, runImportCommand } from "@/scripts/cli/import";
import { setUpTestDatabase } from "./harness";
import { createStaff, createVoucher, setupMunicipality } from "./fixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const iconv = require("iconv-lite") as { encode(s: string, enc: string): Buffer };

const t = setUpTestDatabase(setupMunicipality);
const cli = { kind: "system", name: "cli" } as const;
const HEADER = "自治体コード,接種券番号,生年月日,接種済回数,前回接種日,前回ワクチン";

async function* bytesOf(data: string | Uint8Array, chunk = 8192): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
}

function importVouchers(data: string | Uint8Array, actor: Parameters<typeof runImport>[1] = cli): Promise<ImportOutcome> {
  return runImport(t.db, actor, "vouchers", bytesOf(data), { now: new Date("2026-12-01T00:00:00Z") });
}

async function voucherCount() {
  const [row] = await t.db.select({ n: count() }).from(vouchers);
  return row!.n;
}

async function reportOf(jobId: number) {
  let csv = "";
  for await (const chunk of importReportCsv(t.db, jobId)) csv += chunk;
  return csv;
}

function numbered(n: number) {
  return String(n).padStart(10, "0");
}

it("imports a Shift_JIS file with a BOM-less header, full-width digits, slashes and Japanese product names", async () => {
  const text = [
    HEADER,
    "１３２０１２,０１２３４５６７８９,１９５０/０４/０１,,,",
    "132012,0123456790,1985/7/15,2,2024/01/10,武田/モデルナ",
    "131016,0000000001,2016-05-05,1,2025-01-05,ファイザー(5～11歳用)", // CP932 has no 〜 (U+301C): Excel writes ～ (U+FF5E)
  ].join("\r\n");
  const outcome = await importVouchers(new Uint8Array(iconv.encode(text, "cp932")));
  expect(outcome).toMatchObject({ ok: true, created: 3, lines: 3 });
  const rows = await t.db.select().from(vouchers).orderBy(asc(vouchers.voucherNumber));
  expect(rows.map((r) => [r.municipalityCode, r.voucherNumber, r.birthDate, r.priorDoseCount, r.priorLastDoseDate, r.priorLastProductCode])).toEqual([
    ["131016", "0000000001", "2016-05-05", 1, "2025-01-05", "PFIZER_PED"],
    ["132012", "0123456789", "1950-04-01", 0, null, null],
    ["132012", "0123456790", "1985-07-15", 2, "2024-01-10", "MODERNA"],
  ]);
  const [job] = await t.db.select().from(importJobs);
  expect(job).toMatchObject({ kind: "vouchers", status: "succeeded", rowsImported: 3, badLines: 0 });
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "voucher.import"));
  expect(audit).toHaveLength(1);
});

it("imports nothing from 10,000 lines with 3 bad ones, and reports exactly those 3 lines", async () => {
  const lines = [HEADER];
  for (let i = 1; i <= 10_000; i++) lines.push(`132012,${numbered(i)},1960-01-${String(1 + (i % 28)).padStart(2, "0")},0,,`);
  // File lines are data index + 1 (the header is line 1).
  lines[101] = "132012,0000000101,1960-02-30,0,,"; // line 102: no such date
  lines[5001] = "132013,0000005001,1960-01-01,0,,"; // line 5002: wrong check digit
  lines[9999] = "132012,0000000003,1960-01-01,0,,"; // line 10000: same voucher as line 4
  const outcome = await importVouchers(lines.join("\n") + "\n");
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome).toMatchObject({ code: "invalid_file", lines: 10_000, badLines: 3 });
  expect(outcome.problems.map((p) => [p.line, p.column])).toEqual([
    [102, "生年月日"],
    [5002, "自治体コード"],
    [10000, "接種券番号"],
  ]);
  expect(outcome.problems[2]!.reason).toContain("4行目にもあります");
  expect(await voucherCount()).toBe(0);
  const report = (await reportOf(outcome.jobId!)).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(report[0]).toBe("行,列,内容");
  expect(report.slice(1).map((l) => l.split(",")[0])).toEqual(["102", "5002", "10000"]);
  const [job] = await t.db.select().from(importJobs).where(eq(importJobs.id, outcome.jobId!));
  expect(job).toMatchObject({ status: "rejected", badLines: 3, rowsImported: 0 });
});

it("reports a voucher that is already registered and imports nothing", async () => {
  await createVoucher(t.db, { municipalityCode: "132012", voucherNumber: "1000000001" });
  const outcome = await importVouchers(`${HEADER}\n132012,1000000002,1970-01-01,,,\n132012,1000000001,1970-01-01,,,\n`);
  expect(outcome).toMatchObject({ ok: false, badLines: 1, problems: [{ line: 3, column: "接種券番号", reason: expect.stringContaining("すでに登録されています") }] });
  expect(await voucherCount()).toBe(1);
});

it("reports an invalid municipality check digit", async () => {
  const outcome = await importVouchers(`${HEADER}\n131017,1000000002,1970-01-01,,,\n`);
  expect(outcome).toMatchObject({ ok: false, badLines: 1, problems: [{ line: 2, column: "自治体コード", reason: expect.stringContaining("検査数字") }] });
  expect(await voucherCount()).toBe(0);
});

it("reports a header without the required columns on line 1, and an empty file", async () => {
  expect(await importVouchers("番号,誕生日\n1,2\n")).toMatchObject({ ok: false, problems: [{ line: 1, reason: expect.stringContaining("使えない列名") }, { line: 1, reason: expect.stringContaining("自治体コード・接種券番号・生年月日") }] });
  expect(await importVouchers("")).toMatchObject({ ok: false, problems: [{ line: 1, reason: expect.stringContaining("ファイルが空です") }] });
  expect(await importVouchers(`${HEADER}\n`)).toMatchObject({ ok: false, problems: [{ line: 2, reason: expect.stringContaining("行がありません") }] });
});

it("refuses staff without the permission (only admins upload vouchers)", async () => {
  const callCenter = await createStaff(t.db, "call_center");
  const outcome = await importVouchers(`${HEADER}\n132012,1000000002,1970-01-01,,,\n`, callCenter);
  expect(outcome).toMatchObject({ ok: false, code: "forbidden", jobId: null });
  const admin = await createStaff(t.db, "admin");
  expect(await importVouchers(`${HEADER}\n132012,1000000002,1970-01-01,,,\n`, admin)).toMatchObject({ ok: true, created: 1 });
  const [row] = await t.db.select().from(vouchers);
  expect(row!.registeredBy).toBe(admin.staffId);
});

it("marks an import cut off by a crash as failed and drops its staging table before the next import", async () => {
  const longAgo = new Date(Date.now() - 60 * 60_000);
  const [cut] = await t.db.insert(importJobs).values({ kind: "vouchers", updatedAt: longAgo, startedAt: longAgo }).returning({ id: importJobs.id });
  const [recent] = await t.db.insert(importJobs).values({ kind: "vouchers" }).returning({ id: importJobs.id });
  await t.db.execute(sql.raw(`create table import_stage_${cut!.id} (line int)`));
  const stageExists = async (id: number) => {
    const rows = (await t.db.execute(sql.raw(`select to_regclass('import_stage_${id}') is not null as present`))) as unknown as { rows?: { present: boolean }[] } | { present: boolean }[];
    const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
    return list[0]!.present;
  };
  expect(await stageExists(cut!.id)).toBe(true);

  const outcome = await importVouchers(`${HEADER}\n132012,1000000002,1970-01-01,,,\n`);
  expect(outcome.ok).toBe(true);
  const jobs = await t.db.select().from(importJobs).orderBy(asc(importJobs.id));
  expect(jobs.find((j) => j.id === cut!.id)).toMatchObject({ status: "failed", phase: "done", message: expect.stringContaining("中断") });
  // An import still making progress (another operator's, right now) is left alone.
  expect(jobs.find((j) => j.id === recent!.id)).toMatchObject({ status: "running" });
  expect(await stageExists(cut!.id)).toBe(false);
});

describe("npm run cli -- import vouchers FILE", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-cli-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the bad lines, writes the report beside the file and imports nothing", async () => {
    const file = path.join(dir, "vouchers.csv");
    fs.writeFileSync(file, `${HEADER}\n132012,1000000002,1970-01-01,,,\n132012,12345,1970-01-01,,,\n`);
    const out: string[] = [];
    const result = await runImportCommand(t.db, "vouchers", importCommandPaths("vouchers", file, {}), (l) => out.push(l), () => {});
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("3行目［接種券番号］") });
    expect(fs.readFileSync(path.join(dir, "vouchers.errors.csv"), "utf8")).toContain('3,"接種券番号"');
    expect(await voucherCount()).toBe(0);
  });

  it("imports a good file", async () => {
    const file = path.join(dir, "vouchers.csv");
    fs.writeFileSync(file, `${HEADER}\n132012,1000000002,1970-01-01,,,\n`);
    const out: string[] = [];
    expect(await runImportCommand(t.db, "vouchers", importCommandPaths("vouchers", file, {}), (l) => out.push(l), () => {})).toEqual({ ok: true });
    expect(out.join("\n")).toContain("接種券を1件登録しました");
    expect(await voucherCount()).toBe(1);
  });
});
