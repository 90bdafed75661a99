// The first answers of an all-at-once arrival, alone: N residents without a pass or a ticket
// open a resident page in the same instant (each on a new connection, as N browsers would) and
// meet the waiting room; the same burst against a plain Node http server in a process of its own
// is the machine's floor with this client. Several rounds, the gate reset before each as at a
// quiet 8:59. This is the part of bench/rush/run.ts whose p99 over all requests was over 500 ms
// (docs/rush.md, "Session 18 measurements"); it isolates it so that a change can be measured in a minute.
//
//   npx tsx bench/rush/burst.ts [--arrivals 256] [--rounds 3] [--instances 2] [--admission-rate 6] [--no-build]
//                               [--client http|keep-alive|fetch|resident] [--profile [--top 40]]
//
// --profile: the instances write V8 CPU profiles; prints where their CPU went during the bursts
// (the samples inside the bursts only), per arrival.
//
// Uses BENCH_DATABASE_URL if set, otherwise starts its own server as bench/rush/run.ts does.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { actionIds, benchPostgres, buildApp, freshPostgresDatabase, percentile, seedRush, startInstances, warmUp } from "./rush";
import { flag, has } from "../flags";
import { Resident, type ActionIds } from "./resident";
import { analyse, printBreakdown, readProfiles } from "../perf/profile";

const ARRIVALS = Number(flag("arrivals", "256"));
const ROUNDS = Number(flag("rounds", "3"));
const INSTANCES = Number(flag("instances", "2"));
const ADMISSION_RATE = Number(flag("admission-rate", "6"));
const PROFILE = has("profile");
/**
 * How the arrivals are sent: `http` (node:http, a new connection each, the lightest client),
 * `keep-alive` (node:http on a keep-alive agent), `fetch` (undici), `resident` (bench/rush's
 * Resident, as the rush sends them). The client shares the machine's two cores with the app.
 */
const CLIENT = flag("client", "http");
const TOP = Number(flag("top", "40"));
const ROOT = path.resolve(__dirname, "../..");

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

interface Answer {
  ms: number;
  status: number;
  room: string;
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** One GET from a resident arriving for the first time, sent with CLIENT (`http`: on a connection of its own). */
function arrive(base: string, pathname: string, address: string, ids: ActionIds): Promise<Answer> {
  const t0 = performance.now();
  if (CLIENT === "resident") {
    return new Resident(base, ids, address).request("waiting", pathname).then((res) => ({ ms: performance.now() - t0, status: res.status, room: res.headers.get("x-waiting-room") ?? "" }));
  }
  if (CLIENT === "fetch") {
    return fetch(`${base}${pathname}`, { headers: { "x-forwarded-for": address }, redirect: "manual", signal: AbortSignal.timeout(30_000) }).then(async (res) => {
      await res.arrayBuffer();
      return { ms: performance.now() - t0, status: res.status, room: res.headers.get("x-waiting-room") ?? "" };
    });
  }
  return new Promise((resolve) => {
    const req = http.get(`${base}${pathname}`, { agent: CLIENT === "keep-alive" ? keepAlive : false, headers: { "x-forwarded-for": address } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, room: String(res.headers["x-waiting-room"] ?? "") }));
    });
    req.on("error", () => resolve({ ms: performance.now() - t0, status: 0, room: "" }));
  });
}

function report(label: string, answers: Answer[]): string {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const rooms = new Map<string, number>();
  for (const a of answers) rooms.set(a.room || String(a.status), (rooms.get(a.room || String(a.status)) ?? 0) + 1);
  const over = ms.filter((m) => m >= 500).length;
  return (
    `${label.padEnd(22)} p50 ${percentile(ms, 50).toFixed(0)} ms  p90 ${percentile(ms, 90).toFixed(0)} ms  p99 ${percentile(ms, 99).toFixed(0)} ms  ` +
    `max ${ms.at(-1)!.toFixed(0)} ms  ≥ 500 ms: ${over}  (${[...rooms].map(([k, v]) => `${k} ${v}`).join(", ")})`
  );
}

/**
 * CPU time (ms) of every process on the machine, by pid, with its command name (a kernel worker's
 * name changes with the work it does, so the same thread is counted by pid, not by name).
 */
function cpuByPid(): Map<string, { name: string; ms: number }> {
  const byPid = new Map<string, { name: string; ms: number }>();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/^kworker.*/, "kworker");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    byPid.set(pid, { name, ms: (Number(fields[11]) + Number(fields[12])) * 10 });
  }
  return byPid;
}

/** What each kind of process spent during `work`, the largest first (processes that ended meanwhile are not counted). */
async function cpuDuring<T>(work: () => Promise<T>): Promise<{ result: T; cpu: string }> {
  const before = cpuByPid();
  const result = await work();
  const spentBy = new Map<string, number>();
  for (const [pid, { name, ms }] of cpuByPid()) spentBy.set(name, (spentBy.get(name) ?? 0) + ms - (before.get(pid)?.ms ?? 0));
  const spent = [...spentBy].filter(([, ms]) => ms >= 20);
  return { result, cpu: spent.sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${ms} ms`).join(", ") };
}

function burst(bases: string[], pathname: string, round: number, ids: ActionIds): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: ARRIVALS }, (_, i) => arrive(bases[i % bases.length]!, pathname, `10.${100 + round}.${(i >> 8) & 255}.${i & 255}`, ids)),
  );
}

/** A plain Node http server in a child process: the floor for the same burst on this machine. */
async function plainServer(): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, ["-e", `require("http").createServer((q, s) => s.end("ok")).listen(0, "127.0.0.1", function () { console.log(this.address().port); })`], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())));
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function main() {
  const server = benchPostgres();
  const fresh = await freshPostgresDatabase(server.adminUrl);
  const target = fresh.target as { kind: "postgres"; url: string };
  let stopInstances = async () => {};
  const profileDir = PROFILE ? fs.mkdtempSync(path.join(os.tmpdir(), "burst-prof-")) : null;
  if (profileDir) process.env.RUSH_CPU_PROF = profileDir;
  const windows: [number, number][] = [];
  try {
    const seed = await seedRush(target, { residents: 8, slots: 1, capacity: 10, warmUp: 3 * INSTANCES });
    buildApp(ROOT, has("no-build"));
    const ids = actionIds(ROOT);
    const instances = await startInstances(target, { instances: INSTANCES, root: ROOT, admissionRate: ADMISSION_RATE, compress: false });
    stopInstances = instances.stop;
    await warmUp(instances.bases, ids, seed, 2000);
    const plain = await plainServer();
    const sql = postgres(target.url, { max: 1, onnotice: () => {} });
    console.log(`burst: ${ARRIVALS} arrivals at once (client: ${CLIENT}), ${INSTANCES} instances, admission rate ${ADMISSION_RATE}/s`);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // A quiet 8:59: nobody waiting, a full bucket.
        await sql`update admission_gate set tokens = ${ADMISSION_RATE}, refilled_at = now(),
          serving = (select case when is_called then last_value else 0 end from admission_ticket_seq) where id = 1`;
        await new Promise((r) => setTimeout(r, 500));
        const from = monotonicMicros();
        const login = await cpuDuring(() => burst(instances.bases, "/login", round, ids));
        windows.push([from, monotonicMicros()]);
        console.log(report(`round ${round + 1}: /login`, login.result));
        console.log(`  CPU during the burst: ${login.cpu}`);
        await new Promise((r) => setTimeout(r, 500));
        console.log(report(`round ${round + 1}: plain Node`, await burst([plain.base], "/", round, ids)));
      }
    } finally {
      plain.stop();
      await sql.end({ timeout: 5 });
    }
    await stopInstances();
    if (profileDir) printBreakdown(analyse(readProfiles(profileDir), windows), ARRIVALS * ROUNDS, "arrival", TOP);
  } finally {
    await stopInstances();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    await fresh.drop();
    server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
