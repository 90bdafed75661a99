// The booking rush as a harness, shared by the benchmark (bench/rush/run.ts) and the CI test
// (tests/e2e/rush.e2e.test.ts): a fresh database seeded for a rush, N `next start` instances on
// it (PostgreSQL, or a PGlite data directory for one instance), virtual residents driven over
// HTTP as a browser would, and the invariants checked in the database afterwards.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type Database } from "@/db/client";
import { municipality, slots, venues, vouchers } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { PASS_COOKIE, signToken } from "@/lib/admission/token";
import { Resident, type ActionIds, type Answer, type Sample } from "./resident";
import { rowsOf } from "@/db/rows";

export type RushTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export const BIRTH_DATE = "1970-04-01";

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A new database on the PostgreSQL server at `adminUrl`; `drop` removes it (force: the app may still hold connections). */
export async function freshPostgresDatabase(adminUrl: string): Promise<{ target: RushTarget; drop: () => Promise<void> }> {
  const name = `rush_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * The PostgreSQL server a benchmark runs on: BENCH_DATABASE_URL's, or a throwaway one of its own
 * (scripts/pg-test-server.sh on port 54339, PG_TEST_DURABLE=1: acknowledged commits survive an
 * immediate stop), which `stop` stops. `env` is the script's environment (`extra` added), for a
 * restart in the middle of a run.
 */
export function benchPostgres(extra: Record<string, string> = {}): { adminUrl: string; own: boolean; env: NodeJS.ProcessEnv; stop: () => void } {
  const env = { ...process.env, PGPORT: "54339", PG_TEST_STATE_DIR: "/tmp/vaccine-pg-rush", PG_TEST_DURABLE: "1", ...extra };
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { adminUrl: given, own: false, env, stop: () => {} };
  const adminUrl = execFileSync("bash", ["scripts/pg-test-server.sh", "start"], { env, encoding: "utf8" }).trim().split("\n").at(-1)!;
  return { adminUrl, own: true, env, stop: () => execFileSync("bash", ["scripts/pg-test-server.sh", "stop"], { env, stdio: "inherit" }) };
}

/** `next build` in `root`, unless `reuse` (--no-build) and a build is there. */
export function buildApp(root: string, reuse: boolean): void {
  if (reuse && fs.existsSync(path.join(root, ".next/BUILD_ID"))) return;
  console.log("building (next build)…");
  execFileSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/** A new PGlite data directory under the system's temp directory (one app instance only: PGlite has no lock between processes). */
export function freshPgliteDir(): { target: RushTarget; drop: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaccine-rush-"));
  return {
    target: { kind: "pglite", dataDir: path.join(dir, "pglite") },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function openTarget(target: RushTarget, poolMax = 4): Promise<Database> {
  return target.kind === "postgres" ? openDatabase({ url: target.url, poolMax }) : openDatabase({ dataDir: target.dataDir });
}

export interface RushSeed {
  date: string;
  capacity: number;
  slotIds: number[];
  vouchers: { id: number; number: string }[];
  /** A second venue with the same slots and as many vouchers again, for the bare postgres.js run. */
  bareSlotIds: number[];
  bareVoucherIds: number[];
  /**
   * With `throughput`: for the booking step alone (bookingThroughput), a venue of its own with the
   * same slots and `throughput` vouchers, and as much again for the bare run at the same size.
   */
  throughput?: { slotIds: number[]; vouchers: { id: number; number: string }[]; bareSlotIds: number[]; bareVoucherIds: number[] };
  /** With `warmUp`: a slot of its own (16:00 at the first venue) and vouchers that book it before the rush. */
  warmUp?: { slotId: number; vouchers: { id: number; number: string }[] };
}

/**
 * One municipality, one venue with `slots` slots the day after tomorrow (`capacity` seats each),
 * a voucher per resident; with `bare`, a second venue and voucher set for the database's ceiling
 * (the same times at one venue would break slots_unique_time).
 */
export async function seedRush(
  target: RushTarget,
  options: { residents: number; slots: number; capacity: number; bare?: boolean; warmUp?: number; throughput?: number },
): Promise<RushSeed> {
  const database = await openTarget(target);
  try {
    await migrateDatabase(database);
    const { db } = database;
    await initMunicipality(db, "132012", "八王子市");
    await db.update(municipality).set({ bookingWindowDays: 60 });
    const [venue, bareVenue, third, fourth] = await db
      .insert(venues)
      .values([
        { code: "M01", name: "市民会館", kind: "mass" },
        { code: "M02", name: "体育館", kind: "mass" },
        { code: "M03", name: "文化センター", kind: "mass" },
        { code: "M04", name: "市民センター", kind: "mass" },
      ])
      .returning();
    const date = addDays(tokyoDate(new Date()), 2);
    const makeSlots = async (venueId: number, capacity = options.capacity) =>
      (
        await db
          .insert(slots)
          .values(
            Array.from({ length: options.slots }, (_, i) => ({
              venueId,
              date,
              startTime: `${String(9 + i).padStart(2, "0")}:00`,
              endTime: `${String(9 + i).padStart(2, "0")}:30`,
              capacity,
              productCode: "PFIZER",
            })),
          )
          .returning({ id: slots.id })
      ).map((s) => s.id);
    const slotIds = await makeSlots(venue!.id);
    const bareSlotIds = options.bare ? await makeSlots(bareVenue!.id) : [];
    const count = options.residents * (options.bare ? 2 : 1);
    const warm = options.warmUp ?? 0;
    const alone = options.throughput ?? 0;
    const rows = await db
      .insert(vouchers)
      .values(
        Array.from({ length: count + warm + 2 * alone }, (_, i) => ({ municipalityCode: "132012", voucherNumber: String(5000000000 + i), birthDate: BIRTH_DATE })),
      )
      .returning({ id: vouchers.id, number: vouchers.voucherNumber });
    // Room for 80% of them, as in the rush.
    const aloneCapacity = Math.ceil((alone * 0.8) / options.slots);
    const throughput =
      alone > 0
        ? {
            slotIds: await makeSlots(third!.id, aloneCapacity),
            vouchers: rows.slice(count + warm, count + warm + alone),
            bareSlotIds: await makeSlots(fourth!.id, aloneCapacity),
            bareVoucherIds: rows.slice(count + warm + alone).map((v) => v.id),
          }
        : undefined;
    const [warmSlot] =
      warm > 0
        ? await db
            .insert(slots)
            .values({ venueId: venue!.id, date, startTime: "16:00", endTime: "16:30", capacity: warm, productCode: "PFIZER" })
            .returning({ id: slots.id })
        : [];
    return {
      warmUp: warmSlot ? { slotId: warmSlot.id, vouchers: rows.slice(count, count + warm) } : undefined,
      throughput,
      date,
      capacity: options.capacity,
      slotIds,
      vouchers: rows.slice(0, options.residents),
      bareSlotIds,
      bareVoucherIds: rows.slice(options.residents, count).map((v) => v.id),
    };
  } finally {
    await database.close();
  }
}

/** The ids of the login and booking server actions in the build in `root`/.next. */
export function actionIds(root: string): ActionIds {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const find = (filename: string, exportedName: string) => {
    const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
    if (!found) throw new Error(`server action ${exportedName} in ${filename} not found in the build`);
    return found[0];
  };
  return {
    login: find("app/(resident)/login/actions.ts", "residentLoginAction"),
    book: find("app/(resident)/book/[slotId]/actions.ts", "bookingFormAction"),
  };
}

/** /api/health's status, or 0 for no answer within `timeoutMs` (a load balancer's check gives up too). */
export async function health(base: string, timeoutMs = 5000): Promise<number> {
  try {
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function waitHealthy(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`next start for ${base} exited with ${child.exitCode}`);
    if ((await health(base)) === 200) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${base} did not become healthy in ${timeoutMs / 1000} s`);
}

/** The instances' session secret (which also signs the waiting room's cookies). */
export const BENCH_SECRET = "rush-bench-secret-0123456789-0123456789";

export interface Instances {
  bases: string[];
  /** SIGTERM to every instance, and wait until each has exited (PGlite: its directory is free again). */
  stop: () => Promise<void>;
}

/**
 * `instances` × `next start` (production build in `root`/.next) on `target`, each on a free port.
 * The environment is the caller's minus any database settings, plus the target's and the waiting room's.
 */
export async function startInstances(
  target: RushTarget,
  options: {
    instances: number;
    root: string;
    admissionRate: number;
    admissionBurst?: number;
    poolMax?: number;
    stderr?: "inherit" | "ignore" | number;
    /** false: HTTP_COMPRESSION=off, as behind a load balancer that compresses (next.config.js). */
    compress?: boolean;
  },
): Promise<Instances> {
  if (target.kind === "pglite" && options.instances !== 1) throw new Error("PGlite serves one process only: use one instance, or PostgreSQL");
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
          }),
      ),
    );
  };
  try {
    for (let i = 0; i < options.instances; i++) {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        DB_POOL_MAX: String(options.poolMax ?? 10),
        NEXTAUTH_SECRET: BENCH_SECRET,
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        ADMISSION: "on",
        ADMISSION_RATE: String(options.admissionRate),
        NEXT_TELEMETRY_DISABLED: "1",
      };
      delete env.DATABASE_URL;
      delete env.PGLITE_DATA_DIR;
      delete env.ADMISSION_BURST;
      delete env.HTTP_COMPRESSION;
      if (options.compress === false) env.HTTP_COMPRESSION = "off";
      if (options.admissionBurst) env.ADMISSION_BURST = String(options.admissionBurst);
      if (target.kind === "postgres") env.DATABASE_URL = target.url;
      else env.PGLITE_DATA_DIR = target.dataDir;
      // RUSH_CPU_PROF=dir: each instance writes its V8 CPU profile there when it stops.
      const profile = process.env.RUSH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.RUSH_CPU_PROF}`] : [];
      const child = spawn(process.execPath, [...profile, path.join(options.root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: options.root,
        env,
        stdio: ["ignore", "ignore", options.stderr ?? "inherit"],
      });
      children.push(child);
      bases.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(bases.map((b, i) => waitHealthy(b, children[i]!, 90_000)));
    // Open each instance's pool and first code paths before the residents arrive.
    for (const base of bases) await fetch(`${base}/`).then((r) => r.arrayBuffer());
  } catch (e) {
    await stop();
    throw e;
  }
  return { bases, stop };
}

export type Outcome =
  /** The app said booked: it redirected to the reservation. */
  | { result: "booked"; reservationNumber: string }
  /** The app refused with a message (the slot filled up, …). */
  | { result: "refused"; message: string }
  /** No booking and no ordinary refusal: an error page, a 5xx, no answer, or the login did not go through. */
  | { result: "failed"; message: string };

export interface ResidentRun {
  voucherId: number;
  voucherNumber: string;
  slotId: number;
  outcome: Outcome;
  /** For a double submitter: the two answers to the same one-time key. */
  doubleAnswers?: [Answer, Answer];
  /** Journeys started (more than one only when `retryMs` lets a resident try again after a failure). */
  attempts: number;
  waitedMs: number;
  samples: Sample[];
  /** ms since the rush started when the resident's last confirm answered. */
  confirmedAt?: number;
}

export interface RushRun {
  residents: ResidentRun[];
  seconds: number;
  samples: Sample[];
}

const reservationOf = (redirect: string | null) => /^\/reservations\/([^/?]+)/.exec(redirect ?? "")?.[1] ?? null;

/** Messages that mean "could not work for a moment" rather than a refusal on the merits. */
const UNAVAILABLE = /接続できない|ただいまご利用いただけません/;

/**
 * Every resident at once: waiting room → login → availability → booking page → review → confirm,
 * on instance `i % bases.length`, a random slot each. The first `doubleSubmitters` press 確定
 * twice at the same moment with the same one-time key. With `retryMs`, a resident whose journey
 * failed (an error, or the database unavailable) starts again after a second, as a person would,
 * until `retryMs` after the rush started.
 */
export async function driveResidents(
  bases: string[],
  ids: ActionIds,
  seed: RushSeed,
  options: {
    doubleSubmitters?: number;
    retryMs?: number;
    log?: (line: string) => void;
    onConfirm?: () => void;
    /** 0 (default): every resident in the same instant; otherwise their arrivals spread evenly over this many ms, in order. */
    arriveOverMs?: number;
  } = {},
): Promise<RushRun> {
  const started = performance.now();
  const finished: Outcome["result"][] = [];
  const progress = options.log
    ? setInterval(() => {
        const n = (r: string) => finished.filter((x) => x === r).length;
        options.log!(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${finished.length}/${seed.vouchers.length} residents done (booked ${n("booked")}, refused ${n("refused")}, failed ${n("failed")})`);
      }, 5000)
    : null;
  const runs = await Promise.all(
    seed.vouchers.map(async (v, i): Promise<ResidentRun> => {
      const slotId = seed.slotIds[Math.floor(Math.random() * seed.slotIds.length)]!;
      const double = i < (options.doubleSubmitters ?? 0);
      const run: ResidentRun = { voucherId: v.id, voucherNumber: v.number, slotId, outcome: { result: "failed", message: "not started" }, attempts: 0, waitedMs: 0, samples: [] };
      const arriveAt = ((options.arriveOverMs ?? 0) * i) / seed.vouchers.length;
      if (arriveAt > 0) await new Promise((r) => setTimeout(r, started + arriveAt - performance.now()));
      for (;;) {
        run.attempts++;
        const resident = new Resident(bases[i % bases.length]!, ids, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
        try {
          run.outcome = await journey(resident, v.number, seed.date, slotId, double, run, options.onConfirm);
          run.confirmedAt = performance.now() - started;
        } catch (e) {
          run.outcome = { result: "failed", message: e instanceof Error ? e.message : String(e) };
        }
        run.samples.push(...resident.samples.map((s) => ({ ...s, at: s.at - started })));
        run.waitedMs += resident.waitedMs;
        const message = run.outcome.result === "booked" ? "" : run.outcome.message;
        const retry = run.outcome.result === "failed" || (run.outcome.result === "refused" && UNAVAILABLE.test(message));
        if (!retry || !options.retryMs || performance.now() - started > options.retryMs) break;
        if (run.attempts === 1 && i < 3) options.log?.(`resident ${v.number}: ${run.outcome.result} (${message.slice(0, 80)}), trying again`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      finished.push(run.outcome.result);
      return run;
    }),
  ).finally(() => progress && clearInterval(progress));
  return { residents: runs, seconds: (performance.now() - started) / 1000, samples: runs.flatMap((r) => r.samples) };
}

/**
 * Before the rush, each instance serves whole visits of the warm-up vouchers (one after another,
 * on their own slot, not counted): a server that has been up since the morning has loaded and
 * optimised every route by 9:00; a freshly started one compiles each route on its first request.
 * Waits afterwards until the waiting room's bucket is full again, as at a quiet 8:59.
 */
export async function warmUp(bases: string[], ids: ActionIds, seed: RushSeed, bucketRefillMs: number): Promise<void> {
  if (!seed.warmUp) return;
  const { slotId, vouchers: warm } = seed.warmUp;
  await Promise.all(
    bases.map(async (base, b) => {
      for (let i = b; i < warm.length; i += bases.length) {
        const run: ResidentRun = { voucherId: warm[i]!.id, voucherNumber: warm[i]!.number, slotId, outcome: { result: "failed", message: "" }, attempts: 1, waitedMs: 0, samples: [] };
        const outcome = await journey(new Resident(base, ids, `10.255.255.${i & 255}`), warm[i]!.number, seed.date, slotId, false, run);
        if (outcome.result !== "booked") throw new Error(`warm-up visit ${warm[i]!.number}: ${outcome.result} ${outcome.message}`);
      }
    }),
  );
  await new Promise((r) => setTimeout(r, bucketRefillMs));
}

/**
 * The booking step alone, `concurrency` at a time, as the bare run measures the database: each of
 * the throughput vouchers is a resident already let in (a pass cookie signed as the waiting room
 * signs it, with the instances' secret), logged in through /login/submit and past the review step
 * (that set-up is not counted); then they press 確定 (the real booking action, one-time key
 * included), `concurrency` in flight at any moment, spread over the instances. The router's fetch
 * of the reservation page afterwards is not part of it (the bare transaction renders nothing).
 */
export async function bookingThroughput(
  bases: string[],
  ids: ActionIds,
  seed: RushSeed,
  secret: string,
  concurrency: number,
  onPhase?: (phase: "confirming") => void,
) {
  if (!seed.throughput) throw new Error("seedRush was not asked for a throughput venue");
  const { slotIds, vouchers: list } = seed.throughput;
  const pass = signToken(secret, { kind: "pass", exp: Date.now() + 3_600_000 });
  const ready: { resident: Resident; slotId: number; key: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < list.length) {
        const i = next++;
        const resident = new Resident(bases[i % bases.length]!, ids, `10.254.${(i >> 8) & 255}.${i & 255}`);
        resident.setCookie(PASS_COOKIE, pass);
        const login = await resident.submitLogin(list[i]!.number, BIRTH_DATE, false);
        if (login.redirect !== "/mypage") throw new Error(`throughput set-up: login ${list[i]!.number}: ${login.message ?? login.status}`);
        const slotId = slotIds[i % slotIds.length]!;
        const { key, answer } = await resident.review(slotId, false);
        if (!key) throw new Error(`throughput set-up: review ${list[i]!.number}: ${answer.message ?? answer.status}`);
        ready.push({ resident, slotId, key });
      }
    }),
  );
  for (const r of ready) r.resident.samples.length = 0;
  let taken = 0;
  let booked = 0;
  let refused = 0;
  onPhase?.("confirming");
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (taken < ready.length) {
        const { resident, slotId, key } = ready[taken++]!;
        const answer = await resident.confirm(slotId, key, false);
        if (reservationOf(answer.redirect)) booked++;
        else if (answer.message && answer.status < 500) refused++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const samples = ready.flatMap((r) => r.resident.samples);
  return { attempts: ready.length, booked, refused, seconds, samples };
}

async function journey(resident: Resident, voucherNumber: string, date: string, slotId: number, double: boolean, run: ResidentRun, onConfirm?: () => void): Promise<Outcome> {
  const login = await resident.login(voucherNumber, BIRTH_DATE);
  if (login.redirect !== "/mypage") return { result: "failed", message: `login: ${login.message ?? `status ${login.status}`}` };
  const availability = await resident.page("availability", `/slots?date=${date}`);
  if (availability.status !== 200) return { result: "failed", message: `availability: status ${availability.status}` };
  const review = await resident.review(slotId);
  if (!review.key) {
    if (review.answer.status >= 500 || !review.answer.message) return { result: "failed", message: `review: status ${review.answer.status}` };
    return { result: "refused", message: review.answer.message };
  }
  let answer: Answer;
  onConfirm?.();
  if (double) {
    const [a, b] = await Promise.all([resident.confirm(slotId, review.key), resident.confirm(slotId, review.key)]);
    run.doubleAnswers = [a, b];
    answer = reservationOf(a.redirect) ? a : b;
  } else {
    answer = await resident.confirm(slotId, review.key);
  }
  const number = reservationOf(answer.redirect);
  if (number) return { result: "booked", reservationNumber: number };
  if (answer.status >= 500 || !answer.message) return { result: "failed", message: `confirm: status ${answer.status}` };
  return { result: "refused", message: answer.message };
}

export interface Invariants {
  /** Per slot: its capacity, its booked_count and the reservations that hold a seat in it. */
  slots: { id: number; capacity: number; bookedCount: number; seated: number }[];
  overCapacity: number;
  miscounted: number;
  /** Vouchers with two or more active reservations. */
  doubleBooked: number;
  /** Residents told "booked" whose reservation is not in the database, active, theirs and their only one. */
  bookedNotInDatabase: string[];
  /** Residents told "refused" (or who failed) who nevertheless hold an active reservation. */
  notBookedButReserved: { voucherNumber: string; result: Outcome["result"]; message: string }[];
  /** Reservations in the database for the rush's slots (every status). */
  reservations: number;
  /** The residents' own reservations with no audit line (every change is audit-logged in the same transaction). */
  unaudited: number;
}

/** Reads the database after the rush (PGlite: only once the instance has stopped). */
export async function checkInvariants(target: RushTarget, seed: RushSeed, run: RushRun): Promise<Invariants> {
  const database = await openTarget(target, 1);
  try {
    const { db } = database;
    const slotIds = sql.join(
      seed.slotIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const slotRows = rowsOf<{ id: number; capacity: number; booked_count: number; seated: number }>(
      await db.execute(sql`select s.id, s.capacity, s.booked_count,
          (select count(*)::int from reservations r where r.slot_id = s.id and r.status in ('booked','checked_in','vaccinated','screened_only')) as seated
        from slots s where s.id in (${slotIds}) order by s.id`),
    ).map((r) => ({ id: Number(r.id), capacity: Number(r.capacity), bookedCount: Number(r.booked_count), seated: Number(r.seated) }));
    const [doubled] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (select voucher_id from reservations
        where status in ('booked','checked_in') group by voucher_id having count(*) > 1) d`),
    );
    const active = rowsOf<{ voucher_id: number; reservation_number: string }>(
      await db.execute(sql`select voucher_id, reservation_number from reservations where status in ('booked','checked_in') and slot_id in (${slotIds})`),
    );
    const [all] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from reservations where slot_id in (${slotIds})`));
    const [unaudited] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from reservations r where r.slot_id in (${slotIds})
        and not exists (select 1 from audit_log a where a.entity = 'reservation' and a.entity_id = r.id::text)`),
    );
    const byVoucher = new Map<number, string[]>();
    for (const r of active) byVoucher.set(Number(r.voucher_id), [...(byVoucher.get(Number(r.voucher_id)) ?? []), r.reservation_number]);
    const bookedNotInDatabase: string[] = [];
    const notBookedButReserved: Invariants["notBookedButReserved"] = [];
    for (const resident of run.residents) {
      const held = byVoucher.get(resident.voucherId) ?? [];
      if (resident.outcome.result === "booked") {
        if (held.length !== 1 || held[0] !== resident.outcome.reservationNumber) bookedNotInDatabase.push(resident.voucherNumber);
      } else if (held.length > 0) {
        notBookedButReserved.push({ voucherNumber: resident.voucherNumber, result: resident.outcome.result, message: resident.outcome.message });
      }
    }
    return {
      slots: slotRows,
      overCapacity: slotRows.filter((s) => s.bookedCount > s.capacity).length,
      miscounted: slotRows.filter((s) => s.bookedCount !== s.seated).length,
      doubleBooked: Number(doubled!.n),
      bookedNotInDatabase,
      notBookedButReserved,
      reservations: Number(all!.n),
      unaudited: Number(unaudited!.n),
    };
  } finally {
    await database.close();
  }
}

/** The same booking transaction as bookSlot, in bare postgres.js: the database's ceiling. */
export async function bareCeiling(url: string, slotIds: number[], voucherIds: number[], concurrency: number) {
  const client = postgres(url, { max: concurrency, onnotice: () => {} });
  let next = 0;
  let booked = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < voucherIds.length) {
        const voucherId = voucherIds[next++]!;
        const slotId = slotIds[Math.floor(Math.random() * slotIds.length)]!;
        const ok = await client.begin(async (tx) => {
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
  await client.end({ timeout: 5 });
  return { attempts: voucherIds.length, booked, seconds };
}

/** requests/s of GET `url` with `concurrency` keep-alive loops for `seconds`. */
export async function hammer(url: string, concurrency: number, seconds: number, headers: Record<string, string> = {}): Promise<{ rps: number; errors: number }> {
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
