// Changing and cancelling one's own reservation (web and LIFF): the read the change and cancel
// pages share, and the two actions' calls into lib/booking/manage.ts with the one decision they
// add — a repeated submit that finds its work already done is a success, not an error.
// Only the logged-in voucher's reservations are found: another voucher's number reads exactly
// like a number that does not exist.
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { reservations, slots, vaccineProducts, venues } from "@/db/schema";
import { loadSettings } from "@/lib/booking/context";
import { cancelReservation, changeReservation } from "@/lib/booking/manage";
import type { Refused } from "@/lib/booking/result";
import { hhmm } from "@/lib/domain/dates";
import { changeDeadline } from "@/lib/domain/eligibility";
import { isActive, isReservationStatus, type ReservationStatus } from "@/lib/domain/reservation-status";

/** The reservation number in a URL or form: 9 digits. */
export const reservationNumberParam = z.string().regex(/^[0-9]{9}$/);
/** A slot id in a URL or form: a positive integer, digits only (no "1e3", no spaces). */
export const slotIdParam = z
  .string()
  .regex(/^[0-9]{1,15}$/)
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

export interface SetPartner {
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  date: string;
  /** 'HH:MM' */
  startTime: string;
  endTime: string;
  venueName: string;
}

export interface ManagedReservation {
  id: number;
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  slotId: number;
  productName: string;
  date: string;
  /** 'HH:MM' */
  startTime: string;
  endTime: string;
  venueName: string;
  venueAddress: string;
  /** The other half of a set booking (dose 1 ↔ dose 2), whatever its status. */
  setPartner: SetPartner | null;
  /** Dose 1 of a set whose dose 2 is still active: cancelling this cancels dose 2 too (cancelFollower). */
  cancelsPartner: boolean;
  /** Until this instant the resident may change or cancel (assertMayManage in lib/booking/manage.ts). */
  changeDeadline: Date;
  /** Why the resident cannot change or cancel it online now; null when they can. */
  blockedBy: "status" | "deadline" | null;
}

const slotColumns = {
  date: slots.date,
  startTime: slots.startTime,
  endTime: slots.endTime,
  venueName: venues.name,
};

/** The voucher's reservation with this number and its set partner, or null (no such number, or not this voucher's). */
export async function loadManagedReservation(
  db: Db,
  voucherId: number,
  reservationNumber: string,
  now: Date = new Date(),
): Promise<ManagedReservation | null> {
  if (!reservationNumberParam.safeParse(reservationNumber).success) return null;
  const [row] = await db
    .select({
      id: reservations.id,
      reservationNumber: reservations.reservationNumber,
      status: reservations.status,
      doseNumber: reservations.doseNumber,
      slotId: reservations.slotId,
      setLeaderId: reservations.setLeaderId,
      productName: vaccineProducts.name,
      venueAddress: venues.address,
      ...slotColumns,
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .innerJoin(vaccineProducts, eq(vaccineProducts.code, reservations.productCode))
    .where(and(eq(reservations.reservationNumber, reservationNumber), eq(reservations.voucherId, voucherId)));
  if (!row || !isReservationStatus(row.status)) return null;

  const settings = await loadSettings(db);
  const deadline = changeDeadline(row.date, settings.cancelDeadlineDaysBefore, settings.cancelDeadlineTime);
  const setPartner = await loadSetPartner(db, voucherId, row.id, row.setLeaderId);
  return {
    id: row.id,
    reservationNumber: row.reservationNumber,
    status: row.status,
    doseNumber: row.doseNumber,
    slotId: row.slotId,
    productName: row.productName,
    date: row.date,
    startTime: hhmm(row.startTime),
    endTime: hhmm(row.endTime),
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    setPartner,
    cancelsPartner: row.setLeaderId === null && setPartner !== null && isActive(setPartner.status),
    changeDeadline: deadline,
    blockedBy: row.status !== "booked" ? "status" : now.getTime() >= deadline.getTime() ? "deadline" : null,
  };
}

/** Dose 2 follows dose 1 through setLeaderId: dose 1's partner is its follower, dose 2's is its leader. */
async function loadSetPartner(db: Db, voucherId: number, id: number, setLeaderId: number | null): Promise<SetPartner | null> {
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
    .where(
      and(
        eq(reservations.voucherId, voucherId),
        setLeaderId === null ? eq(reservations.setLeaderId, id) : eq(reservations.id, setLeaderId),
      ),
    )
    .orderBy(desc(reservations.id))
    .limit(1);
  if (!row || !isReservationStatus(row.status)) return null;
  return { ...row, status: row.status, startTime: hhmm(row.startTime), endTime: hhmm(row.endTime) };
}

export interface OwnReservationInput {
  voucherId: number;
  channel: "web" | "line";
  reservationNumber: string;
  now?: Date;
}

/** Done: the reservation number to show. `repeated` when an earlier submit had already done it. */
export type ManageOutcome = { ok: true; reservationNumber: string; repeated: boolean } | Refused;

const NOT_FOUND: Refused = { ok: false, code: "reservation_not_found", reason: "予約が見つかりません。" };

async function findOwn(db: Db, voucherId: number, reservationNumber: string) {
  const [row] = await db
    .select({ id: reservations.id, status: reservations.status, slotId: reservations.slotId })
    .from(reservations)
    .where(and(eq(reservations.reservationNumber, reservationNumber), eq(reservations.voucherId, voucherId)));
  return row ?? null;
}

/**
 * Moves the resident's reservation to `newSlotId`. The reservation keeps its number. A second
 * submit of the same confirmation finds the reservation already in that slot (the service refuses
 * it as same_slot, or past its deadline when the new slot is close): that is the first submit's success.
 */
export async function changeOwnReservation(db: Db, input: OwnReservationInput & { newSlotId: number }): Promise<ManageOutcome> {
  const own = await findOwn(db, input.voucherId, input.reservationNumber);
  if (!own) return NOT_FOUND;
  const result = await changeReservation(db, {
    reservationId: own.id,
    newSlotId: input.newSlotId,
    actor: { kind: "resident", voucherId: input.voucherId, channel: input.channel },
    now: input.now,
  });
  if (result.ok) return { ok: true, reservationNumber: result.reservation.reservationNumber, repeated: false };
  const after = await findOwn(db, input.voucherId, input.reservationNumber);
  if (after && isReservationStatus(after.status) && isActive(after.status) && after.slotId === input.newSlotId) {
    return { ok: true, reservationNumber: input.reservationNumber, repeated: true };
  }
  return result;
}

/**
 * Cancels the resident's reservation (and dose 2 with a set's dose 1: the service does that).
 * A second submit finds it already cancelled: that is the first submit's success.
 */
export async function cancelOwnReservation(db: Db, input: OwnReservationInput): Promise<ManageOutcome> {
  const own = await findOwn(db, input.voucherId, input.reservationNumber);
  if (!own) return NOT_FOUND;
  const result = await cancelReservation(db, {
    reservationId: own.id,
    actor: { kind: "resident", voucherId: input.voucherId, channel: input.channel },
    now: input.now,
  });
  if (result.ok) return { ok: true, reservationNumber: result.reservation.reservationNumber, repeated: false };
  const after = await findOwn(db, input.voucherId, input.reservationNumber);
  if (after?.status === "cancelled") return { ok: true, reservationNumber: input.reservationNumber, repeated: true };
  return result;
}
