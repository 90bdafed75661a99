// What the offer page (/offers/<token>) shows: the seat, the time left, and how the offer ended.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, seatOffers, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import { hashOfferToken, isWellFormedOfferToken } from "./token";

export interface OfferView {
  id: number;
  kind: "waitlist" | "leftover";
  /** As stored; an open offer past its time reads as expired. */
  status: "open" | "accepted" | "declined" | "expired" | "withdrawn" | "taken";
  expiresAt: Date;
  date: string;
  startTime: string;
  endTime: string;
  venueName: string;
  venueAddress: string;
  productName: string;
  /** The last 4 digits of the voucher number, so a family sharing a phone knows whose offer it is. */
  voucherTail: string;
  reservationNumber: string | null;
}

export async function offerForToken(db: Db, token: string, now = new Date()): Promise<OfferView | null> {
  if (!isWellFormedOfferToken(token)) return null;
  const [row] = await db
    .select({
      offer: seatOffers,
      slot: slots,
      venueName: venues.name,
      venueAddress: venues.address,
      productName: vaccineProducts.name,
      voucherNumber: vouchers.voucherNumber,
      reservationNumber: reservations.reservationNumber,
    })
    .from(seatOffers)
    .innerJoin(slots, eq(slots.id, seatOffers.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
    .innerJoin(vouchers, eq(vouchers.id, seatOffers.voucherId))
    .leftJoin(reservations, eq(reservations.id, seatOffers.reservationId))
    .where(eq(seatOffers.tokenHash, hashOfferToken(token)));
  if (!row) return null;
  const expired = row.offer.status === "open" && row.offer.expiresAt.getTime() <= now.getTime();
  return {
    id: row.offer.id,
    kind: row.offer.kind as OfferView["kind"],
    status: expired ? "expired" : (row.offer.status as OfferView["status"]),
    expiresAt: row.offer.expiresAt,
    date: row.slot.date,
    startTime: row.slot.startTime,
    endTime: row.slot.endTime,
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    productName: row.productName,
    voucherTail: row.voucherNumber.slice(-4),
    reservationNumber: row.reservationNumber,
  };
}
