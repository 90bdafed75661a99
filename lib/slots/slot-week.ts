// What the slot pages read: one venue's week (Monday to Sunday) for the grid, and one slot.
// Venue roles see only their own venues; the call center sees every venue.
import { and, asc, between, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slots, vaccineProducts, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { asResult, refusal } from "@/lib/booking/result";
import { addDays, hhmm, isValidIsoDate, weekday } from "@/lib/domain/dates";
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
  status: string;
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
        status: slots.status,
      })
      .from(slots)
      .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
      .where(and(eq(slots.venueId, venueId), between(slots.date, monday, addDays(monday, 6))))
      .orderBy(asc(slots.startTime), asc(slots.date), asc(vaccineProducts.sortOrder));
    const weekSlots: WeekSlot[] = rows.map((r) => ({ ...r, startTime: hhmm(r.startTime), endTime: hhmm(r.endTime) }));
    const times = [...new Set(weekSlots.map((s) => s.startTime))].sort();
    return { venue, monday, days, times, slots: weekSlots, canEdit: staffMay(actor, "slots.edit", { venueId }) };
  });
}

export async function getSlot(db: Db, actor: StaffActor, slotId: number) {
  return asResult(async () => {
    const [row] = await db
      .select({ slot: slots, venue: venues, productName: vaccineProducts.name })
      .from(slots)
      .innerJoin(venues, eq(venues.id, slots.venueId))
      .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
      .where(eq(slots.id, slotId));
    if (!row) refusal("slot_not_found", "予約枠が見つかりません。");
    if (!staffMay(actor, "slots.view", { venueId: row.venue.id })) refusal("forbidden", "この会場の予約枠を見る権限がありません。");
    return {
      slot: { ...row.slot, startTime: hhmm(row.slot.startTime), endTime: hhmm(row.slot.endTime) },
      venue: row.venue,
      productName: row.productName,
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
