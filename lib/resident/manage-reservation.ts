// Changing and cancelling one's own reservation (web and LIFF): the URL parameters the change and
// cancel pages and actions share, and the two actions' calls into lib/booking/manage.ts with the one
// decision they add — a repeated submit that finds its work already done is a success, not an error.
// The reservation itself is read by loadReservationView (lib/resident/reservation-view.ts): only the
// logged-in voucher's reservations are found.
import { z } from "zod";
import type { Db } from "@/db/client";
import { cancelReservation, changeReservation } from "@/lib/booking/manage";
import type { Refused } from "@/lib/booking/result";
import { isActive } from "@/lib/domain/reservation-status";
import { loadReservationView } from "./reservation-view";

/** The reservation number in a URL or form: 9 digits. */
export const reservationNumberParam = z.string().regex(/^[0-9]{9}$/);
/** A slot id in a URL or form: a positive integer, digits only (no "1e3", no spaces). */
export const slotIdParam = z
  .string()
  .regex(/^[0-9]{1,15}$/)
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

export interface OwnReservationInput {
  voucherId: number;
  channel: "web" | "line";
  reservationNumber: string;
  now?: Date;
}

/** Done: the reservation number to show. `repeated` when an earlier submit had already done it. */
export type ManageOutcome = { ok: true; reservationNumber: string; repeated: boolean } | Refused;

const NOT_FOUND: Refused = { ok: false, code: "reservation_not_found", reason: "予約が見つかりません。" };

/**
 * Moves the resident's reservation to `newSlotId`. The reservation keeps its number. A second
 * submit of the same confirmation finds the reservation already in that slot (the service refuses
 * it as same_slot, or past its deadline when the new slot is close): that is the first submit's success.
 */
export async function changeOwnReservation(db: Db, input: OwnReservationInput & { newSlotId: number }): Promise<ManageOutcome> {
  const own = await loadReservationView(db, input.voucherId, input.reservationNumber, input.now);
  if (!own) return NOT_FOUND;
  const result = await changeReservation(db, {
    reservationId: own.id,
    newSlotId: input.newSlotId,
    actor: { kind: "resident", voucherId: input.voucherId, channel: input.channel },
    now: input.now,
  });
  if (result.ok) return { ok: true, reservationNumber: result.reservation.reservationNumber, repeated: false };
  const after = await loadReservationView(db, input.voucherId, input.reservationNumber, input.now);
  if (after && isActive(after.status) && after.slotId === input.newSlotId) {
    return { ok: true, reservationNumber: input.reservationNumber, repeated: true };
  }
  return result;
}

/**
 * Cancels the resident's reservation (and dose 2 with a set's dose 1: the service does that).
 * A second submit finds it already cancelled: that is the first submit's success.
 */
export async function cancelOwnReservation(db: Db, input: OwnReservationInput): Promise<ManageOutcome> {
  const own = await loadReservationView(db, input.voucherId, input.reservationNumber, input.now);
  if (!own) return NOT_FOUND;
  const result = await cancelReservation(db, {
    reservationId: own.id,
    actor: { kind: "resident", voucherId: input.voucherId, channel: input.channel },
    now: input.now,
  });
  if (result.ok) return { ok: true, reservationNumber: result.reservation.reservationNumber, repeated: false };
  const after = await loadReservationView(db, input.voucherId, input.reservationNumber, input.now);
  if (after?.status === "cancelled") return { ok: true, reservationNumber: input.reservationNumber, repeated: true };
  return result;
}
