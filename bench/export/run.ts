// VRS export of 1,000,000 dose records on a real PostgreSQL, beside the bare ceiling: COPY … TO
// STDOUT of the same rows with postgres.js. Each measurement runs in its own child process so its
// peak RSS is its own.
//
//   BENCH_DATABASE_URL=postgres://test@127.0.0.1:54329/test npm run bench:export -- [doses]
//
// Each export prints PASS or FAIL against the targets of issue 10 (1,000,000 doses in at most
// 10 s and 200 MB peak RSS); a FAIL makes the exit status 1. The targets are for the full
// million: a smaller run shows that the bench works, not that the targets hold.
//
// A fresh database is created on that server (500,000 vouchers × 2 doses by default) and dropped
// at the end. Not a test: the figures depend on the machine (docs/vrs.md has ours).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "@/db/client";
import { initMunicipality } from "@/db/seed/reference";
import { openVrsExport, type VrsEncoding } from "@/lib/export/vrs";

interface Figures {
  label: string;
  seconds: number;
  rows: number;
  doses: number;
  bytes: number;
  peakRssMb: number;
}

function outFile(label: string): string {
  return path.join(os.tmpdir(), `vrs-bench-${process.pid}-${label}.csv`);
}

function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function childExport(url: string, encoding: VrsEncoding, onlyPending: boolean): Promise<Figures> {
  const database = await openDatabase({ url, poolMax: 2 });
  const label = `export-${encoding}${onlyPending ? "-pending" : ""}`;
  const file = outFile(label);
  try {
    const started = performance.now();
    const opened = await openVrsExport(database.db, { kind: "system", name: "bench" }, { encoding, onlyPending });
    if (!opened.ok) throw new Error(opened.reason);
    await pipeline(Readable.from(opened.body), fs.createWriteStream(file));
    const seconds = (performance.now() - started) / 1000;
    return { label, seconds, rows: opened.stats.rows, doses: opened.stats.doses, bytes: fs.statSync(file).size, peakRssMb: peakRssMb() };
  } finally {
    fs.rmSync(file, { force: true });
    await database.close();
  }
}

/** The same dose rows, joined the same way, as plain CSV straight from the server. */
async function childCopy(url: string): Promise<Figures> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const file = outFile("copy");
  try {
    const [counted] = await sql<{ n: string }[]>`select count(*) as n from dose_records`;
    const n = counted!.n;
    const started = performance.now();
    const readable = await sql`copy (
        select d.voucher_id, d.dose_number,
          to_char(d.recorded_at at time zone 'Asia/Tokyo', 'YYYYMMDDHH24MISS'), to_char(d.administered_on, 'YYYYMMDD'),
          v.voucher_number, '132012', ve.name, d.doctor_name, p.vrs_maker_name, d.lot_number
        from dose_records d
        join vouchers v on v.id = d.voucher_id
        join venues ve on ve.id = d.venue_id
        join vaccine_products p on p.code = d.product_code
        order by d.voucher_id, d.dose_number
      ) to stdout with (format csv)`.readable();
    await pipeline(readable, fs.createWriteStream(file));
    const seconds = (performance.now() - started) / 1000;
    return { label: "copy-ceiling", seconds, rows: Number(n), doses: Number(n), bytes: fs.statSync(file).size, peakRssMb: peakRssMb() };
  } finally {
    fs.rmSync(file, { force: true });
    await sql.end({ timeout: 5 });
  }
}

function runChild(url: string, ...args: string[]): Figures {
  const result = spawnSync(process.execPath, [...process.execArgv, __filename, "--child", url, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new Error(`child ${args.join(" ")} failed (${result.status})`);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as Figures;
}

async function seed(url: string, doses: number): Promise<void> {
  const database = await openDatabase({ url, poolMax: 2 });
  try {
    await migrateDatabase(database);
    await initMunicipality(database.db, "132012", "八王子市");
  } finally {
    await database.close();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const voucherCount = Math.ceil(doses / 2);
    await sql`insert into venues (code, name, kind) values
      ('M01', '市民体育館 集団接種会場', 'mass'), ('C01', 'たかお内科クリニック', 'clinic'), ('C02', 'みなみ野内科・小児科クリニック', 'clinic')`;
    await sql`insert into vouchers (municipality_code, voucher_number, birth_date)
      select '132012', lpad(g::text, 10, '0'), date '1940-01-01' + (g % 25000)
      from generate_series(1, ${voucherCount}::int) g`;
    // Dose 1 and dose 2 (21 days later) for every voucher; lots and doctors vary.
    await sql`insert into dose_records (voucher_id, venue_id, dose_number, product_code, lot_number, administered_on, doctor_name, recorded_at)
      select v.id, (select id from venues order by id offset (v.id % 3) limit 1), d.n,
        case when v.id % 4 = 0 then 'MODERNA' else 'PFIZER' end,
        'FA' || lpad((v.id % 5000)::text, 4, '0'),
        date '2025-01-05' + (v.id % 300)::int + (d.n - 1) * 28,
        case when v.id % 7 = 0 then '' else '接種 医師' || (v.id % 40) end,
        timestamptz '2025-01-05 10:00+09' + make_interval(days => (v.id % 300)::int + (d.n - 1) * 28, secs => (v.id % 28800)::int)
      from vouchers v cross join (values (1), (2)) as d(n)
      where (v.id - 1) * 2 + d.n <= ${doses}::int`;
    await sql`vacuum analyze`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const TARGET_SECONDS = 10;
const TARGET_RSS_MB = 200;

function print(f: Figures, judged = false): void {
  const perSecond = Math.round(f.doses / f.seconds);
  const rowsPerSecond = Math.round(f.rows / f.seconds);
  let verdict = "";
  if (judged) {
    const pass = f.seconds <= TARGET_SECONDS && f.peakRssMb <= TARGET_RSS_MB;
    if (!pass) process.exitCode = 1;
    verdict = `  ${pass ? "PASS" : "FAIL"} (≤ ${TARGET_SECONDS} s, ≤ ${TARGET_RSS_MB} MB)`;
  }
  console.log(
    `${f.label.padEnd(20)} ${f.seconds.toFixed(2).padStart(6)} s  ${String(f.rows).padStart(8)} rows  ${String(rowsPerSecond).padStart(8)} rows/s  ` +
      `${String(f.doses).padStart(8)} doses  ${String(perSecond).padStart(8)} doses/s  ${(f.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB file  ` +
      `peak RSS ${f.peakRssMb} MB${verdict}`,
  );
}

async function main() {
  if (process.argv[2] === "--child") {
    const [, , , url, mode, encoding, pending] = process.argv;
    const figures = mode === "copy" ? await childCopy(url!) : await childExport(url!, encoding as VrsEncoding, pending === "pending");
    console.log(JSON.stringify(figures));
    return;
  }
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    console.error("BENCH_DATABASE_URL (a PostgreSQL server where a database may be created) is required.");
    process.exit(2);
  }
  const doses = Number(process.argv[2] ?? 1_000_000);
  const name = `bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const seeding = performance.now();
    await seed(url.toString(), doses);
    console.log(`seeded ${doses} dose records in ${((performance.now() - seeding) / 1000).toFixed(1)} s (${os.cpus().length} cores, node ${process.version})`);
    print(runChild(url.toString(), "copy"));
    print(runChild(url.toString(), "export", "utf8"), true);
    print(runChild(url.toString(), "export", "sjis"), true);
    // After the full exports every dose counts as exported: the pending filter's cost on its own.
    print(runChild(url.toString(), "export", "utf8", "pending"), true);
  } finally {
    if (process.env.BENCH_KEEP_DATABASE === "1") console.log(`kept database ${url.toString()}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
