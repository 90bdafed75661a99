// Where a resident stands on the waitlist (キャンセル待ち), for My page, the waitlist page and the
// caller page: the live entry, how many joined before them, and an open offer with its link.
// The offer link of a waitlist offer is derived from its id (lib/offers/token.ts), so it can be
// shown again here without the token ever being stored.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seatOffers, slots, venues, vouchers } from "@/db/schema";
import { mobileE164 } from "@/lib/reminders/send-reminders";
import { derivedOfferToken } from "@/lib/offers/token";
import { liveEntryOf, peopleAhead, type WaitlistContact } from "@/lib/waitlist/join";

export interface WaitlistStatus {
  entryId: number;
  status: "waiting" | "offered";
  /** null: any venue. */
  venueName: string | null;
  dateFrom: string;
  dateTo: string;
  contact: WaitlistContact;
  peopleAhead: number;
  /** An open offer of a seat, waiting for the resident's answer. */
  offer: { offerId: number; path: string; expiresAt: Date; date: string; startTime: string; endTime: string; venueName: string } | null;
}

export async function loadWaitlistStatus(db: Db, voucherId: number, now = new Date()): Promise<WaitlistStatus | null> {
  const entry = await liveEntryOf(db, voucherId);
  if (!entry) return null;
  const [venue] = entry.venueId === null ? [] : await db.select({ name: venues.name }).from(venues).where(eq(venues.id, entry.venueId));
  const [offer] = await db
    .select({ id: seatOffers.id, expiresAt: seatOffers.expiresAt, date: slots.date, startTime: slots.startTime, endTime: slots.endTime, venueName: venues.name })
    .from(seatOffers)
    .innerJoin(slots, eq(slots.id, seatOffers.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .where(and(eq(seatOffers.waitlistEntryId, entry.id), eq(seatOffers.status, "open")));
  const open = offer && offer.expiresAt.getTime() > now.getTime() ? offer : null;
  return {
    entryId: entry.id,
    status: entry.status as WaitlistStatus["status"],
    venueName: venue?.name ?? null,
    dateFrom: entry.dateFrom,
    dateTo: entry.dateTo,
    contact: entry.contact as WaitlistContact,
    peopleAhead: await peopleAhead(db, entry),
    offer: open
      ? { offerId: open.id, path: `/offers/${derivedOfferToken(open.id)}`, expiresAt: open.expiresAt, date: open.date, startTime: open.startTime, endTime: open.endTime, venueName: open.venueName }
      : null,
  };
}

/** The ways an offer can reach this voucher's holder now (what the join form offers). */
export async function reachableContacts(db: Db, voucherId: number): Promise<{ sms: string | null; email: string | null; phone: string | null }> {
  const [voucher] = await db.select({ phone: vouchers.phone, email: vouchers.email }).from(vouchers).where(eq(vouchers.id, voucherId));
  return {
    sms: mobileE164(voucher?.phone ?? null) ? voucher!.phone : null,
    email: voucher?.email || null,
    phone: voucher?.phone || null,
  };
}

/** Shows only the end of an address: enough to recognise it, not to read it off a shared screen. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, "");
  return digits.length >= 4 ? `***-****-${digits.slice(-4)}` : "****";
}

export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}
