// The voucher import against a real PostgreSQL server, and in the same run the bare ceiling:
// the same file piped straight into COPY FROM STDIN with postgres.js (no validation, no report).
//
//   BENCH_DATABASE_URL=postgres://test@127.0.0.1:54329/test npx tsx bench/import/run.ts [--rows N] [--file F]
//
// Each run creates a fresh database (dropped at the end), generates the file when missing,
// imports it through lib/import (parse, validate, staging COPY, duplicate checks, one
// INSERT … SELECT) and prints rows/s and the process's peak RSS; then the ceiling.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "@/db/client";
import { initMunicipality } from "@/db/seed/reference";
import { runImport } from "@/lib/import/run-import";
import { generateVoucherCsv } from "./generate";

function mb(kb: number) {
  return `${(kb / 1024).toFixed(0)} MB`;
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const rows = Number(flag("rows") ?? 1_000_000);
  const file = flag("file") ?? `tmp/bench-vouchers-${rows}.csv`;
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("BENCH_DATABASE_URL (a PostgreSQL server where we may CREATE DATABASE) is required");
  if (!fs.existsSync(file)) {
    fs.mkdirSync("tmp", { recursive: true });
    const t = Date.now();
    await generateVoucherCsv(file, rows);
    console.log(`generated ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const size = fs.statSync(file).size;

  const name = `bench_import_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    await migrateDatabase(database);
    await initMunicipality(database.db, "132012", "八王子市");

    const rssBefore = process.resourceUsage().maxRSS;
    let sampledPeak = 0;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 100);
    const started = process.hrtime.bigint();
    const outcome = await runImport(database.db, { kind: "system", name: "bench" }, "vouchers", fs.createReadStream(file, { highWaterMark: 256 * 1024 }), {
      onProgress: (p) => void process.stderr.write(`  ${p.phase} ${p.lines.toLocaleString()} lines ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    if (!outcome.ok) throw new Error(`import refused: ${outcome.message} ${JSON.stringify(outcome.problems.slice(0, 3))}`);
    console.log(
      `import (lib/import: decode + parse + validate + COPY into staging + one INSERT…SELECT): ${outcome.imported.toLocaleString()} rows in ${seconds.toFixed(2)} s = ${Math.round(outcome.imported / seconds).toLocaleString()} rows/s; peak RSS ${mb(process.resourceUsage().maxRSS)} (sampled ${mb(sampledPeak / 1024)}, before ${mb(rssBefore)})`,
    );

    // The ceiling: the same bytes into a table shaped like vouchers (same indexes and checks).
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await sql.unsafe(`create table vouchers_ceiling (like vouchers including all)`);
    const t0 = process.hrtime.bigint();
    const writable = await sql
      .unsafe(`copy vouchers_ceiling (municipality_code, voucher_number, birth_date, prior_dose_count, prior_last_dose_date, prior_last_product_code) from stdin with (format csv, header true)`)
      .writable();
    await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), writable);
    const copySeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from vouchers_ceiling`;
    const n = row?.n ?? 0;
    console.log(`ceiling (file piped into COPY FROM STDIN, postgres.js): ${n.toLocaleString()} rows in ${copySeconds.toFixed(2)} s = ${Math.round(n / copySeconds).toLocaleString()} rows/s (${(size / 1e6).toFixed(1)} MB)`);
    await sql.end({ timeout: 5 });
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
