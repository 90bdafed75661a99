/** @jest-environment node */
// The demo's two past weeks at the mass venue: counts consistent with what the services keep,
// every 接種済み with its dose record, idempotent.
import { and, count, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, type Database } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { doseRecords, reservations, slots } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { seedDemoHistory } from "@/db/seed/demo-history";
import { weekday } from "@/lib/domain/dates";

const TODAY = "2026-12-02";
let database: Database;

beforeAll(async () => {
  database = await openDatabase({ dataDir: "memory" });
  await migrateDatabase(database);
  await seedDemo(database.db, { today: TODAY });
});
afterAll(async () => {
  await database?.close();
});

it("fills the past two weeks with outcomes whose seat counts and dose records agree, once", async () => {
  const { db } = database;
  const written = await seedDemoHistory(db, TODAY);
  expect(written).toBeGreaterThan(400);
  expect(await seedDemoHistory(db, TODAY)).toBe(0);

  const past = await db.select().from(slots).where(lt(slots.date, TODAY));
  expect(past.length).toBeGreaterThan(40);
  for (const s of past) expect(weekday(s.date)).not.toBe(0);
  const byStatus = await db
    .select({ status: reservations.status, n: count() })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .where(lt(slots.date, TODAY))
    .groupBy(reservations.status);
  const n = (status: string) => byStatus.find((r) => r.status === status)?.n ?? 0;
  expect(n("vaccinated")).toBeGreaterThan(n("no_show"));
  expect(n("no_show")).toBeGreaterThan(0);
  expect(n("screened_only") + n("cancelled")).toBeGreaterThan(0);
  expect(n("booked") + n("checked_in")).toBe(0);

  // booked_count = seats of 接種済み and 予診のみ, per slot.
  const held = await db.execute(sql`select s.id, s.booked_count, count(r.id) filter (where r.status in ('vaccinated','screened_only'))::int as seats
    from slots s left join reservations r on r.slot_id = s.id where s.date < ${TODAY} group by s.id`);
  const rows = rowsOf<{ booked_count: number; seats: number }>(held);
  for (const r of rows) expect(Number(r.booked_count)).toBe(Number(r.seats));

  const vaccinated = await db.select({ id: reservations.id }).from(reservations).innerJoin(slots, eq(slots.id, reservations.slotId)).where(and(lt(slots.date, TODAY), eq(reservations.status, "vaccinated")));
  const [doses] = await db
    .select({ n: count() })
    .from(doseRecords)
    .where(and(inArray(doseRecords.reservationId, vaccinated.map((v) => v.id)), isNull(doseRecords.voidedAt)));
  expect(doses!.n).toBe(vaccinated.length);
});
