// Booking throughput through the domain service (bookSlot) on a real PostgreSQL, with the
// invariants checked afterwards: no slot above capacity, no voucher with two active reservations.
//
//   BENCH_DATABASE_URL=postgres://test@127.0.0.1:54329/test npx tsx bench/booking-service.ts [clients] [slots] [vouchers]
//
// A fresh database is created (and dropped) on that server. Not a test: numbers depend on the machine.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "@/db/client";
import { slots, venues, vouchers } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { bookSlot } from "@/lib/booking/book";
import { addDays, tokyoDate } from "@/lib/domain/dates";

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error("BENCH_DATABASE_URL (a PostgreSQL server where a database may be created) is required.");
  process.exit(2);
}
const clients = Number(process.argv[2] ?? 8);
const slotCount = Number(process.argv[3] ?? 20);
const voucherCount = Number(process.argv[4] ?? 5000);
const capacity = Math.ceil((voucherCount * 0.8) / slotCount); // 20% of attempts meet a full slot

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const name = `bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: 10 });
  try {
    await migrateDatabase(database);
    const { db } = database;
    await initMunicipality(db, "132012", "八王子市");
    const [venue] = await db.insert(venues).values({ code: "M01", name: "集団接種会場", kind: "mass" }).returning();
    const date = addDays(tokyoDate(new Date()), 1);
    const slotRows = await db
      .insert(slots)
      .values(
        Array.from({ length: slotCount }, (_, i) => ({
          venueId: venue!.id,
          date,
          startTime: `${String(9 + Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`,
          endTime: `${String(9 + Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15 + 14).padStart(2, "0")}`,
          capacity,
          productCode: "PFIZER",
        })),
      )
      .returning({ id: slots.id });
    const voucherIds: number[] = [];
    for (let start = 0; start < voucherCount; start += 1000) {
      const rows = await db
        .insert(vouchers)
        .values(
          Array.from({ length: Math.min(1000, voucherCount - start) }, (_, i) => ({
            municipalityCode: "132012",
            voucherNumber: String(start + i + 1).padStart(10, "0"),
            birthDate: "1960-01-01",
          })),
        )
        .returning({ id: vouchers.id });
      voucherIds.push(...rows.map((r) => r.id));
    }

    console.log(`${clients} clients, ${slotCount} slots × ${capacity} seats, ${voucherCount} vouchers (each tries once)`);
    const latencies: number[] = [];
    let booked = 0;
    let refused = 0;
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < voucherIds.length) {
          const voucherId = voucherIds[next++]!;
          const slotId = slotRows[Math.floor(Math.random() * slotRows.length)]!.id;
          const t0 = performance.now();
          try {
            const result = await bookSlot(db, { voucherId, slotId, actor: { kind: "system", name: "bench" }, channel: "web" });
            if (result.ok) booked++;
            else refused++;
          } catch (e) {
            errors++;
            if (errors <= 3) console.error(e);
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `attempts ${latencies.length} in ${seconds.toFixed(1)} s: ${(latencies.length / seconds).toFixed(0)} attempts/s, ` +
        `${(booked / seconds).toFixed(0)} bookings/s; booked ${booked}, refused ${refused}, errors ${errors}`,
    );
    console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}`);

    const check = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [over] = await check<{ n: number }[]>`select count(*)::int as n from slots where booked_count > capacity
      or booked_count <> (select count(*) from reservations r where r.slot_id = slots.id and r.status in ('booked','checked_in','vaccinated','screened_only'))`;
    const [doubled] = await check<{ n: number }[]>`select count(*)::int as n from (select voucher_id from reservations
      where status in ('booked','checked_in') group by voucher_id having count(*) > 1) d`;
    await check.end({ timeout: 5 });
    console.log(`invariants: slots over capacity or miscounted ${over?.n}, vouchers with two active reservations ${doubled?.n}`);
    if (over?.n !== 0 || doubled?.n !== 0 || errors > 0) process.exitCode = 1;
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
