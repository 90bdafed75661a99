// The waitlist's one decision: who is offered a free seat. Strictly in arrival order (entry id):
// each waiting resident, first come first, is offered the earliest free seat that fits their
// venue, dates and the domain rules (rules 1–5 and the slot's own state, as for a booking). The
// seat is held (slots.held_count) in the same statement that checks it is free, so no booking and
// no other offer can take it; the offer is one row, and a waiting entry has at most one open offer
// (unique index). Every run takes one transaction-level advisory lock, so two dispatchers —
// on any instance, or a cancellation's own — never offer in parallel and nobody is skipped.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seatOffers, slots, venues, vouchers, waitlistEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadVoucherFacts } from "@/lib/booking/book";
import { loadBookingContext } from "@/lib/booking/context";
import { checkSlotBookable, checkVoucherRules } from "@/lib/domain/eligibility";
import { tokyoDate, tokyoInstant } from "@/lib/domain/dates";
import { actorForSystem } from "@/lib/offers/system-actor";
import { mobileE164 } from "@/lib/reminders/send-reminders";
import { derivedOfferToken, hashOfferToken } from "@/lib/offers/token";
import { rowsOf } from "@/db/rows";

/** pg_advisory_xact_lock key of the waitlist (any constant shared by every instance). */
const WAITLIST_LOCK = 8_000_801;
/** An offer for a seat must leave the resident time to come: it ends this long before the slot starts. */
const ARRIVAL_MARGIN_MS = 15 * 60_000;
/** After this many offers missed (expired), an entry lapses: the resident was not reachable. */
export const MAX_MISSED_OFFERS = 2;
/** Waiting entries read per query while free seats remain. */
const ENTRY_PAGE = 50;

const system = actorForSystem("waitlist");

export async function lockWaitlist(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${WAITLIST_LOCK})`);
}

/**
 * Call first in a transaction that frees seats, before it locks any row: when residents are
 * waiting, it takes the waitlist lock (waiting for a running sweep), so the transaction can offer
 * its seat at the end. Taking it after row locks could deadlock with a sweep that holds it and
 * waits for one of those rows. Returns whether the lock is held: pass it to offerFreedSeats.
 */
export async function lockWaitlistIfWaiting(db: Db): Promise<boolean> {
  const [anyone] = await db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(eq(waitlistEntries.status, "waiting")).limit(1);
  if (!anyone) return false;
  await lockWaitlist(db);
  return true;
}

async function tryLockWaitlist(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ locked: boolean }>(await db.execute(sql`select pg_try_advisory_xact_lock(${WAITLIST_LOCK}) as locked`));
  return row?.locked === true;
}

/** When an offer of a seat in `slot` made at `now` expires: the hold time, or just before the slot. */
export function offerExpiry(now: Date, holdMinutes: number, slotStart: Date): Date {
  return new Date(Math.min(now.getTime() + holdMinutes * 60_000, slotStart.getTime() - ARRIVAL_MARGIN_MS));
}

/**
 * Offers the free seats to waiting residents, inside the caller's transaction (a cancellation's,
 * so its seat goes to the waitlist before anyone browsing can take it). Returns the new offers'
 * ids; the caller sends them after commit (lib/offers/notify.ts).
 *
 * `lockHeld`: the caller took the waitlist lock first (lockWaitlistIfWaiting, sweepWaitlist).
 * Otherwise the lock is only tried: when a sweep holds it, this transaction (which may hold row
 * locks the sweep waits for) offers nothing, and the next sweep offers its seat.
 */
export async function offerFreedSeats(db: Db, now = new Date(), options: { lockHeld?: boolean } = {}): Promise<number[]> {
  const [anyone] = await db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(eq(waitlistEntries.status, "waiting")).limit(1);
  if (!anyone) return [];
  if (!options.lockHeld && !(await tryLockWaitlist(db))) return [];
  const today = tokyoDate(now);
  const ctx = await loadBookingContext(db);
  if (!ctx.settings.waitlistEnabled) return [];
  const hold = ctx.settings.offerHoldMinutes;

  const free = await db
    .select({ slot: slots })
    .from(slots)
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .where(
      and(
        sql`${slots.seatsLeft} > 0`,
        eq(slots.status, "open"),
        eq(slots.offerOnly, false),
        eq(venues.active, true),
        sql`${slots.date} >= ${today}`,
        lte(slots.date, sql`(select max(date_to) from waitlist_entries where status = 'waiting')`),
      ),
    )
    .orderBy(asc(slots.date), asc(slots.startTime), asc(slots.id))
    .limit(500);
  // Seats left per slot as this run hands them out; slots starting too soon to come are left out.
  const seats = free
    .map(({ slot }) => ({ slot, start: tokyoInstant(slot.date, slot.startTime), left: slot.seatsLeft }))
    .filter((s) => offerExpiry(now, hold, s.start).getTime() > now.getTime() + 5 * 60_000);
  if (seats.length === 0) return [];

  // Only the entries some free seat fits by venue and dates, in arrival order: the rules are
  // checked per entry below, so a long queue costs one indexed query, not a row per resident.
  // A page of them at a time: a freed seat usually goes to one of the first few.
  const created: number[] = [];
  let after = 0;
  for (;;) {
    const live = seats.filter((s) => s.left > 0).map((s) => s.slot.id);
    if (live.length === 0) break;
    const entries = await db
      .select()
      .from(waitlistEntries)
      .where(
        and(
          eq(waitlistEntries.status, "waiting"),
          sql`${waitlistEntries.id} > ${after}`,
          sql`exists (select 1 from slots s where s.id in (${sql.join(live.map((id) => sql`${id}`), sql`, `)})
            and (${waitlistEntries.venueId} is null or ${waitlistEntries.venueId} = s.venue_id)
            and s.date between ${waitlistEntries.dateFrom} and ${waitlistEntries.dateTo})`,
        ),
      )
      .orderBy(asc(waitlistEntries.id))
      .limit(ENTRY_PAGE);
    for (const entry of entries) {
      if (seats.every((s) => s.left <= 0)) break;
      const fits = seats.filter(
        (s) => s.left > 0 && (entry.venueId === null || s.slot.venueId === entry.venueId) && s.slot.date >= entry.dateFrom && s.slot.date <= entry.dateTo,
      );
      if (fits.length === 0) continue;
      const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, entry.voucherId));
      const facts = await loadVoucherFacts(db, voucher!);
      if (facts.hasActive) {
        // Booked some other way meanwhile: the entry has done its job.
        await endEntry(db, entry.id, "closed", now, "booked_elsewhere");
        continue;
      }
      const offered = new Set(
        (await db.select({ slotId: seatOffers.slotId }).from(seatOffers).where(eq(seatOffers.waitlistEntryId, entry.id))).map((o) => o.slotId),
      );
      const staffMade = entry.channel === "operator";
      for (const s of fits) {
        if (offered.has(s.slot.id)) continue;
        const rules = checkVoucherRules({
          birthDate: voucher!.birthDate,
          history: facts.history,
          hasActiveReservation: false,
          setLeader: null,
          date: s.slot.date,
          productCode: s.slot.productCode,
          tables: ctx.tables,
          now,
          ignoreWindow: staffMade,
        });
        if (!rules.ok) continue;
        const slotRefusal = checkSlotBookable(
          { date: s.slot.date, startTime: s.slot.startTime, productCode: s.slot.productCode, status: "open", remaining: s.left },
          ctx.settings,
          now,
          staffMade,
        );
        if (slotRefusal) continue;
        const offerId = await holdAndOffer(db, entry, s.slot.id, offerExpiry(now, hold, s.start), voucher!, now);
        if (offerId === null) {
          s.left = 0; // taken by a booking since we read it
          continue;
        }
        s.left--;
        created.push(offerId);
        break;
      }
    }
    if (entries.length < ENTRY_PAGE) break;
    after = entries[entries.length - 1]!.id;
  }
  return created;
}

/** Holds one seat of `slotId` (if still free) and writes the offer; null when the seat is gone. */
async function holdAndOffer(
  db: Db,
  entry: typeof waitlistEntries.$inferSelect,
  slotId: number,
  expiresAt: Date,
  voucher: typeof vouchers.$inferSelect,
  now: Date,
): Promise<number | null> {
  const held = await db
    .update(slots)
    .set({ heldCount: sql`${slots.heldCount} + 1`, updatedAt: now })
    .where(and(eq(slots.id, slotId), eq(slots.status, "open"), sql`${slots.seatsLeft} >= 1`))
    .returning({ id: slots.id });
  if (held.length === 0) return null;
  const [next] = rowsOf<{ id: string | number }>(await db.execute(sql`select nextval(pg_get_serial_sequence('seat_offers', 'id')) as id`));
  const offerId = Number(next!.id);
  const target = entry.contact === "line" ? entry.lineUserId : entry.contact === "sms" ? mobileE164(voucher.phone) : entry.contact === "email" ? voucher.email : voucher.phone;
  await db.insert(seatOffers).values({
    id: offerId,
    kind: "waitlist",
    slotId,
    voucherId: entry.voucherId,
    waitlistEntryId: entry.id,
    tokenHash: hashOfferToken(derivedOfferToken(offerId)),
    expiresAt,
    contact: entry.contact,
    target,
    createdAt: now,
  });
  await db.update(waitlistEntries).set({ status: "offered", updatedAt: now }).where(eq(waitlistEntries.id, entry.id));
  await recordAudit(db, system, {
    action: "waitlist.offer",
    entity: "seat_offer",
    entityId: offerId,
    voucherId: entry.voucherId,
    after: { waitlistEntryId: entry.id, slotId, expiresAt: expiresAt.toISOString(), contact: entry.contact },
  });
  return offerId;
}

export async function endEntry(db: Db, entryId: number, status: "booked" | "left" | "lapsed" | "closed", now: Date, why: string): Promise<void> {
  const [ended] = await db
    .update(waitlistEntries)
    .set({ status, endedAt: now, updatedAt: now })
    .where(and(eq(waitlistEntries.id, entryId), inArray(waitlistEntries.status, ["waiting", "offered"])))
    .returning();
  if (!ended) return;
  await recordAudit(db, system, { action: `waitlist.${status}`, entity: "waitlist_entry", entityId: entryId, voucherId: ended.voucherId, after: { status, why } });
}

/**
 * Gives a waitlist offer's held seat back and puts its resident back in line (declined,
 * withdrawn) or counts a miss (expired; after MAX_MISSED_OFFERS the entry lapses). The offer row
 * must be locked by the caller, and still open.
 */
export async function releaseOfferHold(
  db: Db,
  offer: typeof seatOffers.$inferSelect,
  status: "declined" | "expired" | "withdrawn",
  now: Date,
  /** Who ended it (a resident declining, an operator taking a caller's answer); the waitlist itself otherwise. */
  actor: Actor = system,
): Promise<void> {
  await db.update(seatOffers).set({ status, closedAt: now }).where(eq(seatOffers.id, offer.id));
  if (offer.kind !== "waitlist") return;
  await db.update(slots).set({ heldCount: sql`${slots.heldCount} - 1`, updatedAt: now }).where(eq(slots.id, offer.slotId));
  const missed = status === "expired" ? 1 : 0;
  const [entry] = await db
    .update(waitlistEntries)
    .set({
      missedOffers: sql`${waitlistEntries.missedOffers} + ${missed}`,
      status: sql`case when ${waitlistEntries.missedOffers} + ${missed} >= ${MAX_MISSED_OFFERS} then 'lapsed' else 'waiting' end`,
      endedAt: sql`case when ${waitlistEntries.missedOffers} + ${missed} >= ${MAX_MISSED_OFFERS} then ${now.toISOString()}::timestamptz else null end`,
      updatedAt: now,
    })
    .where(and(eq(waitlistEntries.id, offer.waitlistEntryId!), eq(waitlistEntries.status, "offered")))
    .returning();
  await recordAudit(db, actor, {
    action: `offer.${status}`,
    entity: "seat_offer",
    entityId: offer.id,
    voucherId: offer.voucherId,
    after: { slotId: offer.slotId, waitlistEntry: entry ? { id: entry.id, status: entry.status, missedOffers: entry.missedOffers } : null },
  });
}

export interface SweepSummary {
  expired: number;
  lapsed: number;
  offered: number[];
}

/**
 * The periodic run (cron, and after any seat is freed outside a cancellation): expires offers past
 * their time (their seats go back and on to the next in line), lapses entries whose dates have
 * passed, then offers the free seats. One transaction under the waitlist lock.
 */
export async function sweepWaitlist(db: Db, now = new Date()): Promise<SweepSummary> {
  return db.transaction(async (tx) => {
    await lockWaitlist(tx);
    const due = await tx
      .select()
      .from(seatOffers)
      .where(and(eq(seatOffers.status, "open"), lte(seatOffers.expiresAt, now)))
      .orderBy(asc(seatOffers.id))
      .for("update", { skipLocked: true });
    for (const offer of due) await releaseOfferHold(tx, offer, "expired", now);
    const lapsed = await tx
      .update(waitlistEntries)
      .set({ status: "lapsed", endedAt: now, updatedAt: now })
      .where(and(eq(waitlistEntries.status, "waiting"), sql`${waitlistEntries.dateTo} < ${tokyoDate(now)}`))
      .returning({ id: waitlistEntries.id, voucherId: waitlistEntries.voucherId });
    for (const e of lapsed) {
      await recordAudit(tx, system, { action: "waitlist.lapsed", entity: "waitlist_entry", entityId: e.id, voucherId: e.voucherId, after: { why: "dates_passed" } });
    }
    const offered = await offerFreedSeats(tx, now, { lockHeld: true });
    return { expired: due.length, lapsed: lapsed.length, offered };
  });
}
