// Book, change and cancel on a confirmed caller's behalf. The caller key names the voucher
// (the birth date was confirmed); the rules are the booking service's, the same as on the
// resident site (staff skip only the residents' booking window and opening date). Past the
// change/cancel deadline staff may act only if the municipality allows it, and with a reason.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { bookSet, bookSlot } from "@/lib/booking/book";
import { cancelReservation, changeReservation } from "@/lib/booking/manage";
import type { Refused } from "@/lib/booking/result";
import { slotOptionsFor, type SearchPurpose, type SlotOption } from "@/lib/resident/slot-search";
import { voucherOfCaller } from "./caller-key";

/** The reservation must belong to the confirmed caller: a key for one person never acts on another's booking. */
async function ownReservation(db: Db, voucherId: number, reservationId: number): Promise<Refused | null> {
  const [row] = await db.select({ voucherId: reservations.voucherId }).from(reservations).where(eq(reservations.id, reservationId));
  if (!row) return { ok: false, code: "reservation_not_found", reason: "予約が見つかりません。" };
  if (row.voucherId !== voucherId) return { ok: false, code: "forbidden", reason: "この予約は、確認した方の予約ではありません。" };
  return null;
}

export async function bookForCaller(db: Db, actor: StaffActor, input: { key: string; slotId: number; now?: Date }) {
  const now = input.now ?? new Date();
  const voucherId = voucherOfCaller(actor, input.key, now);
  if (typeof voucherId !== "number") return voucherId;
  return bookSlot(db, { voucherId, slotId: input.slotId, actor, channel: "operator", now });
}

export async function bookSetForCaller(db: Db, actor: StaffActor, input: { key: string; firstSlotId: number; secondSlotId: number; now?: Date }) {
  const now = input.now ?? new Date();
  const voucherId = voucherOfCaller(actor, input.key, now);
  if (typeof voucherId !== "number") return voucherId;
  return bookSet(db, { voucherId, firstSlotId: input.firstSlotId, secondSlotId: input.secondSlotId, actor, channel: "operator", now });
}

export async function changeForCaller(
  db: Db,
  actor: StaffActor,
  input: { key: string; reservationId: number; newSlotId: number; overrideReason?: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const voucherId = voucherOfCaller(actor, input.key, now);
  if (typeof voucherId !== "number") return voucherId;
  const notOwn = await ownReservation(db, voucherId, input.reservationId);
  if (notOwn) return notOwn;
  return changeReservation(db, { reservationId: input.reservationId, newSlotId: input.newSlotId, overrideReason: input.overrideReason, actor, now });
}

export async function cancelForCaller(db: Db, actor: StaffActor, input: { key: string; reservationId: number; overrideReason?: string; now?: Date }) {
  const now = input.now ?? new Date();
  const voucherId = voucherOfCaller(actor, input.key, now);
  if (typeof voucherId !== "number") return voucherId;
  const notOwn = await ownReservation(db, voucherId, input.reservationId);
  if (notOwn) return notOwn;
  return cancelReservation(db, { reservationId: input.reservationId, overrideReason: input.overrideReason, actor, now });
}

export interface CallerSlotFilter {
  from: string;
  to: string;
  venueId?: number;
}

/**
 * The operator's slot picker: every slot in the range with bookable or the domain's reason,
 * judged as a staff booking (outside the residents' window). Venue-scoped roles see their venues only.
 */
export async function callerSlotOptions(
  db: Db,
  actor: StaffActor,
  input: { key: string; filter: CallerSlotFilter; purpose?: SearchPurpose; now?: Date },
): Promise<({ ok: true; options: SlotOption[] }) | Refused> {
  const now = input.now ?? new Date();
  const voucherId = voucherOfCaller(actor, input.key, now);
  if (typeof voucherId !== "number") return voucherId;
  if (input.filter.venueId !== undefined && !staffMay(actor, "booking.forCaller", { venueId: input.filter.venueId })) {
    return { ok: false, code: "forbidden", reason: "この会場の予約を操作する権限がありません。" };
  }
  const options = await slotOptionsFor(db, voucherId, input.filter, now, input.purpose ?? { kind: "book" }, { ignoreWindow: true });
  return { ok: true, options: options.filter((o) => staffMay(actor, "booking.forCaller", { venueId: o.venueId })) };
}

/** The venues this operator may book into (for the picker's venue choice). */
export async function callerVenues(db: Db, actor: StaffActor): Promise<{ id: number; name: string }[]> {
  const rows = await db.select({ id: venues.id, name: venues.name, code: venues.code }).from(venues).where(eq(venues.active, true)).orderBy(venues.code);
  return rows.filter((v) => staffMay(actor, "booking.forCaller", { venueId: v.id })).map(({ id, name }) => ({ id, name }));
}
