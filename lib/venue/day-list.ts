// A venue's reservations for one day, by time slot, for reception. Scoped: venue roles see
// only their venues, 会場一般 only today; opening the list is audit-logged (personal data).
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { tokyoDate } from "@/lib/domain/dates";
import { asResult, refusal } from "@/lib/booking/result";

export async function listVenueDay(db: Db, actor: StaffActor, venueId: number, date: string, now = new Date()) {
  return asResult(async () => {
    if (!staffMay(actor, "reception", { venueId, date, today: tokyoDate(now) })) {
      refusal("forbidden", "この会場・この日の予約一覧を見る権限がありません。");
    }
    const [venue] = await db.select().from(venues).where(eq(venues.id, venueId));
    if (!venue) refusal("venue_not_found", "会場が見つかりません。");
    const rows = await db
      .select({
        reservationId: reservations.id,
        reservationNumber: reservations.reservationNumber,
        status: reservations.status,
        doseNumber: reservations.doseNumber,
        productCode: reservations.productCode,
        slotId: slots.id,
        startTime: slots.startTime,
        endTime: slots.endTime,
        voucherNumber: vouchers.voucherNumber,
        kanaName: vouchers.kanaName,
      })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .innerJoin(vouchers, eq(vouchers.id, reservations.voucherId))
      .where(and(eq(slots.venueId, venueId), eq(slots.date, date)))
      .orderBy(asc(slots.startTime), asc(reservations.id));
    await recordAudit(db, actor, { action: "venue.view_day", entity: "venue", entityId: venueId, after: { date, rows: rows.length } });
    return { venue, rows };
  });
}
