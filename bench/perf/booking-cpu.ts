// CPU and round trips per booking, one client at a time (so a shared, busy machine still gives
// comparable figures): Node CPU per booking (process.cpuUsage), the PostgreSQL backend's CPU per
// booking (/proc/<backend pid>/stat; the server must run on this machine) and statements sent.
//
//   BENCH_DATABASE_URL=postgres://test@127.0.0.1:54329/test npx tsx bench/perf/booking-cpu.ts [bookings]
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrateDatabase, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { slots, venues, vouchers } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { bookSlot } from "@/lib/booking/book";
import { addDays, tokyoDate } from "@/lib/domain/dates";

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error("BENCH_DATABASE_URL is required.");
  process.exit(2);
}
const bookings = Number(process.argv[2] ?? 1000);

/** utime + stime of a process in ms (clock ticks of 10 ms on Linux). */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  const name = `perf_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  let statements = 0;
  let counting = false;
  // One connection, so one backend does all the work and its CPU can be read.
  const client = postgres(url.toString(), {
    max: 1,
    onnotice: () => {},
    connection: { TimeZone: "Asia/Tokyo" },
    debug: () => {
      if (counting) statements++;
    },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrateDatabase({ db, kind: "postgres", close: async () => {} } as any);
    await initMunicipality(db, "132012", "八王子市");
    const [venue] = await db.insert(venues).values({ code: "M01", name: "集団接種会場", kind: "mass" }).returning();
    const date = addDays(tokyoDate(new Date()), 1);
    const slotRows = await db
      .insert(slots)
      .values(Array.from({ length: 20 }, (_, i) => ({ venueId: venue!.id, date, startTime: `${String(9 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`, endTime: `${String(9 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "59" : "29"}`, capacity: 1000, productCode: "PFIZER" })))
      .returning({ id: slots.id });
    const voucherRows = await db
      .insert(vouchers)
      .values(Array.from({ length: bookings + 50 }, (_, i) => ({ municipalityCode: "132012", voucherNumber: String(i + 1).padStart(10, "0"), birthDate: "1960-01-01" })))
      .returning({ id: vouchers.id });
    const [backend] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const pid = backend!.pid;
    const book = (i: number) => bookSlot(db, { voucherId: voucherRows[i]!.id, slotId: slotRows[i % 20]!.id, actor: { kind: "system", name: "perf" }, channel: "web" });
    for (let i = 0; i < 50; i++) await book(bookings + i); // warm up (JIT, prepared statements)

    counting = true;
    const node0 = process.cpuUsage();
    const pg0 = processCpuMs(pid);
    const t0 = performance.now();
    let ok = 0;
    for (let i = 0; i < bookings; i++) if ((await book(i)).ok) ok++;
    const wall = performance.now() - t0;
    const node = process.cpuUsage(node0);
    const pgMs = processCpuMs(pid) - pg0;
    counting = false;
    console.log(`${bookings} sequential bookings (${ok} booked) in ${(wall / 1000).toFixed(1)} s`);
    console.log(`per booking: wall ${(wall / bookings).toFixed(2)} ms, node CPU ${((node.user + node.system) / 1000 / bookings).toFixed(2)} ms, ` +
      `postgres backend CPU ${(pgMs / bookings).toFixed(2)} ms, statements ${(statements / bookings).toFixed(1)}`);
  } finally {
    await client.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
