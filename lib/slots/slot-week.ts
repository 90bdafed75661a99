// What the slot pages read: one venue's week (Monday to Sunday) for the grid, and one slot.
// Venue roles see only their own venues; the call center sees every venue.
// Each day also gets its vial plan per product: the vials the day's bookings open and the doses of
// the last vial that would be thrown away (lib/domain/vials.ts).
import { and, asc, between, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slots, vaccineProducts, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { asResult, refusal } from "@/lib/booking/result";
import { addDays, hhmm, isValidIsoDate, weekday } from "@/lib/domain/dates";
import { vialPlan, type VialPlan } from "@/lib/domain/vials";
import { holidayName } from "./schemas";

/** The Monday of the week of `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

export interface WeekSlot {
  id: number;
  date: string;
  startTime: string;
  endTime: string;
  productCode: string;
  productName: string;
  capacity: number;
  bookedCount: number;
  /** Seats held for a waitlist offer (not bookable until the offer ends). */
  heldCount: number;
  /** Seats past the capacity the venue's overbooking allows. */
  overbookSeats: number;
  /** capacity + overbookSeats − bookedCount − heldCount (the database's generated column). */
  seatsLeft: number;
  /** Same-day leftover-dose slot, booked only through offers. */
  offerOnly: boolean;
  status: string;
}

/** One day's vials of one product at the venue, from the seats booked in all its slots that day. */
export interface DayVials extends VialPlan {
  date: string;
  productCode: string;
  productName: string;
  dosesPerVial: number;
  booked: number;
}

/** Per day and product (in the grid's product order), from the week's slots. */
export function dayVials(weekSlots: readonly (WeekSlot & { dosesPerVial: number })[]): DayVials[] {
  const byKey = new Map<string, Omit<DayVials, keyof VialPlan>>();
  for (const s of weekSlots) {
    const key = `${s.date}|${s.productCode}`;
    const row = byKey.get(key) ?? { date: s.date, productCode: s.productCode, productName: s.productName, dosesPerVial: s.dosesPerVial, booked: 0 };
    row.booked += s.bookedCount;
    byKey.set(key, row);
  }
  return [...byKey.values()]
    .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1))
    .map((r) => ({ ...r, ...vialPlan(r.booked, r.dosesPerVial) }));
}

export async function slotWeek(db: Db, actor: StaffActor, venueId: number, anyDayOfWeek: string) {
  return asResult(async () => {
    if (!staffMay(actor, "slots.view", { venueId })) refusal("forbidden", "この会場の予約枠を見る権限がありません。");
    if (!isValidIsoDate(anyDayOfWeek)) refusal("invalid_input", "日付を正しく指定してください。");
    const [venue] = await db.select().from(venues).where(eq(venues.id, venueId));
    if (!venue) refusal("venue_not_found", "会場が見つかりません。");
    const monday = mondayOf(anyDayOfWeek);
    const days = Array.from({ length: 7 }, (_, i) => {
      const date = addDays(monday, i);
      return { date, holiday: holidayName(date) };
    });
    const rows = await db
      .select({
        id: slots.id,
        date: slots.date,
        startTime: slots.startTime,
        endTime: slots.endTime,
        productCode: slots.productCode,
        productName: vaccineProducts.name,
        capacity: slots.capacity,
        bookedCount: slots.bookedCount,
        heldCount: slots.heldCount,
        overbookSeats: slots.overbookSeats,
        seatsLeft: slots.seatsLeft,
        offerOnly: slots.offerOnly,
        status: slots.status,
        dosesPerVial: vaccineProducts.dosesPerVial,
      })
      .from(slots)
      .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
      .where(and(eq(slots.venueId, venueId), between(slots.date, monday, addDays(monday, 6))))
      .orderBy(asc(slots.startTime), asc(slots.date), asc(vaccineProducts.sortOrder));
    const withVials = rows.map((r) => ({ ...r, startTime: hhmm(r.startTime), endTime: hhmm(r.endTime) }));
    const weekSlots: WeekSlot[] = withVials.map((slot) => {
      const { dosesPerVial, ...rest } = slot;
      void dosesPerVial;
      return rest;
    });
    const times = [...new Set(weekSlots.map((s) => s.startTime))].sort();
    return { venue, monday, days, times, slots: weekSlots, vials: dayVials(withVials), canEdit: staffMay(actor, "slots.edit", { venueId }) };
  });
}

export async function getSlot(db: Db, actor: StaffActor, slotId: number) {
  return asResult(async () => {
    const [row] = await db
      .select({ slot: slots, venue: venues, productName: vaccineProducts.name, dosesPerVial: vaccineProducts.dosesPerVial })
      .from(slots)
      .innerJoin(venues, eq(venues.id, slots.venueId))
      .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
      .where(eq(slots.id, slotId));
    if (!row) refusal("slot_not_found", "予約枠が見つかりません。");
    if (!staffMay(actor, "slots.view", { venueId: row.venue.id })) refusal("forbidden", "この会場の予約枠を見る権限がありません。");
    // The vials of this slot's day: every slot of the venue with the same product that day opens them.
    const [day] = await db
      .select({ booked: sql<number>`coalesce(sum(${slots.bookedCount}), 0)::int` })
      .from(slots)
      .where(and(eq(slots.venueId, row.venue.id), eq(slots.date, row.slot.date), eq(slots.productCode, row.slot.productCode)));
    const dayBooked = Number(day?.booked ?? 0);
    return {
      slot: { ...row.slot, startTime: hhmm(row.slot.startTime), endTime: hhmm(row.slot.endTime) },
      venue: row.venue,
      productName: row.productName,
      dosesPerVial: row.dosesPerVial,
      dayVials: { booked: dayBooked, ...vialPlan(dayBooked, row.dosesPerVial) },
      canEdit: staffMay(actor, "slots.edit", { venueId: row.venue.id }),
    };
  });
}

/** The vaccines a slot may be created with (active products, in the admin's order). */
export async function activeProducts(db: Db) {
  return db
    .select({ code: vaccineProducts.code, name: vaccineProducts.name })
    .from(vaccineProducts)
    .where(eq(vaccineProducts.active, true))
    .orderBy(asc(vaccineProducts.sortOrder), asc(vaccineProducts.code));
}
