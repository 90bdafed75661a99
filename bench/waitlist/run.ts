// The waitlist under a long queue, against a real PostgreSQL server: how long a cancellation takes
// when its seat must first be offered to the queue, and how long the expiry sweep takes.
//
//   BENCH_DATABASE_URL=postgres://test@127.0.0.1:54329/test npx tsx bench/waitlist/run.ts [--waiting 10000] [--cancels 500] [--parallel 10]
//
// Seeds 5 venues × 20 full slots (10 seats each) over the next 4 weeks and N waiting residents
// (random venue or any, random dates, one in five a child whom the adult vaccine does not fit),
// then cancels bookings 10 at a time (the app's pool size) and, after the offers' hold time,
// runs the sweep that expires them and offers the seats to the next in line. Checks after each
// phase: every slot within capacity, held seats = open offers, one open offer per resident.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase } from "@/db/client";
import { slots as slotsTable, venues as venuesTable, vouchers as vouchersTable, waitlistEntries } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { bookSlot } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { sweepWaitlist } from "@/lib/waitlist/dispatch";
import { rowsOf } from "@/db/rows";

process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

async function main() {
  const waiting = flag("waiting", 10_000);
  const cancels = flag("cancels", 500);
  const parallel = flag("parallel", 10);
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error("BENCH_DATABASE_URL (a PostgreSQL server where we may CREATE DATABASE) is required");
  const name = `bench_waitlist_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: 10 });
  const { db } = database;
  try {
    await migrateDatabase(database);
    await initMunicipality(db, "132012", "八王子市");
    const now = new Date();
    const today = tokyoDate(now);
    const venues = await db.insert(venuesTable).values([1, 2, 3, 4, 5].map((i) => ({ code: `B${i}`, name: `会場${i}`, kind: "mass" }))).returning();
    const slotRows = await db
      .insert(slotsTable)
      .values(venues.flatMap((v, vi) => Array.from({ length: 20 }, (_, i) => ({ venueId: v.id, date: addDays(today, 2 + ((i + vi) % 26)), startTime: `${10 + (i % 6)}:00`, endTime: `${10 + (i % 6)}:30`, productCode: "PFIZER", capacity: 10 }))))
      .onConflictDoNothing()
      .returning();
    const seats = slotRows.length * 10;
    const holders = await db
      .insert(vouchersTable)
      .values(Array.from({ length: seats }, (_, i) => ({ municipalityCode: "132012", voucherNumber: `1${String(i).padStart(9, "0")}`, birthDate: "1960-01-01" })))
      .returning();
    const bookings: { reservationId: number; voucherId: number }[] = [];
    for (let i = 0; i < holders.length; i++) {
      const v = holders[i]!;
      const r = await bookSlot(db, { voucherId: v.id, slotId: slotRows[i % slotRows.length]!.id, actor: { kind: "system", name: "bench" }, channel: "web", now });
      if (r.ok) bookings.push({ reservationId: r.reservation.id, voucherId: v.id });
    }
    const queue = waiting === 0 ? [] : await db
      .insert(vouchersTable)
      .values(Array.from({ length: waiting }, (_, i) => ({ municipalityCode: "132012", voucherNumber: `2${String(i).padStart(9, "0")}`, birthDate: i % 5 === 0 ? "2018-01-01" : "1970-01-01", email: `w${i}@example.jp` })))
      .returning();
    // Entries written directly (joinWaitlist's checks are not what is measured): the same rows it writes.
    for (let i = 0; i < queue.length; i += 1000) {
      await db.insert(waitlistEntries).values(
        queue.slice(i, i + 1000).map((v, j) => {
          const from = addDays(today, 1 + ((i + j) % 20));
          return { voucherId: v.id, venueId: (i + j) % 3 === 0 ? null : venues[(i + j) % 5]!.id, dateFrom: from, dateTo: addDays(from, 7), channel: "web", contact: "email" };
        }),
      );
    }
    console.log(`seeded: ${slotRows.length} full slots (${bookings.length} bookings), ${waiting.toLocaleString()} waiting`);

    const chosen = bookings.sort(() => Math.random() - 0.5).slice(0, cancels);
    const latencies: number[] = [];
    const started = Date.now();
    for (let i = 0; i < chosen.length; i += parallel) {
      await Promise.all(
        chosen.slice(i, i + parallel).map(async (b) => {
          const t = performance.now();
          const r = await cancelReservation(db, { reservationId: b.reservationId, actor: { kind: "resident", voucherId: b.voucherId, channel: "web" }, now });
          latencies.push(performance.now() - t);
          if (!r.ok) throw new Error(`cancel refused: ${r.reason}`);
        }),
      );
    }
    const spanS = (Date.now() - started) / 1000;
    await check(db, "after the cancellations");
    const [offers] = rowsOf<{ open: number }>(await db.execute(sql`select count(*)::int as open from seat_offers where status = 'open'`));
    console.log(`cancellations: ${cancels} in ${spanS.toFixed(1)} s (${(cancels / spanS).toFixed(0)}/s, ${parallel} at a time); latency p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms; ${offers!.open} offers open`);

    const t = performance.now();
    const swept = await sweepWaitlist(db, new Date(now.getTime() + 31 * 60_000));
    console.log(`sweep after the hold time: ${swept.expired} expired, ${swept.offered.length} offered to the next in line, in ${(performance.now() - t).toFixed(0)} ms`);
    await check(db, "after the sweep");
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

async function check(db: Awaited<ReturnType<typeof openDatabase>>["db"], when: string) {
  const [bad] = rowsOf<{ over: number; held_mismatch: number; double: number }>(
    await db.execute(sql`select
      (select count(*)::int from slots where booked_count + held_count > capacity + overbook_seats) as over,
      (select count(*)::int from slots s where held_count <> (select count(*) from seat_offers o where o.slot_id = s.id and o.status = 'open' and o.kind = 'waitlist')) as held_mismatch,
      (select count(*)::int from (select voucher_id from seat_offers where status = 'open' group by voucher_id having count(*) > 1) d) as double`),
  );
  const ok = bad!.over === 0 && bad!.held_mismatch === 0 && bad!.double === 0;
  console.log(`invariants ${when}: over capacity ${bad!.over}, held ≠ open offers ${bad!.held_mismatch}, residents with two open offers ${bad!.double}${ok ? "" : "  ← FAILED"}`);
  if (!ok) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
