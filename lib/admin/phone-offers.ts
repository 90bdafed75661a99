// Waitlist offers the call center answers: those to residents reached by phone (contact 'phone',
// never sent by LINE/SMS/e-mail) are listed for the operators to call, and an operator may accept
// (book for the caller) or decline any open waitlist offer within their venues. The link's token
// is derived from the offer id (lib/offers/token.ts), so staff act through the same service as
// the resident's link: acceptOffer / declineOffer.
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seatOffers, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { acceptOffer, declineOffer } from "@/lib/offers/accept";
import { derivedOfferToken } from "@/lib/offers/token";

export interface PhoneOffer {
  offerId: number;
  expiresAt: Date;
  voucherNumber: string;
  kanaName: string | null;
  phone: string | null;
  birthDate: string;
  date: string;
  startTime: string;
  endTime: string;
  venueId: number;
  venueName: string;
  productName: string;
}

/** Open, unexpired waitlist offers to be phoned, soonest deadline first, within the operator's venues. */
export async function listPhoneOffers(db: Db, actor: StaffActor, now = new Date()): Promise<PhoneOffer[]> {
  if (!roleMay(actor.role, "booking.forCaller")) return [];
  const rows = await db
    .select({
      offerId: seatOffers.id,
      expiresAt: seatOffers.expiresAt,
      voucherNumber: vouchers.voucherNumber,
      kanaName: vouchers.kanaName,
      phone: vouchers.phone,
      birthDate: vouchers.birthDate,
      date: slots.date,
      startTime: slots.startTime,
      endTime: slots.endTime,
      venueId: slots.venueId,
      venueName: venues.name,
      productName: vaccineProducts.name,
    })
    .from(seatOffers)
    .innerJoin(slots, eq(slots.id, seatOffers.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
    .innerJoin(vouchers, eq(vouchers.id, seatOffers.voucherId))
    .where(and(eq(seatOffers.status, "open"), eq(seatOffers.kind, "waitlist"), eq(seatOffers.contact, "phone"), gt(seatOffers.expiresAt, now)))
    .orderBy(asc(seatOffers.expiresAt), asc(seatOffers.id))
    .limit(200);
  const mine = rows.filter((r) => staffMay(actor, "booking.forCaller", { venueId: r.venueId }));
  // The list shows residents' phone numbers: who saw which, like the caller page's resident.view.
  if (mine.length > 0) {
    await recordAudit(db, actor, { action: "offer.phone_list_view", entity: "seat_offer", entityId: "list", after: { offerIds: mine.map((o) => o.offerId) } });
  }
  return mine;
}

async function guard(db: Db, actor: StaffActor, offerId: number) {
  const [offer] = await db
    .select({ id: seatOffers.id, kind: seatOffers.kind, voucherId: seatOffers.voucherId, venueId: slots.venueId })
    .from(seatOffers)
    .innerJoin(slots, eq(slots.id, seatOffers.slotId))
    .where(eq(seatOffers.id, offerId));
  if (!offer || offer.kind !== "waitlist") return { ok: false as const, code: "offer_not_found", reason: "このご案内は見つかりません。" };
  if (!staffMay(actor, "booking.forCaller", { venueId: offer.venueId })) return { ok: false as const, code: "forbidden", reason: "この会場のご案内を操作する権限がありません。" };
  return { ok: true as const, offer };
}

/** Books the offered seat for the caller (the staff member is the actor, audit-logged by acceptOffer). */
export async function acceptOfferForCaller(db: Db, actor: StaffActor, input: { offerId: number; now?: Date }) {
  const checked = await guard(db, actor, input.offerId);
  if (!checked.ok) return checked;
  return acceptOffer(db, { token: derivedOfferToken(input.offerId), actor, now: input.now });
}

/** The caller declines on the phone: the seat moves on to the next in line. */
export async function declineOfferForCaller(db: Db, actor: StaffActor, input: { offerId: number; now?: Date }) {
  const checked = await guard(db, actor, input.offerId);
  if (!checked.ok) return checked;
  // The operator who took the answer is the actor of the offer's end in the audit log.
  return declineOffer(db, { token: derivedOfferToken(input.offerId), actor, now: input.now });
}
