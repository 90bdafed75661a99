// One reservation as its owner sees it: the completion page after booking, 「予約の確認・変更・キャンセル」,
// the change and cancel pages, their actions and the calendar file. Only the logged-in voucher's own
// reservations are found: another voucher's number reads exactly like a number that does not exist.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import { isValidReservationNumber } from "@/lib/booking/book";
import { loadSettings } from "@/lib/booking/context";
import { ageOn, hhmm } from "@/lib/domain/dates";
import { changeDeadline } from "@/lib/domain/eligibility";
import { isActive, isReservationStatus, type ReservationStatus } from "@/lib/domain/reservation-status";

/** Under this age on the dose date a parent or guardian comes along (予防接種の保護者同伴). */
export const GUARDIAN_REQUIRED_UNDER_AGE = 16;

/** The slot part of a reservation: when and where. */
interface SlotTime {
  date: string;
  /** 'HH:MM' */
  startTime: string;
  endTime: string;
}

export interface ReservationPartner extends SlotTime {
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  venueName: string;
}

export interface ReservationView extends SlotTime {
  id: number;
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  slotId: number;
  productCode: string;
  productName: string;
  venue: { name: string; address: string; phone: string };
  /** A parent or guardian must come along (younger than 16 on the slot date). */
  guardianRequired: boolean;
  /** The other half of a set booking (dose 1 ↔ dose 2), whatever its status. */
  partner: ReservationPartner | null;
  /** Dose 1 of a set whose dose 2 is still active: cancelling this cancels dose 2 too (cancelFollower). */
  cancelsPartner: boolean;
  /** Until this instant the resident may change or cancel on the web (assertMayManage in lib/booking/manage.ts). */
  changeDeadline: Date;
  /** Why the resident cannot change or cancel it online now; null when they can. */
  blockedBy: "status" | "deadline" | null;
  /** Booked and before the deadline (blockedBy null): the change and cancel links are offered. */
  mayChange: boolean;
  updatedAt: Date;
}

function asStatus(value: string): ReservationStatus {
  if (!isReservationStatus(value)) throw new Error(`unknown reservation status: ${value}`);
  return value;
}

const slotColumns = {
  date: slots.date,
  startTime: slots.startTime,
  endTime: slots.endTime,
  venueName: venues.name,
};

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
      slotId: reservations.slotId,
      setLeaderId: reservations.setLeaderId,
      productCode: reservations.productCode,
      productName: vaccineProducts.name,
      updatedAt: reservations.updatedAt,
      ...slotColumns,
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
  const blockedBy = status !== "booked" ? "status" : now.getTime() >= deadline.getTime() ? "deadline" : null;
  const partner = await loadPartner(db, voucherId, row.id, row.setLeaderId);

  return {
    id: row.id,
    reservationNumber: row.reservationNumber,
    status,
    doseNumber: row.doseNumber,
    slotId: row.slotId,
    productCode: row.productCode,
    productName: row.productName,
    date: row.date,
    startTime: hhmm(row.startTime),
    endTime: hhmm(row.endTime),
    venue: { name: row.venueName, address: row.venueAddress, phone: row.venuePhone },
    guardianRequired: ageOn(row.birthDate, row.date) < GUARDIAN_REQUIRED_UNDER_AGE,
    partner,
    cancelsPartner: row.setLeaderId === null && partner !== null && isActive(partner.status),
    changeDeadline: deadline,
    blockedBy,
    mayChange: blockedBy === null,
    updatedAt: row.updatedAt,
  };
}

/**
 * The other half of a set booking, through setLeaderId as the services follow it: dose 1's partner
 * is its follower, dose 2's is its leader. Family members booked together share only a booking
 * group id, never a set link, so they are no one's partner.
 */
async function loadPartner(db: Db, voucherId: number, id: number, setLeaderId: number | null): Promise<ReservationPartner | null> {
  const [row] = await db
    .select({
      reservationNumber: reservations.reservationNumber,
      status: reservations.status,
      doseNumber: reservations.doseNumber,
      ...slotColumns,
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .where(and(eq(reservations.voucherId, voucherId), setLeaderId === null ? eq(reservations.setLeaderId, id) : eq(reservations.id, setLeaderId)))
    .orderBy(desc(reservations.id))
    .limit(1);
  if (!row) return null;
  return { ...row, status: asStatus(row.status), startTime: hhmm(row.startTime), endTime: hhmm(row.endTime) };
}
