// Where a 確定 (the booking step alone) spends the app's CPU: one `next start` instance with a V8
// CPU profile, residents already let in, logged in and past the review step (bench/rush's
// bookingThroughput), then `--confirms` presses of 確定, `--concurrency` at a time. Prints the
// server's CPU per confirm and, from the profile, the functions that took the most of it during
// the confirms only (samples outside that window — start-up, log-in, review — are left out).
//
//   BENCH_DATABASE_URL=postgres://test@127.0.0.1:54329/test npx tsx bench/perf/confirm-cpu.ts [--confirms 600] [--concurrency 10] [--top 40]
//
// Needs a build (.next). CLOCK_MONOTONIC is shared by every process on the machine, so the
// window measured here in process.hrtime matches the profile's own timestamps.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { flag } from "../flags";
import { analyse, printBreakdown, readProfiles } from "./profile";
import { actionIds, bookingThroughput, freshPostgresDatabase, seedRush, startInstances, BENCH_SECRET } from "../rush/rush";

const CONFIRMS = Number(flag("confirms", "600"));
const CONCURRENCY = Number(flag("concurrency", "10"));
const TOP = Number(flag("top", "40"));

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error("BENCH_DATABASE_URL is required");
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "confirm-prof-"));
  const fresh = await freshPostgresDatabase(adminUrl);
  process.env.RUSH_CPU_PROF = profileDir;
  try {
    const seed = await seedRush(fresh.target, { residents: 0, slots: 5, capacity: 1, throughput: CONFIRMS });
    const instances = await startInstances(fresh.target, { instances: 1, root: process.cwd(), admissionRate: 100000, compress: false });
    let window: [number, number];
    let result;
    try {
      const ids = actionIds(process.cwd());
      result = await bookingThroughput(instances.bases, ids, seed, BENCH_SECRET, CONCURRENCY, (phase) => {
        if (phase === "confirming") window = [Number(process.hrtime.bigint() / 1000n), 0];
      });
      window![1] = Number(process.hrtime.bigint() / 1000n);
    } finally {
      await instances.stop();
    }
    const profiles = readProfiles(profileDir);
    if (profiles.length === 0) throw new Error("the instance wrote no CPU profile");
    const seconds = (window![1] - window![0]) / 1e6;
    console.log(`${result.attempts} confirms (${result.booked} booked) in ${seconds.toFixed(2)} s, ${CONCURRENCY} at a time: ${(result.attempts / seconds).toFixed(0)}/s`);
    printBreakdown(analyse(profiles, [window!]), result.attempts, "confirm", TOP);
  } finally {
    await fresh.drop();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
