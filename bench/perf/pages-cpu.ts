// CPU per request of each resident route on ONE `next start` instance, one request at a time, so
// that a shared, busy machine still gives comparable before/after figures: the server process's
// CPU (/proc/<pid>/stat) and the wall time per request, per route. Needs a build (.next).
//
//   BENCH_DATABASE_URL=postgres://test@127.0.0.1:54329/test npx tsx bench/perf/pages-cpu.ts [residents]
//   PERF_CPU_PROF=/tmp/prof …   also writes the server's V8 CPU profile (.cpuprofile) there
//
//   HTTP_COMPRESSION=off …      as the rush benchmark runs the app (gzip left to a load balancer)
//
// Each of `residents` virtual residents (bench/rush/resident.ts) logs in (and the router fetches
// My page), opens /slots?date=, the booking page, reviews and confirms (and the router fetches the
// reservation); then the landing page and the waiting room are asked for 200 times each.
// Admission is on with a rate high enough that nobody queues.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "@/db/client";
import { municipality, slots, venues, vouchers } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { Resident } from "../rush/resident";

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error("BENCH_DATABASE_URL is required.");
  process.exit(2);
}
const RESIDENTS = Number(process.argv[2] ?? 60);

function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}

function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`server action ${exportedName} not found`);
  return found[0];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function main() {
  const dbName = `pages_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${dbName}`;
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const database = await openDatabase({ url: url.toString(), poolMax: 2 });
    await migrateDatabase(database);
    const { db } = database;
    await initMunicipality(db, "132012", "八王子市");
    await db.update(municipality).set({ bookingWindowDays: 60 });
    const [venue] = await db.insert(venues).values({ code: "M01", name: "市民会館", kind: "mass" }).returning();
    const date = addDays(tokyoDate(new Date()), 2);
    const slotIds = (
      await db
        .insert(slots)
        .values(Array.from({ length: 5 }, (_, i) => ({ venueId: venue!.id, date, startTime: `${9 + i}:00`.padStart(5, "0"), endTime: `${9 + i}:30`.padStart(5, "0"), capacity: RESIDENTS + 10, productCode: "PFIZER" })))
        .returning({ id: slots.id })
    ).map((s) => s.id);
    const voucherRows = await db
      .insert(vouchers)
      .values(Array.from({ length: RESIDENTS + 5 }, (_, i) => ({ municipalityCode: "132012", voucherNumber: String(5000000000 + i), birthDate: "1970-04-01" })))
      .returning({ number: vouchers.voucherNumber });
    await database.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const profile = process.env.PERF_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PERF_CPU_PROF}`] : [];
    server = spawn("node", [...profile, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: url.toString(),
        NEXTAUTH_SECRET: "rush-bench-secret-0123456789-0123456789",
        NEXTAUTH_URL: base,
        ADMISSION_RATE: "100000",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {}
      if (i > 200) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 300));
    }
    // `next start` is a parent process that runs the server in a child: measure the whole tree.
    const pids = () => [server!.pid!, ...fs.readFileSync(`/proc/${server!.pid}/task/${server!.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)];
    const treeCpu = () => pids().reduce((sum, p) => sum + cpuMs(p), 0);
    const ids = {
      login: actionId("app/(resident)/login/actions.ts", "residentLoginAction"),
      book: actionId("app/(resident)/book/[slotId]/actions.ts", "bookingFormAction"),
    };
    const perKind = new Map<string, { cpu: number; ms: number; n: number }>();
    // Attribute the server's CPU to the kind of each request by reading it around each request.
    const residents = voucherRows.slice(0, RESIDENTS + 5).map((v, i) => ({ v, r: new Resident(base, ids, `10.0.${i >> 8}.${i & 255}`) }));
    const run = async (r: Resident, step: () => Promise<unknown>) => {
      const before = r.samples.length;
      const c0 = treeCpu();
      await step();
      const cpu = treeCpu() - c0;
      const added = r.samples.slice(before);
      // Split the step's CPU over its requests by their wall time (a step is one request but for redirects).
      const wall = added.reduce((s, x) => s + x.ms, 0) || 1;
      for (const s of added) {
        const k = perKind.get(s.kind) ?? { cpu: 0, ms: 0, n: 0 };
        k.cpu += (cpu * s.ms) / wall;
        k.ms += s.ms;
        k.n++;
        perKind.set(s.kind, k);
        if (s.status >= 500) console.error(`5xx on ${s.kind}`);
      }
    };
    // Warm-up: five residents whose figures are dropped.
    for (const { v, r } of residents.slice(RESIDENTS)) {
      await r.login(v.number, "1970-04-01");
      await r.page("availability", `/slots?date=${date}`);
      const { key } = await r.review(slotIds[0]!);
      if (key) await r.confirm(slotIds[0]!, key);
    }
    for (let i = 0; i < 100; i++) await (await fetch(`${base}/`)).arrayBuffer();
    perKind.clear();
    for (const [i, { v, r }] of residents.slice(0, RESIDENTS).entries()) {
      await run(r, () => r.page("login-page", "/login"));
      await run(r, async () => {
        const { redirect } = await r.submitLogin(v.number, "1970-04-01", false);
        if (redirect !== "/mypage") throw new Error(`login failed: ${redirect}`);
      });
      await run(r, () => r.navigate("mypage", "/mypage", ["(resident)", "login"]));
      await run(r, () => r.page("availability", `/slots?date=${date}`));
      const slotId = slotIds[i % slotIds.length]!;
      await run(r, () => r.page("book-page", `/book/${slotId}`));
      let key: string | null = null;
      await run(r, async () => {
        key = (await r.review(slotId, false)).key;
      });
      let booked: string | null = null;
      await run(r, async () => {
        const done = await r.confirm(slotId, key!, false);
        booked = done.redirect;
        if (!booked?.startsWith("/reservations/")) throw new Error(`booking failed: ${done.message ?? done.status}`);
      });
      await run(r, () => r.navigate("reservation", booked!, ["(resident)", "book", ["slotId", String(slotId), "d", null]]));
    }
    const anon = new Resident(base, ids);
    for (let i = 0; i < 200; i++) await run(anon, () => anon.request("landing", "/"));
    for (let i = 0; i < 200; i++) {
      const r = new Resident(base, ids);
      await run(r, () => r.request("waiting (new visitor)", "/waiting?next=/login"));
    }
    console.log(`one instance, one request at a time, ${RESIDENTS} residents; server CPU and wall time per request:`);
    for (const [kind, k] of perKind) {
      if (k.n === 0) continue;
      console.log(`  ${kind.padEnd(22)} n=${String(k.n).padStart(4)}  CPU ${(k.cpu / k.n).toFixed(1).padStart(5)} ms  wall ${(k.ms / k.n).toFixed(1).padStart(6)} ms`);
    }
    const visit = [...perKind].filter(([kind]) => kind !== "landing" && !kind.startsWith("waiting (")).reduce((sum, [, k]) => sum + k.cpu, 0);
    console.log(`a resident's visit (every request above but the landing page and the new visitors): CPU ${(visit / RESIDENTS).toFixed(1)} ms`);
  } finally {
    server?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, process.env.PERF_CPU_PROF ? 5000 : 500));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
