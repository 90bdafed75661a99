// Where a resident stands: the next dose, the earliest date it may be given, and the
// current reservations. One read for the resident's home on the web, in LINE and for operators.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, venues, vouchers } from "@/db/schema";
import { loadBookingContext, loadDoseHistory } from "@/lib/booking/context";
import { earliestDoseDate, nextDoseNumber, type DoseHistory } from "@/lib/domain/eligibility";
import { ACTIVE_STATUSES, type ReservationStatus } from "@/lib/domain/reservation-status";

export interface ResidentStatus {
  voucherNumber: string;
  history: DoseHistory;
  nextDose: number;
  /** The earliest date the next dose may be given (null for dose 1: any date). */
  earliestDate: string | null;
  reservations: {
    id: number;
    reservationNumber: string;
    status: ReservationStatus;
    doseNumber: number;
    productName: string;
    date: string;
    startTime: string;
    endTime: string;
    venueName: string;
    venueAddress: string;
  }[];
}

export async function loadResidentStatus(db: Db, voucherId: number): Promise<ResidentStatus | null> {
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, voucherId));
  if (!voucher) return null;
  const ctx = await loadBookingContext(db);
  const history = await loadDoseHistory(db, voucher);
  const nextDose = nextDoseNumber(history);
  const rows = await db
    .select({
      id: reservations.id,
      reservationNumber: reservations.reservationNumber,
      status: reservations.status,
      doseNumber: reservations.doseNumber,
      productCode: reservations.productCode,
      date: slots.date,
      startTime: slots.startTime,
      endTime: slots.endTime,
      venueName: venues.name,
      venueAddress: venues.address,
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .where(and(eq(reservations.voucherId, voucherId), inArray(reservations.status, [...ACTIVE_STATUSES])))
    .orderBy(asc(slots.date), asc(slots.startTime));
  return {
    voucherNumber: voucher.voucherNumber,
    history,
    nextDose,
    earliestDate: earliestDoseDate(nextDose, history, ctx.tables.products, ctx.tables.boosterRules),
    reservations: rows.map((r) => ({
      ...r,
      status: r.status as ReservationStatus,
      productName: ctx.tables.products.find((p) => p.code === r.productCode)?.name ?? r.productCode,
    })),
  };
}
