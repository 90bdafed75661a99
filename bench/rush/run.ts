// The booking rush, end to end: the app built and started in production mode as two instances
// on one real PostgreSQL server, N virtual residents arriving at once (waiting room → login →
// availability → booking), and in the same run the database's own ceiling for the same booking
// transaction through bare postgres.js. Prints throughput, latency percentiles, error counts,
// the app/database ratio, the cached pages' requests/s against a plain Node server, and checks
// the invariants afterwards. Not a test: the figures depend on the machine (README, Performance).
//
//   npx tsx bench/rush/run.ts [--residents 256] [--slots 5] [--instances 2] [--no-build]
//                             [--admission-rate 200] [--fault restart-db]
//
// Uses BENCH_DATABASE_URL if set, otherwise starts its own server with scripts/pg-test-server.sh.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "@/db/client";
import { municipality, slots, venues, vouchers } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { Resident, type Sample } from "./resident";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const RESIDENTS = Number(flag("residents", "256"));
const SLOTS = Number(flag("slots", "5"));
const INSTANCES = Number(flag("instances", "2"));
const ADMISSION_RATE = flag("admission-rate", "200");
const FAULT = flag("fault", "none");
const BUILD = !args.includes("--no-build");
const ROOT = process.cwd();

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitHealthy(base: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${base} did not become healthy`);
}

function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`server action ${exportedName} in ${filename} not found in the build`);
  return found[0];
}

function summarize(label: string, samples: Sample[], seconds: number): string {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const fivexx = samples.filter((s) => s.status >= 500 || s.status === 0).length;
  return (
    `${label.padEnd(14)} ${String(samples.length).padStart(6)} req  ${(samples.length / seconds).toFixed(0).padStart(5)}/s  ` +
    `p50 ${percentile(ms, 50).toFixed(0)} ms  p95 ${percentile(ms, 95).toFixed(0)} ms  p99 ${percentile(ms, 99).toFixed(0)} ms  5xx/failed ${fivexx}`
  );
}

/** requests/s of GET `url` with `concurrency` keep-alive loops for `seconds`. */
async function hammer(url: string, concurrency: number, seconds: number, headers: Record<string, string> = {}): Promise<{ rps: number; errors: number }> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        try {
          const res = await fetch(url, { headers, redirect: "manual" });
          await res.arrayBuffer();
          if (res.status >= 500) errors++;
          count++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { rps: count / seconds, errors };
}

/** The same booking transaction as bookSlot, in bare postgres.js: the database's ceiling. */
async function bareCeiling(url: string, slotIds: number[], voucherIds: number[], concurrency: number) {
  const sql = postgres(url, { max: concurrency, onnotice: () => {} });
  let next = 0;
  let booked = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < voucherIds.length) {
        const voucherId = voucherIds[next++]!;
        const slotId = slotIds[Math.floor(Math.random() * slotIds.length)]!;
        const ok = await sql.begin(async (tx) => {
          await tx`select id from vouchers where id = ${voucherId} for update`;
          const [active] = await tx`select 1 from reservations where voucher_id = ${voucherId} and status in ('booked','checked_in')`;
          if (active) return false;
          const [slot] = await tx`update slots set booked_count = booked_count + 1 where id = ${slotId} and booked_count < capacity and status = 'open' returning product_code`;
          if (!slot) return false;
          const [r] = await tx`insert into reservations (reservation_number, voucher_id, slot_id, dose_number, product_code, channel)
            values (${"B" + randomBytes(6).toString("hex")}, ${voucherId}, ${slotId}, 1, ${slot.product_code}, 'web') returning id`;
          await tx`insert into audit_log (actor_kind, actor_id, action, entity, entity_id, voucher_id) values ('system', 'bench', 'reservation.book', 'reservation', ${String(r!.id)}, ${voucherId})`;
          return true;
        });
        if (ok) booked++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await sql.end({ timeout: 5 });
  return { attempts: voucherIds.length, booked, seconds };
}

async function main() {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let ownServer = false;
  const pgEnv = { ...process.env, PGPORT: "54339", PG_TEST_STATE_DIR: "/tmp/vaccine-pg-rush" };
  if (!adminUrl) {
    adminUrl = execFileSync("bash", ["scripts/pg-test-server.sh", "start"], { env: pgEnv, encoding: "utf8" }).trim().split("\n").at(-1)!;
    ownServer = true;
  }
  const dbName = `rush_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const servers: ChildProcess[] = [];
  try {
    // Seed: one municipality, one venue, SLOTS hot slots the day after tomorrow (80% of the
    // residents fit), vouchers for the app run and as many again for the bare run.
    const database = await openDatabase({ url: databaseUrl, poolMax: 4 });
    await migrateDatabase(database);
    const { db } = database;
    await initMunicipality(db, "132012", "八王子市");
    await db.update(municipality).set({ bookingWindowDays: 60 });
    // The bare run books into a venue of its own: the same times at one venue would break slots_unique_time.
    const [venue, bareVenue] = await db
      .insert(venues)
      .values([
        { code: "M01", name: "市民会館", kind: "mass" },
        { code: "M02", name: "体育館", kind: "mass" },
      ])
      .returning();
    const date = addDays(tokyoDate(new Date()), 2);
    const capacity = Math.ceil((RESIDENTS * 0.8) / SLOTS);
    const makeSlots = async (venueId: number) =>
      (
        await db
          .insert(slots)
          .values(Array.from({ length: SLOTS }, (_, i) => ({ venueId, date, startTime: `${String(9 + i).padStart(2, "0")}:00`, endTime: `${String(9 + i).padStart(2, "0")}:30`, capacity, productCode: "PFIZER" })))
          .returning({ id: slots.id })
      ).map((s) => s.id);
    const appSlots = await makeSlots(venue!.id);
    const bareSlots = await makeSlots(bareVenue!.id);
    const voucherRows = await db
      .insert(vouchers)
      .values(Array.from({ length: RESIDENTS * 2 }, (_, i) => ({ municipalityCode: "132012", voucherNumber: String(5000000000 + i), birthDate: "1970-04-01" })))
      .returning({ id: vouchers.id, number: vouchers.voucherNumber });
    await database.close();

    if (BUILD || !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
      console.log("building (next build)…");
      execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    }
    const ids = {
      login: actionId("app/(resident)/login/actions.ts", "residentLoginAction"),
      book: actionId("app/(resident)/book/[slotId]/actions.ts", "bookingFormAction"),
    };
    const bases: string[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const port = await freePort();
      const child = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: databaseUrl,
          DB_POOL_MAX: process.env.DB_POOL_MAX ?? "10",
          NEXTAUTH_SECRET: "rush-bench-secret-0123456789-0123456789",
          NEXTAUTH_URL: `http://127.0.0.1:${port}`,
          ADMISSION_RATE,
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      servers.push(child);
      bases.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(bases.map((b) => waitHealthy(b, 60_000)));
    const cpus = (await import("node:os")).cpus();
    console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? "?"}, node ${process.version}; ${INSTANCES} app instances, PostgreSQL at ${new URL(adminUrl).host}`);
    console.log(`rush: ${RESIDENTS} residents at once, ${SLOTS} slots × ${capacity} seats, admission rate ${ADMISSION_RATE}/s${FAULT !== "none" ? `, fault: ${FAULT}` : ""}`);

    // Warm each instance's routes once (first requests compile nothing in production, but open pools).
    for (const base of bases) await fetch(`${base}/`).then((r) => r.arrayBuffer());

    const residents = voucherRows.slice(0, RESIDENTS).map((v, i) => ({ v, r: new Resident(bases[i % bases.length]!, ids, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`) }));
    let booked = 0;
    let refused = 0;
    let failed = 0;
    const bookTimes: number[] = [];
    const started = performance.now();
    let faultDone: Promise<void> = Promise.resolve();
    if (FAULT === "restart-db" && ownServer) {
      faultDone = new Promise((resolve) =>
        setTimeout(() => {
          console.log("fault: restarting PostgreSQL…");
          execFileSync("bash", ["scripts/pg-test-server.sh", "restart"], { env: pgEnv, stdio: "inherit" });
          resolve();
        }, 1500),
      );
    }
    await Promise.all(
      residents.map(async ({ v, r }) => {
        try {
          if (!(await r.login(v.number, "1970-04-01"))) {
            failed++;
            return;
          }
          await r.page("availability", `/slots?date=${date}`);
          const slotId = appSlots[Math.floor(Math.random() * appSlots.length)]!;
          const done = await r.book(slotId);
          bookTimes.push(performance.now() - started);
          if (done?.startsWith("/reservations/")) booked++;
          else refused++;
        } catch (e) {
          failed++;
          if (failed <= 3) console.error(e);
        }
      }),
    );
    await faultDone;
    const seconds = (performance.now() - started) / 1000;
    const samples = residents.flatMap(({ r }) => r.samples);
    const waited = residents.map(({ r }) => r.waitedMs).sort((a, b) => a - b);
    console.log(`\nresidents done in ${seconds.toFixed(1)} s: booked ${booked}, refused (full) ${refused}, failed ${failed}; waited in the queue p50 ${(percentile(waited, 50) / 1000).toFixed(1)} s, max ${(waited.at(-1)! / 1000).toFixed(1)} s`);
    for (const kind of [...new Set(samples.map((s) => s.kind))]) console.log(summarize(kind, samples.filter((s) => s.kind === kind), seconds));
    console.log(summarize("all requests", samples, seconds));
    const confirms = samples.filter((s) => s.kind === "book-confirm");
    const bookingSpan = bookTimes.length > 1 ? (Math.max(...bookTimes) - Math.min(...bookTimes)) / 1000 : seconds;
    const appRate = booked / Math.max(bookingSpan, 0.001);

    // The database's ceiling: the same transaction, bare, at the app's concurrency to the database.
    const concurrency = INSTANCES * Number(process.env.DB_POOL_MAX ?? "10");
    const bare = await bareCeiling(databaseUrl, bareSlots, voucherRows.slice(RESIDENTS).map((v) => v.id), concurrency);
    const bareRate = bare.attempts / bare.seconds;
    console.log(`\nbare postgres.js, ${concurrency} clients: ${bare.attempts} attempts in ${bare.seconds.toFixed(2)} s = ${bareRate.toFixed(0)} attempts/s (${bare.booked} booked)`);
    const appAttempts = confirms.length / Math.max(bookingSpan, 0.001);
    console.log(`app: ${appAttempts.toFixed(0)} booking attempts/s (${appRate.toFixed(0)} bookings/s) over the booking span ${bookingSpan.toFixed(1)} s → app/database ${((appAttempts / bareRate) * 100).toFixed(0)}%`);

    // Cached resident pages against a plain Node http server, same machine, same run.
    const plain = http.createServer((_, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>plain</title><p>" + "x".repeat(4000));
    });
    await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
    const plainUrl = `http://127.0.0.1:${(plain.address() as net.AddressInfo).port}/`;
    const landing = await hammer(`${bases[0]}/`, 32, 5);
    const waitingRoom = await hammer(`${bases[0]}/waiting?next=/login`, 32, 5);
    const baseline = await hammer(plainUrl, 32, 5);
    plain.close();
    console.log(`\ncached pages, 32 connections × 5 s on one instance: landing ${landing.rps.toFixed(0)} req/s, waiting room ${waitingRoom.rps.toFixed(0)} req/s; plain Node http ${baseline.rps.toFixed(0)} req/s`);

    const check = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [over] = await check<{ n: number }[]>`select count(*)::int as n from slots where booked_count > capacity
      or booked_count <> (select count(*) from reservations r where r.slot_id = slots.id and r.status in ('booked','checked_in','vaccinated','screened_only'))`;
    const [doubled] = await check<{ n: number }[]>`select count(*)::int as n from (select voucher_id from reservations
      where status in ('booked','checked_in') group by voucher_id having count(*) > 1) d`;
    await check.end({ timeout: 5 });
    const fivexx = samples.filter((s) => s.status >= 500 || s.status === 0).length;
    console.log(`invariants: slots over capacity or miscounted ${over!.n}, vouchers with two active reservations ${doubled!.n}, 5xx ${fivexx}`);
    if (over!.n !== 0 || doubled!.n !== 0 || (FAULT === "none" && (fivexx > 0 || failed > 0))) process.exitCode = 1;
  } finally {
    for (const s of servers) s.kill("SIGTERM");
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
    if (ownServer) execFileSync("bash", ["scripts/pg-test-server.sh", "stop"], { env: pgEnv, stdio: "inherit" });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
