// Two weeks of past days at the mass venue, so the dashboard (outcomes, doses wasted per vial) and
// the overbooking page (the measured no-show rate) have something to show in the demo. Written
// directly (past dates cannot be booked through the service), with the same counts the services
// keep: booked_count holds the seats of 接種済み and 予診のみ; キャンセル and 来場なし gave theirs back.
// Idempotent: a day that already has reservations is left alone.
import holidayJp from "@holiday-jp/holiday_jp";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { doseRecords, reservations, slots, venues, vouchers } from "../schema";
import { makeReservationNumber } from "@/lib/booking/book";
import { addDays, tokyoInstant, weekday } from "@/lib/domain/dates";
import { addMinutes, DEMO_MUNICIPALITY, mulberry32 } from "./demo";

export const DEMO_HISTORY_DAYS = 14;
const TIMES = ["09:30", "10:00", "10:30", "11:00", "11:30"] as const;
const CAPACITY = 12;
const LOTS = ["FN1234", "FN5678"] as const;

type Outcome = "vaccinated" | "screened_only" | "no_show" | "cancelled";

/** Roughly what mass venues reported: most come, about one in ten does not. */
function outcomeOf(random: () => number): Outcome {
  const r = random();
  if (r < 0.83) return "vaccinated";
  if (r < 0.86) return "screened_only";
  if (r < 0.96) return "no_show";
  return "cancelled";
}

export async function seedDemoHistory(db: Db, today: string, days = DEMO_HISTORY_DAYS): Promise<number> {
  const [mass] = await db.select().from(venues).where(eq(venues.code, "M01"));
  if (!mass) return 0;
  // Vouchers of their own (30000xxxxx): the demo's stories, today's list and the generated vouchers stay untouched.
  const wanted = days * TIMES.length * CAPACITY;
  const random = mulberry32(20261202);
  const own = Array.from({ length: wanted }, (_, i) => ({
    municipalityCode: DEMO_MUNICIPALITY.code,
    voucherNumber: `30000${String(i + 1).padStart(5, "0")}`,
    birthDate: addDays("1940-01-01", Math.floor(random() * 365 * 60)),
    priorDoseCount: 2,
    priorLastDoseDate: addDays(today, -400),
    priorLastProductCode: "PFIZER",
  }));
  for (let i = 0; i < own.length; i += 500) {
    await db.insert(vouchers).values(own.slice(i, i + 500)).onConflictDoNothing({ target: [vouchers.municipalityCode, vouchers.voucherNumber] });
  }
  const pool = await db
    .select()
    .from(vouchers)
    .where(and(sql`${vouchers.voucherNumber} like '30000%'`, sql`not exists (select 1 from reservations r where r.voucher_id = ${vouchers.id})`))
    .orderBy(asc(vouchers.voucherNumber));
  let next = 0;
  let written = 0;
  await db.transaction(async (tx) => {
    for (let i = days; i >= 1; i--) {
      const date = addDays(today, -i);
      if (holidayJp.isHoliday(date) || weekday(date) === 0) continue;
      const inserted = await tx
        .insert(slots)
        .values(TIMES.map((startTime) => ({ venueId: mass.id, date, startTime, endTime: addMinutes(startTime, 30), productCode: "PFIZER", capacity: CAPACITY })))
        .onConflictDoNothing({ target: [slots.venueId, slots.date, slots.startTime, slots.productCode], where: sql`not offer_only` })
        .returning();
      const daySlots = await tx
        .select()
        .from(slots)
        .where(and(eq(slots.venueId, mass.id), eq(slots.date, date), eq(slots.productCode, "PFIZER"), inArray(slots.startTime, [...TIMES])))
        .orderBy(asc(slots.startTime));
      if (inserted.length === 0 && daySlots.length > 0) {
        const [taken] = await tx.select({ id: reservations.id }).from(reservations).where(inArray(reservations.slotId, daySlots.map((s) => s.id))).limit(1);
        if (taken) continue;
      }
      const dayRandom = mulberry32(Number(date.replaceAll("-", "")));
      for (const slot of daySlots) {
        const bookings = CAPACITY - Math.floor(dayRandom() * 3);
        let seats = 0;
        for (let n = 0; n < bookings && next < pool.length; n++) {
          const voucher = pool[next++]!;
          const outcome = outcomeOf(dayRandom);
          const start = tokyoInstant(date, slot.startTime);
          const [reservation] = await tx
            .insert(reservations)
            .values({
              reservationNumber: makeReservationNumber(),
              voucherId: voucher.id,
              slotId: slot.id,
              doseNumber: voucher.priorDoseCount + 1,
              productCode: "PFIZER",
              status: outcome,
              channel: dayRandom() < 0.7 ? "web" : dayRandom() < 0.6 ? "line" : "ivr",
              checkedInAt: outcome === "vaccinated" || outcome === "screened_only" ? start : null,
              closedAt: start,
              createdAt: tokyoInstant(addDays(date, -7), "09:00"),
              updatedAt: start,
            })
            .onConflictDoNothing({ target: reservations.reservationNumber })
            .returning();
          if (!reservation) continue;
          written++;
          if (outcome === "vaccinated" || outcome === "screened_only") seats++;
          if (outcome === "vaccinated") {
            await tx.insert(doseRecords).values({
              voucherId: voucher.id,
              reservationId: reservation.id,
              doseNumber: reservation.doseNumber,
              productCode: "PFIZER",
              lotNumber: LOTS[i % LOTS.length]!,
              venueId: mass.id,
              administeredOn: date,
              recordedAt: start,
            });
          }
        }
        await tx.update(slots).set({ bookedCount: seats }).where(eq(slots.id, slot.id));
      }
    }
  });
  return written;
}
