// Accepting or declining an offer through its link. The token is the resident's credential here,
// like a password-reset link: it reached only them (LINE, SMS, e-mail), and only its hash is
// stored. Accepting books by the same rules as any booking (rules 1–5, the slot's state), in one
// transaction that first locks the offer row, so an offer is accepted at most once and a second
// press shows the same reservation.
// - waitlist: the held seat becomes the booking (held_count − 1, booked_count + 1 in one update).
// - leftover: the first to accept takes a seat of the offer-only slot; when it is full, the other
//   open offers of that release are marked taken.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, seatOffers, slots, waitlistEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { bookingDbRefusal, checkVoucher, insertReservation, loadSlot, lockVoucher, reservationSnapshot, takeSeats, type ReservationRow } from "@/lib/booking/book";
import { loadBookingContext } from "@/lib/booking/context";
import { asResult, refusal, type Refused } from "@/lib/booking/result";
import { checkSlotBookable } from "@/lib/domain/eligibility";
import { lockWaitlistIfWaiting, offerFreedSeats, releaseOfferHold } from "@/lib/waitlist/dispatch";
import { notifyPendingWaitlistOffers, offerSendersFromEnv } from "./notify";
import { actorForSystem } from "./system-actor";
import { hashOfferToken, isWellFormedOfferToken } from "./token";

type OfferRow = typeof seatOffers.$inferSelect;

/** Codes that say the offer itself is over: nothing to give back. */
const OFFER_OVER = new Set(["offer_not_found", "offer_expired", "offer_closed", "offer_taken", "busy", "db_unavailable"]);

async function lockOffer(db: Db, token: string): Promise<OfferRow> {
  if (!isWellFormedOfferToken(token)) refusal("offer_not_found", "このご案内は見つかりません。届いたリンクをもう一度お確かめください。");
  const [offer] = await db.select().from(seatOffers).where(eq(seatOffers.tokenHash, hashOfferToken(token))).for("update");
  if (!offer) refusal("offer_not_found", "このご案内は見つかりません。届いたリンクをもう一度お確かめください。");
  return offer;
}

function refuseClosed(offer: OfferRow, now: Date): never {
  if (offer.status === "taken") refusal("offer_taken", "申し訳ありません。ほかの方が先にお申し込みになり、枠が埋まりました。");
  if (offer.status === "expired" || (offer.status === "open" && offer.expiresAt.getTime() <= now.getTime())) {
    refusal("offer_expired", "お申し込みの期限を過ぎたため、この枠は次の方にご案内しました。");
  }
  if (offer.status === "declined") refusal("offer_closed", "このご案内は辞退済みです。");
  refusal("offer_closed", "このご案内は終了しました。");
}

export interface AcceptInput {
  token: string;
  /** Staff accepting for a caller reached by phone; otherwise the resident the offer was made to. */
  actor?: Actor;
  now?: Date;
}

export async function acceptOffer(db: Db, input: AcceptInput) {
  const now = input.now ?? new Date();
  const result = await asResult(
    () =>
      db.transaction(async (tx) => {
        const offer = await lockOffer(tx, input.token);
        if (offer.status === "accepted" && offer.reservationId !== null) {
          const [reservation] = await tx.select().from(reservations).where(eq(reservations.id, offer.reservationId));
          return { reservation: reservation!, offer, repeated: true };
        }
        if (offer.status !== "open" || offer.expiresAt.getTime() <= now.getTime()) refuseClosed(offer, now);
        const actor: Actor = input.actor ?? { kind: "resident", voucherId: offer.voucherId, channel: offer.contact === "line" ? "line" : "web" };
        const voucher = await lockVoucher(tx, offer.voucherId);
        const slot = await loadSlot(tx, offer.slotId);
        const ctx = await loadBookingContext(tx);
        const doseNumber = await checkVoucher(tx, ctx, voucher, slot, now, actor);
        // The held seat counts as free for its holder; a leftover slot is same-day by nature.
        const slotRefusal = checkSlotBookable(
          {
            date: slot.date,
            startTime: slot.startTime,
            productCode: slot.productCode,
            status: slot.status as "open" | "closed",
            remaining: offer.kind === "waitlist" ? 1 : slot.seatsLeft,
          },
          { ...ctx.settings, sameDayBooking: ctx.settings.sameDayBooking || offer.kind === "leftover" },
          now,
          offer.kind === "leftover" || actor.kind === "staff",
        );
        if (slotRefusal) {
          if (slotRefusal.code === "slot_full") refusal("offer_taken", "申し訳ありません。ほかの方が先にお申し込みになり、枠が埋まりました。");
          refusal(slotRefusal.code, slotRefusal.reason, undefined, slotRefusal.params);
        }
        if (offer.kind === "waitlist") {
          const converted = await tx
            .update(slots)
            .set({ heldCount: sql`${slots.heldCount} - 1`, bookedCount: sql`${slots.bookedCount} + 1`, updatedAt: now })
            .where(and(eq(slots.id, slot.id), sql`${slots.heldCount} >= 1`))
            .returning({ id: slots.id });
          if (converted.length === 0) throw new Error(`offer ${offer.id}: no held seat in slot ${slot.id}`);
        } else {
          try {
            await takeSeats(tx, slot.id, 1);
          } catch {
            refusal("offer_taken", "申し訳ありません。ほかの方が先にお申し込みになり、枠が埋まりました。");
          }
        }
        const reservation = await insertReservation(tx, {
          voucherId: voucher.id,
          slotId: slot.id,
          doseNumber,
          productCode: slot.productCode,
          channel: actor.kind === "staff" ? "operator" : offer.contact === "line" ? "line" : "web",
          createdByStaffId: actor.kind === "staff" ? actor.staffId : null,
        });
        const [accepted] = await tx
          .update(seatOffers)
          .set({ status: "accepted", reservationId: reservation.id, closedAt: now })
          .where(eq(seatOffers.id, offer.id))
          .returning();
        if (offer.waitlistEntryId !== null) {
          await tx.update(waitlistEntries).set({ status: "booked", endedAt: now, updatedAt: now }).where(eq(waitlistEntries.id, offer.waitlistEntryId));
        }
        if (offer.leftoverReleaseId !== null) {
          const [after] = await tx.select({ left: slots.seatsLeft }).from(slots).where(eq(slots.id, slot.id));
          if ((after?.left ?? 0) <= 0) {
            // SKIP LOCKED: an offer someone is accepting right now is locked by them, and they wait for the
            // slot row we hold; waiting for theirs would deadlock. They find the slot full and mark their own.
            await tx.execute(sql`update seat_offers set status = 'taken', closed_at = ${now.toISOString()}::timestamptz
              where id in (select id from seat_offers where leftover_release_id = ${offer.leftoverReleaseId}
                and status = 'open' and id <> ${offer.id} for update skip locked)`);
          }
        }
        await recordAudit(tx, actor, {
          action: "offer.accept",
          entity: "reservation",
          entityId: reservation.id,
          voucherId: voucher.id,
          after: { ...reservationSnapshot(reservation), offerId: offer.id, offerKind: offer.kind },
        });
        return { reservation: reservation as ReservationRow, offer: accepted!, repeated: false };
      }),
    bookingDbRefusal,
  );
  if (!result.ok && result.code === "offer_taken") await markTaken(db, input.token, now);
  if (!result.ok && !OFFER_OVER.has(result.code)) await giveBack(db, input.token, now, result);
  return result;
}

/** A leftover offer that lost the race: it says so from now on instead of looking open. */
async function markTaken(db: Db, token: string, now: Date): Promise<void> {
  if (!isWellFormedOfferToken(token)) return;
  await db
    .update(seatOffers)
    .set({ status: "taken", closedAt: now })
    .where(and(eq(seatOffers.tokenHash, hashOfferToken(token)), eq(seatOffers.status, "open"), eq(seatOffers.kind, "leftover")));
}

/**
 * A waitlist offer its resident can no longer take (booked elsewhere, no longer eligible): the seat
 * is released to the next in line at once instead of staying held until it expires.
 */
async function giveBack(db: Db, token: string, now: Date, why: Refused): Promise<void> {
  const offered = await db.transaction(async (tx) => {
    const locked = await lockWaitlistIfWaiting(tx);
    const [offer] = await tx.select().from(seatOffers).where(eq(seatOffers.tokenHash, hashOfferToken(token))).for("update");
    if (!offer || offer.kind !== "waitlist" || offer.status !== "open") return [];
    await releaseOfferHold(tx, offer, "withdrawn", now);
    await recordAudit(tx, actorForSystem("offers"), { action: "offer.withdrawn_ineligible", entity: "seat_offer", entityId: offer.id, voucherId: offer.voucherId, after: { code: why.code } });
    return offerFreedSeats(tx, now, { lockHeld: locked });
  });
  if (offered.length > 0) await notifyQuietly(db, now);
}

export async function declineOffer(db: Db, input: { token: string; actor?: Actor; now?: Date }) {
  const now = input.now ?? new Date();
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      const locked = await lockWaitlistIfWaiting(tx);
      const offer = await lockOffer(tx, input.token);
      if (offer.status !== "open" || offer.expiresAt.getTime() <= now.getTime()) refuseClosed(offer, now);
      await releaseOfferHold(tx, offer, "declined", now, input.actor ?? { kind: "resident", voucherId: offer.voucherId, channel: offer.contact === "line" ? "line" : "web" });
      const offered = await offerFreedSeats(tx, now, { lockHeld: locked });
      return { offer, offered };
    }),
  );
  if (result.ok && result.offered.length > 0) await notifyQuietly(db, now);
  return result;
}

/** Sends new waitlist offers after a commit; a failure to send never fails what the resident did. */
export async function notifyQuietly(db: Db, now = new Date()): Promise<void> {
  try {
    await notifyPendingWaitlistOffers(db, offerSendersFromEnv(), now);
  } catch (e) {
    console.error("waitlist offers could not be sent now (the next sweep retries unsent ones):", e);
  }
}
