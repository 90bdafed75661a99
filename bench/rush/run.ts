// The booking rush, end to end: the app built and started in production mode as two instances
// on one real PostgreSQL server, N virtual residents arriving at once (waiting room → login →
// availability → booking), and in the same run the database's own ceiling for the same booking
// transaction through bare postgres.js. Prints throughput, latency percentiles, error counts,
// the app/database ratio, the cached pages' requests/s against a plain Node server, and checks
// the invariants afterwards. Not a test: the figures depend on the machine (docs/rush.md, Benchmark).
// The harness itself is bench/rush/rush.ts (also used by tests/e2e/rush.e2e.test.ts).
//
//   npx tsx bench/rush/run.ts [--residents 256] [--slots 5] [--instances 2] [--no-build] [--compress] [--warm-up 3]
//                             [--throughput 600] [--throughput-concurrency 20]
//                             [--admission-rate 200] [--admission-burst N] [--arrive-over-ms 0] [--fault restart-db [--fault-down-s 3] [--fault-at-ms N]]
//
// Uses BENCH_DATABASE_URL if set, otherwise starts its own server with scripts/pg-test-server.sh
// (PG_TEST_DURABLE=1: acknowledged commits survive the fault's immediate stop).
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type net from "node:net";
import os from "node:os";
import {
  actionIds,
  BENCH_SECRET,
  bareCeiling,
  benchPostgres,
  bookingThroughput,
  buildApp,
  checkInvariants,
  driveResidents,
  freshPostgresDatabase,
  hammer,
  health,
  percentile,
  seedRush,
  startInstances,
  warmUp,
} from "./rush";
import type { Sample } from "./resident";
import { flag, has } from "../flags";

const RESIDENTS = Number(flag("residents", "256"));
const SLOTS = Number(flag("slots", "5"));
const INSTANCES = Number(flag("instances", "2"));
const ADMISSION_RATE = Number(flag("admission-rate", "200"));
const ADMISSION_BURST = has("admission-burst") ? Number(flag("admission-burst", "0")) : undefined;
const FAULT = flag("fault", "none");
const ARRIVE_OVER_MS = Number(flag("arrive-over-ms", "0"));
// The fault starts when the first resident presses 確定 (or --fault-at-ms after the start) and keeps the server down --fault-down-s.
const FAULT_AT_MS = has("fault-at-ms") ? Number(flag("fault-at-ms", "0")) : null;
const FAULT_DOWN_S = flag("fault-down-s", "3");
const BUILD = !has("no-build");
// Whole visits each instance serves before the rush (rush.ts warmUp); --warm-up 0 measures freshly started servers.
const WARM_UP = Number(flag("warm-up", "3"));
// The booking step alone (rush.ts bookingThroughput): how many residents press 確定, and how many at a time
// (default: as many as the app's pools hold together, the bare run's clients).
const THROUGHPUT = Number(flag("throughput", "600"));
// The instances stand for app servers behind a load balancer that compresses: gzip off unless --compress.
const COMPRESS = has("compress");
const ROOT = process.cwd();
const POOL_MAX = Number(process.env.DB_POOL_MAX ?? "10");
const THROUGHPUT_CONCURRENCY = Number(flag("throughput-concurrency", String(INSTANCES * POOL_MAX)));

const failedRequest = (s: Sample) => s.status >= 500 || s.status === 0;

function summarize(label: string, samples: Sample[], seconds: number): string {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return (
    `${label.padEnd(14)} ${String(samples.length).padStart(6)} req  ${(samples.length / seconds).toFixed(0).padStart(5)}/s  ` +
    `p50 ${percentile(ms, 50).toFixed(0)} ms  p95 ${percentile(ms, 95).toFixed(0)} ms  p99 ${percentile(ms, 99).toFixed(0)} ms  5xx/failed ${samples.filter(failedRequest).length}`
  );
}

/** Polls every instance's /api/health every 100 ms; returns the changes of status, in time order. */
function watchHealth(bases: string[], origin: number) {
  const changes: { at: number; ms: number; instance: number; from: number; to: number }[] = [];
  const last = bases.map(() => 200);
  let running = true;
  const loops = bases.map(async (base, i) => {
    while (running) {
      const at = performance.now() - origin;
      const status = await health(base);
      if (status !== last[i]) {
        changes.push({ at, ms: performance.now() - origin - at, instance: i + 1, from: last[i]!, to: status });
        last[i] = status;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  return {
    changes,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The fault: an immediate stop and start of our own PostgreSQL server, in a child process (the driver keeps running). */
function restartDatabase(env: NodeJS.ProcessEnv, origin: number): Promise<{ from: number; to: number; code: number | null }> {
  return new Promise((resolve) => {
    const from = performance.now() - origin;
    console.log(`fault: restarting PostgreSQL at ${(from / 1000).toFixed(2)} s…`);
    const child = spawn("bash", ["scripts/pg-test-server.sh", "restart"], { env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => resolve({ from, to: performance.now() - origin, code }));
  });
}

async function main() {
  if (FAULT !== "none" && FAULT !== "restart-db") throw new Error(`unknown fault ${FAULT} (known: restart-db)`);
  if (FAULT === "restart-db" && process.env.BENCH_DATABASE_URL) {
    throw new Error("--fault restart-db restarts the benchmark's own PostgreSQL server: unset BENCH_DATABASE_URL (a server it does not own cannot be restarted)");
  }
  const server = benchPostgres({ PG_TEST_DOWN_SECONDS: FAULT_DOWN_S });
  const { adminUrl } = server;
  const fresh = await freshPostgresDatabase(adminUrl);
  // The app gives up connecting after 5 s (postgres.js waits 30 s by default): during an outage a
  // resident hears "try again" soon rather than waiting half a minute. See docs/rush.md.
  const url = new URL((fresh.target as { url: string }).url);
  url.searchParams.set("connect_timeout", process.env.BENCH_CONNECT_TIMEOUT ?? "5");
  const target = { kind: "postgres" as const, url: url.toString() };
  let stopInstances = async () => {};
  try {
    // SLOTS hot slots the day after tomorrow, room for 80% of the residents.
    const capacity = Math.ceil((RESIDENTS * 0.8) / SLOTS);
    const seed = await seedRush(target, { residents: RESIDENTS, slots: SLOTS, capacity, bare: true, warmUp: WARM_UP * INSTANCES, throughput: THROUGHPUT });

    buildApp(ROOT, !BUILD);
    const ids = actionIds(ROOT);
    const instances = await startInstances(target, { instances: INSTANCES, root: ROOT, admissionRate: ADMISSION_RATE, admissionBurst: ADMISSION_BURST, poolMax: POOL_MAX, compress: COMPRESS, stderr: FAULT === "none" ? "inherit" : fs.openSync("/tmp/vaccine-rush-app.log", "w") });
    stopInstances = instances.stop;
    const { bases } = instances;
    const cpus = os.cpus();
    console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? "?"}, node ${process.version}; ${INSTANCES} app instances, PostgreSQL at ${new URL(adminUrl).host}`);
    console.log(`rush: ${RESIDENTS} residents ${ARRIVE_OVER_MS > 0 ? `arriving evenly over ${ARRIVE_OVER_MS} ms` : "at once"}, ${SLOTS} slots × ${capacity} seats, admission rate ${ADMISSION_RATE}/s (burst ${ADMISSION_BURST ?? ADMISSION_RATE}), gzip ${COMPRESS ? "on" : "off (HTTP_COMPRESSION=off)"}${FAULT !== "none" ? `, fault: ${FAULT} (${FAULT_DOWN_S} s down) ${FAULT_AT_MS === null ? "at the first 確定" : `at ${FAULT_AT_MS} ms`}` : ""}`);

    if (WARM_UP > 0) {
      await warmUp(bases, ids, seed, (((ADMISSION_BURST ?? ADMISSION_RATE) / ADMISSION_RATE) * 1000) + 1000);
      console.log(`warm-up: ${WARM_UP} whole visits per instance before the rush (not counted; --warm-up 0 to skip)`);
    }
    const origin = performance.now();
    const watcher = FAULT === "none" ? null : watchHealth(bases, origin);
    let fault: Promise<{ from: number; to: number; code: number | null }> | null = null;
    const startFault = () => {
      if (FAULT !== "none" && !fault) fault = restartDatabase(server.env, origin);
    };
    const faultTimer = FAULT_AT_MS === null ? null : setTimeout(startFault, FAULT_AT_MS);
    const rush = await driveResidents(bases, ids, seed, {
      // Under the fault a resident who met an error tries again, as a person would, for up to a minute.
      retryMs: FAULT === "none" ? undefined : 60_000,
      log: (line) => console.log(line),
      arriveOverMs: ARRIVE_OVER_MS,
      onConfirm: FAULT_AT_MS === null ? startFault : undefined,
    });
    if (faultTimer) clearTimeout(faultTimer);
    const restart = fault ? await (fault as Promise<{ from: number; to: number; code: number | null }>) : null;
    if (watcher) {
      // Keep watching until every instance answers 200 again (or 30 s).
      const end = performance.now() + 30_000;
      while (performance.now() < end && (await Promise.all(bases.map(health))).some((s) => s !== 200)) await new Promise((r) => setTimeout(r, 200));
      await watcher.stop();
    }
    const { seconds, samples } = rush;
    // RUSH_SAMPLES=file: every request's kind, start (ms into the rush), latency and status, as JSON.
    if (process.env.RUSH_SAMPLES) fs.writeFileSync(process.env.RUSH_SAMPLES, JSON.stringify(samples));
    const count = (r: string) => rush.residents.filter((x) => x.outcome.result === r).length;
    const waited = rush.residents.map((r) => r.waitedMs).sort((a, b) => a - b);
    console.log(
      `\nresidents done in ${seconds.toFixed(1)} s: booked ${count("booked")}, refused ${count("refused")}, failed ${count("failed")}; ` +
        `waited in the queue p50 ${(percentile(waited, 50) / 1000).toFixed(1)} s, max ${(waited.at(-1)! / 1000).toFixed(1)} s`,
    );
    for (const kind of [...new Set(samples.map((s) => s.kind))]) console.log(summarize(kind, samples.filter((s) => s.kind === kind), seconds));
    console.log(summarize("all requests", samples, seconds));
    // The waiting room's answers are the queue; the requests it let through are what the app served.
    console.log(summarize("past the queue", samples.filter((s) => s.kind !== "waiting"), seconds));
    // When the slow requests happened: p99 of each 5 s of the rush (by when the request was sent).
    const windows: string[] = [];
    for (let from = 0; from < seconds * 1000; from += 5000) {
      const inWindow = samples.filter((s) => s.at >= from && s.at < from + 5000);
      if (inWindow.length === 0) continue;
      const p99 = (list: Sample[]) => percentile(list.map((s) => s.ms).sort((a, b) => a - b), 99).toFixed(0);
      const served = inWindow.filter((s) => s.kind !== "waiting");
      windows.push(`${from / 1000}–${from / 1000 + 5} s: ${inWindow.length} req p99 ${p99(inWindow)} ms${served.length ? ` (past the queue ${p99(served)})` : ""}`);
    }
    console.log(`over time: ${windows.join("; ")}`);
    const confirms = samples.filter((s) => s.kind === "book-confirm");
    const bookTimes = rush.residents.flatMap((r) => (r.confirmedAt === undefined ? [] : [r.confirmedAt]));
    const bookingSpan = bookTimes.length > 1 ? (Math.max(...bookTimes) - Math.min(...bookTimes)) / 1000 : seconds;

    if (restart && watcher) {
      console.log(`\nfault: pg-test-server.sh restart from ${(restart.from / 1000).toFixed(2)} s to ${(restart.to / 1000).toFixed(2)} s (exit ${restart.code})`);
      console.log("health timeline (/api/health polled every 100 ms per instance, time the poll was sent; no answer = none within 5 s):");
      for (const c of watcher.changes.sort((a, b) => a.at - b.at)) {
        console.log(`  ${(c.at / 1000).toFixed(2)} s  instance ${c.instance}: ${c.from || "no answer"} → ${c.to || "no answer"} (answered in ${c.ms.toFixed(0)} ms)`);
      }
      if (watcher.changes.length === 0) console.log("  (no change seen: every poll answered 200)");
      const retried = rush.residents.filter((r) => r.attempts > 1);
      console.log(`residents who met the fault and tried again: ${retried.length} (attempts max ${Math.max(1, ...rush.residents.map((r) => r.attempts))})`);
      const failed = samples.filter(failedRequest);
      const unclear = failed.filter((s) => !s.clear);
      const byKind = new Map<string, number>();
      for (const s of failed) byKind.set(`${s.kind} ${s.status || "no answer"}${s.clear ? "" : " UNCLEAR"}`, (byKind.get(`${s.kind} ${s.status || "no answer"}${s.clear ? "" : " UNCLEAR"}`) ?? 0) + 1);
      console.log(`failed requests: ${failed.length}, of which without a clear Japanese answer: ${unclear.length}`);
      for (const [k, n] of byKind) console.log(`  ${k}: ${n}`);
      const messages = new Map<string, number>();
      for (const r of rush.residents) for (const m of r.outcome.result === "booked" ? [] : [r.outcome.message]) messages.set(m, (messages.get(m) ?? 0) + 1);
      console.log("final answers other than booked:");
      for (const [m, n] of messages) console.log(`  ${n} × ${m.slice(0, 100)}`);
    }

    const invariants = await checkInvariants(target, seed, rush);
    const fivexx = samples.filter(failedRequest).length;
    const unclear = samples.filter((s) => failedRequest(s) && !s.clear).length;
    console.log(
      `\ninvariants: slots over capacity ${invariants.overCapacity}, miscounted ${invariants.miscounted}, vouchers with two active reservations ${invariants.doubleBooked}, ` +
        `told booked but not in the database ${invariants.bookedNotInDatabase.length}, not told booked but holding a reservation ${invariants.notBookedButReserved.length}, ` +
        `reservations without audit line ${invariants.unaudited}, 5xx/no answer ${fivexx} (unclear ${unclear})`,
    );
    for (const r of invariants.notBookedButReserved) console.log(`  ${r.voucherNumber} (${r.result}): ${r.message.slice(0, 100)}`);
    const broken =
      invariants.overCapacity + invariants.miscounted + invariants.doubleBooked + invariants.bookedNotInDatabase.length + invariants.unaudited > 0 ||
      // Under the fault an interrupted commit may have gone through unacknowledged: the resident was told to check My page.
      (FAULT === "none" ? invariants.notBookedButReserved.length > 0 || fivexx > 0 || rush.residents.some((r) => r.outcome.result === "failed") : unclear > 0);
    if (broken) process.exitCode = 1;

    // The database's ceiling: the same transaction, bare, at the app's concurrency to the database.
    const concurrency = INSTANCES * POOL_MAX;
    const bare = await bareCeiling(target.url, seed.bareSlotIds, seed.bareVoucherIds, concurrency);
    const bareRate = bare.attempts / bare.seconds;
    console.log(`\nbare postgres.js, ${concurrency} clients: ${bare.attempts} attempts in ${bare.seconds.toFixed(2)} s = ${bareRate.toFixed(0)} attempts/s (${bare.booked} booked)`);
    const appAttempts = confirms.length / Math.max(bookingSpan, 0.001);
    const appRate = count("booked") / Math.max(bookingSpan, 0.001);
    // Not a throughput figure: confirms that were in flight together are partly done before the first one answers,
    // so the span between the first and the last answer is shorter than the work. The comparison with the bare
    // transaction is the booking step alone, below.
    console.log(
      `app during the rush: ${appAttempts.toFixed(0)} 確定 answers/s (${appRate.toFixed(0)} bookings/s) between the first and the last answer (${bookingSpan.toFixed(1)} s)`,
    );

    // The booking step alone, at the bare run's concurrency, against the bare transaction on slots and vouchers of the same size.
    if (THROUGHPUT > 0) {
      const alone = await bookingThroughput(bases, ids, seed, BENCH_SECRET, THROUGHPUT_CONCURRENCY);
      const aloneRate = alone.attempts / alone.seconds;
      const aloneChecked = await checkInvariants(target, { ...seed, slotIds: seed.throughput!.slotIds }, { residents: [], seconds: alone.seconds, samples: [] });
      const aloneBare = await bareCeiling(target.url, seed.throughput!.bareSlotIds, seed.throughput!.bareVoucherIds, THROUGHPUT_CONCURRENCY);
      const aloneBareRate = aloneBare.attempts / aloneBare.seconds;
      const seated = aloneChecked.slots.reduce((n, x) => n + x.bookedCount, 0);
      console.log(`\nbooking step alone (確定 through the app, ${THROUGHPUT_CONCURRENCY} at a time, residents already let in, logged in and past the review step):`);
      console.log(summarize("book-confirm", alone.samples, alone.seconds));
      console.log(
        `  ${alone.attempts} attempts in ${alone.seconds.toFixed(2)} s = ${aloneRate.toFixed(0)} attempts/s (${alone.booked} booked, ${alone.refused} refused full, ${alone.samples.filter(failedRequest).length} 5xx); ` +
          `seats taken ${seated}, slots over capacity ${aloneChecked.overCapacity}, miscounted ${aloneChecked.miscounted}, vouchers with two active reservations ${aloneChecked.doubleBooked}`,
      );
      console.log(
        `  bare postgres.js, ${THROUGHPUT_CONCURRENCY} clients, same size: ${aloneBare.attempts} attempts in ${aloneBare.seconds.toFixed(2)} s = ${aloneBareRate.toFixed(0)} attempts/s → app/database ${((aloneRate / aloneBareRate) * 100).toFixed(0)}% (target ≥ 25%)`,
      );
      if (alone.booked !== seated || aloneChecked.overCapacity + aloneChecked.miscounted + aloneChecked.doubleBooked + aloneChecked.unaudited > 0 || alone.samples.some(failedRequest)) {
        console.log("  booking step alone: invariants BROKEN");
        process.exitCode = 1;
      }
    }

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
    console.log(broken ? "\nRESULT: invariants BROKEN" : "\nRESULT: invariants held");
  } finally {
    await stopInstances();
    await fresh.drop();
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
