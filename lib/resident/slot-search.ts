// Finding a slot (issue 3): the slots one voucher may book, by venue or by date, each with
// the reason when it may not, and a per-day summary for the calendar. The decision is the
// same checkEligibility the booking service applies; nothing here books.
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, venues, vouchers } from "@/db/schema";
import { loadBookingContext, loadDoseHistory } from "@/lib/booking/context";
import { checkEligibility, checkSetFollower, type EligibilityResult, type RefusalCode, type RefusalParams } from "@/lib/domain/eligibility";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";

export interface SlotOption {
  slotId: number;
  venueId: number;
  venueName: string;
  date: string;
  startTime: string;
  endTime: string;
  productCode: string;
  productName: string;
  capacity: number;
  remaining: number;
  bookable: boolean;
  /** Why not, when not bookable (Japanese, for the resident). */
  reason: string | null;
  /** same_slot: the slot of the reservation being changed. */
  code: RefusalCode | "same_slot" | null;
  params?: RefusalParams;
}

/**
 * What the resident is choosing a slot for: a new booking; moving an existing reservation
 * (its own seat does not count as "already booked"); or dose 2 of a set booking, judged as
 * if dose 1 were given in the chosen first slot.
 */
export type SearchPurpose =
  | { kind: "book" }
  | { kind: "change"; reservationId: number }
  | { kind: "set_second"; first: { date: string; productCode: string } };

export interface SlotFilter {
  from: string;
  to: string;
  venueId?: number;
}

/** The active reservation being changed, and its set leader's slot when it is dose 2 of a set. */
async function changeContext(db: Db, voucherId: number, reservationId: number) {
  const [row] = await db
    .select({ reservation: reservations })
    .from(reservations)
    .where(and(eq(reservations.id, reservationId), eq(reservations.voucherId, voucherId), inArray(reservations.status, [...ACTIVE_STATUSES])));
  if (!row) return null;
  let setLeader: { date: string; productCode: string } | null = null;
  if (row.reservation.setLeaderId !== null) {
    const [leader] = await db
      .select({ date: slots.date, productCode: reservations.productCode })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .where(eq(reservations.id, row.reservation.setLeaderId));
    setLeader = leader ?? null;
  }
  // Moving dose 1 of a set must keep its dose 2 valid (the same check changeReservation makes).
  const [follower] = await db
    .select({ date: slots.date, productCode: reservations.productCode })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .where(and(eq(reservations.setLeaderId, row.reservation.id), inArray(reservations.status, [...ACTIVE_STATUSES])));
  return { reservation: row.reservation, setLeader, follower: follower ?? null };
}

/** Every slot in the range (open or not) with whether this voucher may book it now. */
export async function slotOptionsFor(
  db: Db,
  voucherId: number,
  filter: SlotFilter,
  now = new Date(),
  purpose: SearchPurpose = { kind: "book" },
  /** Staff (operators, bulk booking) book outside the residents' window and before the opening date. */
  options: { ignoreWindow?: boolean } = {},
): Promise<SlotOption[]> {
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, voucherId));
  if (!voucher) return [];
  const ctx = await loadBookingContext(db);
  const history = await loadDoseHistory(db, voucher);
  const active = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.voucherId, voucherId), inArray(reservations.status, [...ACTIVE_STATUSES])))
    .limit(1);
  let setLeader: { date: string; productCode: string } | null = null;
  let hasActiveReservation = active.length > 0;
  let currentSlotId: number | null = null;
  let follower: { date: string; productCode: string } | null = null;
  if (purpose.kind === "change") {
    const change = await changeContext(db, voucherId, purpose.reservationId);
    if (!change) return [];
    setLeader = change.setLeader;
    hasActiveReservation = false;
    currentSlotId = change.reservation.slotId;
    follower = change.follower;
  } else if (purpose.kind === "set_second") {
    setLeader = purpose.first;
  }
  // Offer-only slots (same-day leftover doses) are booked through their offers, never listed.
  const conditions = [gte(slots.date, filter.from), lte(slots.date, filter.to), eq(venues.active, true), eq(slots.offerOnly, false)];
  if (filter.venueId !== undefined) conditions.push(eq(slots.venueId, filter.venueId));
  const rows = await db
    .select({ slot: slots, venueName: venues.name })
    .from(slots)
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .where(and(...conditions))
    .orderBy(asc(slots.date), asc(slots.startTime), asc(venues.code));
  return rows.map(({ slot, venueName }) => {
    const remaining = Math.max(0, slot.seatsLeft);
    const result: EligibilityResult | { ok: false; code: "same_slot"; reason: string; params?: RefusalParams } =
      slot.id === currentSlotId
        ? { ok: false, code: "same_slot", reason: "現在の予約枠です。" }
        : withFollower(follower, { birthDate: voucher.birthDate, history, tables: ctx.tables }, slot, checkEligibility({
            birthDate: voucher.birthDate,
            history,
            hasActiveReservation,
            setLeader,
            slot: { date: slot.date, startTime: slot.startTime, productCode: slot.productCode, status: slot.status as "open" | "closed", remaining },
            tables: ctx.tables,
            settings: ctx.settings,
            now,
            ignoreWindow: options.ignoreWindow,
          }));
    return {
      slotId: slot.id,
      venueId: slot.venueId,
      venueName,
      date: slot.date,
      startTime: slot.startTime,
      endTime: slot.endTime,
      productCode: slot.productCode,
      productName: ctx.tables.products.find((p) => p.code === slot.productCode)?.name ?? slot.productCode,
      capacity: slot.capacity,
      remaining,
      bookable: result.ok,
      reason: result.ok ? null : result.reason,
      code: result.ok ? null : result.code,
      params: result.ok ? undefined : result.params,
    };
  });
}

/** When dose 1 of a set moves to `slot`, its dose 2 must still be valid. */
function withFollower(
  follower: { date: string; productCode: string } | null,
  voucher: Parameters<typeof checkSetFollower>[0],
  slot: { date: string; productCode: string },
  result: EligibilityResult,
): EligibilityResult {
  if (!result.ok || !follower) return result;
  return checkSetFollower(voucher, { date: slot.date, productCode: slot.productCode }, follower) ?? result;
}

/** 空きあり / 残りわずか / 満員 / 受付外 (no slot this voucher could book that day). */
export type DayAvailability = "available" | "few" | "full" | "closed";

/** A slot with this many seats or fewer left (or a fifth of its capacity) counts as 残りわずか. */
export function isFew(remaining: number, capacity: number): boolean {
  return remaining <= Math.max(2, Math.floor(capacity / 5));
}

/**
 * The calendar's mark for one day from that day's options: 満員 when the only thing
 * standing between the resident and a slot is that it is full.
 */
export function dayAvailability(options: readonly SlotOption[]): DayAvailability {
  const bookable = options.filter((o) => o.bookable);
  if (bookable.length > 0) return bookable.some((o) => !isFew(o.remaining, o.capacity)) ? "available" : "few";
  return options.some((o) => o.code === "slot_full") ? "full" : "closed";
}

export function calendarFor(options: readonly SlotOption[]): Map<string, DayAvailability> {
  const byDay = new Map<string, SlotOption[]>();
  for (const o of options) byDay.set(o.date, [...(byDay.get(o.date) ?? []), o]);
  return new Map([...byDay.entries()].map(([date, day]) => [date, dayAvailability(day)]));
}

/** For 会場から探す: each venue with the first dates this voucher can book there. */
export function nextFreeDatesByVenue(options: readonly SlotOption[], perVenue = 3): Map<number, string[]> {
  const result = new Map<number, string[]>();
  for (const o of options) {
    if (!o.bookable) continue;
    const dates = result.get(o.venueId) ?? [];
    if (!dates.includes(o.date) && dates.length < perVenue) dates.push(o.date);
    result.set(o.venueId, dates);
  }
  return result;
}
