// One reservation as its owner sees it: the completion page after booking, 「予約の確認・変更・キャンセル」
// and the calendar file. Only the logged-in voucher's own reservations are found: another
// voucher's number reads exactly like a number that does not exist.
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import { isValidReservationNumber } from "@/lib/booking/book";
import { loadSettings } from "@/lib/booking/context";
import { ageOn, hhmm } from "@/lib/domain/dates";
import { changeDeadline } from "@/lib/domain/eligibility";
import { isReservationStatus, type ReservationStatus } from "@/lib/domain/reservation-status";

/** Under this age on the dose date a parent or guardian comes along (予防接種の保護者同伴). */
export const GUARDIAN_REQUIRED_UNDER_AGE = 16;

export interface ReservationPartner {
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  date: string;
  /** 'HH:MM' */
  startTime: string;
  endTime: string;
  venueName: string;
}

export interface ReservationView {
  id: number;
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  productCode: string;
  productName: string;
  date: string;
  /** 'HH:MM' */
  startTime: string;
  endTime: string;
  venue: { name: string; address: string; phone: string };
  /** A parent or guardian must come along (younger than 16 on the slot date). */
  guardianRequired: boolean;
  /** The other half of a set booking (dose 1 ↔ dose 2), whatever its status. */
  partner: ReservationPartner | null;
  /** Until this instant the resident may change or cancel on the web (lib/booking/manage.ts). */
  changeDeadline: Date;
  /** Booked and before the deadline: the change and cancel links are offered. */
  mayChange: boolean;
  updatedAt: Date;
}

function asStatus(value: string): ReservationStatus {
  if (!isReservationStatus(value)) throw new Error(`unknown reservation status: ${value}`);
  return value;
}

/** The voucher's reservation with this number, or null (no such number, or not this voucher's). */
export async function loadReservationView(
  db: Db,
  voucherId: number,
  reservationNumber: string,
  now: Date = new Date(),
): Promise<ReservationView | null> {
  if (!isValidReservationNumber(reservationNumber)) return null;
  const [row] = await db
    .select({
      id: reservations.id,
      reservationNumber: reservations.reservationNumber,
      status: reservations.status,
      doseNumber: reservations.doseNumber,
      productCode: reservations.productCode,
      productName: vaccineProducts.name,
      bookingGroupId: reservations.bookingGroupId,
      updatedAt: reservations.updatedAt,
      date: slots.date,
      startTime: slots.startTime,
      endTime: slots.endTime,
      venueName: venues.name,
      venueAddress: venues.address,
      venuePhone: venues.phone,
      birthDate: vouchers.birthDate,
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .innerJoin(vouchers, eq(vouchers.id, reservations.voucherId))
    .innerJoin(vaccineProducts, eq(vaccineProducts.code, reservations.productCode))
    .where(and(eq(reservations.reservationNumber, reservationNumber), eq(reservations.voucherId, voucherId)));
  if (!row) return null;

  const settings = await loadSettings(db);
  // The same deadline the change and cancel services enforce (assertMayManage in lib/booking/manage.ts).
  const deadline = changeDeadline(row.date, settings.cancelDeadlineDaysBefore, settings.cancelDeadlineTime);
  const status = asStatus(row.status);

  return {
    id: row.id,
    reservationNumber: row.reservationNumber,
    status,
    doseNumber: row.doseNumber,
    productCode: row.productCode,
    productName: row.productName,
    date: row.date,
    startTime: hhmm(row.startTime),
    endTime: hhmm(row.endTime),
    venue: { name: row.venueName, address: row.venueAddress, phone: row.venuePhone },
    guardianRequired: ageOn(row.birthDate, row.date) < GUARDIAN_REQUIRED_UNDER_AGE,
    partner: row.bookingGroupId ? await loadPartner(db, voucherId, row.id, row.bookingGroupId) : null,
    changeDeadline: deadline,
    mayChange: status === "booked" && now.getTime() < deadline.getTime(),
    updatedAt: row.updatedAt,
  };
}

/**
 * The other reservation of the same voucher in the same booking group: the other half of a set
 * booking. Family and bulk bookings share a group id across vouchers, so the voucher is part of the key.
 */
async function loadPartner(db: Db, voucherId: number, reservationId: number, groupId: string): Promise<ReservationPartner | null> {
  const [row] = await db
    .select({
      reservationNumber: reservations.reservationNumber,
      status: reservations.status,
      doseNumber: reservations.doseNumber,
      date: slots.date,
      startTime: slots.startTime,
      endTime: slots.endTime,
      venueName: venues.name,
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .where(and(eq(reservations.bookingGroupId, groupId), eq(reservations.voucherId, voucherId), ne(reservations.id, reservationId)))
    .orderBy(asc(reservations.doseNumber))
    .limit(1);
  if (!row) return null;
  return { ...row, status: asStatus(row.status), startTime: hhmm(row.startTime), endTime: hhmm(row.endTime) };
}
