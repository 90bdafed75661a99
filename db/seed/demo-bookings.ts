// Demo reservations for today at the mass venue, so reception has a real list to work on.
// Booked through the booking service itself (as if made yesterday morning), so every rule
// and the capacity hold; idempotent: skipped when today's list already has reservations.
import { and, asc, eq, inArray, like } from "drizzle-orm";
import type { Db } from "../client";
import { reservations, slots, venues, vouchers } from "../schema";
import { bookSlot } from "@/lib/booking/book";
import { addDays, tokyoInstant } from "@/lib/domain/dates";

const KANA_NAMES = [
  "ヤマダ タロウ", "サトウ ハナコ", "スズキ イチロウ", "タカハシ ミドリ", "タナカ ケンジ", "ワタナベ ユミ",
  "イトウ マサオ", "ヤマモト サチコ", "ナカムラ ヒロシ", "コバヤシ カズコ", "カトウ ススム", "ヨシダ トモコ",
];

export async function seedDemoBookings(db: Db, today: string, count = 24): Promise<number> {
  const [mass] = await db.select().from(venues).where(eq(venues.code, "M01"));
  if (!mass) return 0;
  const todaySlots = await db
    .select()
    .from(slots)
    .where(and(eq(slots.venueId, mass.id), eq(slots.date, today), eq(slots.productCode, "PFIZER")))
    .orderBy(asc(slots.startTime));
  if (todaySlots.length === 0) return 0;
  const existing = await db.select({ id: reservations.id }).from(reservations).where(inArray(reservations.slotId, todaySlots.map((s) => s.id))).limit(1);
  if (existing.length > 0) return 0;

  const candidates = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.priorDoseCount, 0), like(vouchers.voucherNumber, "00000%")))
    .orderBy(asc(vouchers.voucherNumber))
    .limit(count * 3);
  const yesterdayMorning = tokyoInstant(addDays(today, -1), "09:00");
  let booked = 0;
  for (const voucher of candidates) {
    if (booked >= count) break;
    const slot = todaySlots[booked % todaySlots.length]!;
    const result = await bookSlot(db, { voucherId: voucher.id, slotId: slot.id, actor: { kind: "system", name: "demo-seed" }, channel: "web", now: yesterdayMorning });
    if (!result.ok) continue;
    await db.update(vouchers).set({ kanaName: KANA_NAMES[booked % KANA_NAMES.length]! }).where(eq(vouchers.id, voucher.id));
    booked++;
  }
  return booked;
}
