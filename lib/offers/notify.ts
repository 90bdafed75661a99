// Sends offers: LINE push, SMS or e-mail, to the address stored on the offer when it was made.
// Each offer is claimed (notified_at set where it was null) before sending, so two runs — even
// concurrent ones — never send one offer twice. A failed send is recorded (notify_error) and not
// retried: the held seat moves on when the offer expires, so a resident who cannot be reached
// never blocks the line. Offers for residents reached by phone are left to the call center
// (its list of open offers), counted as byPhone.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seatOffers, slots, vaccineProducts, venues } from "@/db/schema";
import { actorForSystem } from "./system-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadSettings } from "@/lib/booking/context";
import { lineConfig } from "@/lib/line/config";
import { sendersFromEnv, type ReminderSenders } from "@/lib/reminders/send-reminders";
import type { SendOutcome } from "@/lib/reminders/email";
import { offerSms, offerSubject, offerText, type OfferFacts } from "./offer-text";
import { derivedOfferToken } from "./token";

export interface OfferSenders {
  line: ReminderSenders["line"];
  email: ReminderSenders["email"];
  sms: ReminderSenders["sms"];
  /** PUBLIC_BASE_URL: the links point at `${baseUrl}/offers/<token>` (a web page; it opens inside LINE too). */
  baseUrl: string | null;
}

export function offerSendersFromEnv(): OfferSenders {
  const { line, email, sms } = sendersFromEnv();
  return { line, email, sms, baseUrl: lineConfig().publicBaseUrl };
}

export function offerLink(baseUrl: string | null, token: string): string | null {
  return baseUrl ? `${baseUrl}/offers/${token}` : null;
}

export interface NotifySummary {
  sent: number;
  failed: number;
  byPhone: number;
}

const system = actorForSystem("offers");
const SEND_CONCURRENCY = 8;

/** Sends the given offers (each with its token) that have not been sent yet. */
export async function notifyOffers(db: Db, senders: OfferSenders, offers: readonly { id: number; token: string }[], now = new Date()): Promise<NotifySummary> {
  const summary: NotifySummary = { sent: 0, failed: 0, byPhone: 0 };
  if (offers.length === 0) return summary;
  const settings = await loadSettings(db);
  const tokens = new Map(offers.map((o) => [o.id, o.token]));
  const ids = [...tokens.keys()];
  // A few at a time: a leftover release may go to hundreds of residents, and each send is an HTTP call.
  for (let i = 0; i < ids.length; i += SEND_CONCURRENCY) {
    await Promise.all(ids.slice(i, i + SEND_CONCURRENCY).map((id) => notifyOne(db, senders, settings.name, id, tokens.get(id)!, now, summary)));
  }
  return summary;
}

async function notifyOne(db: Db, senders: OfferSenders, municipalityName: string, id: number, token: string, now: Date, summary: NotifySummary): Promise<void> {
  // The claim: whoever sets notified_at sends.
  const [claimed] = await db
    .update(seatOffers)
    .set({ notifiedAt: now })
    .where(and(eq(seatOffers.id, id), isNull(seatOffers.notifiedAt), eq(seatOffers.status, "open")))
    .returning();
  if (!claimed) return;
  const [row] = await db
    .select({ slot: slots, venueName: venues.name, venueAddress: venues.address, productName: vaccineProducts.name })
    .from(slots)
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
    .where(eq(slots.id, claimed.slotId));
  const facts: OfferFacts = {
    kind: claimed.kind as OfferFacts["kind"],
    municipalityName,
    venueName: row!.venueName,
    venueAddress: row!.venueAddress,
    productName: row!.productName,
    date: row!.slot.date,
    startTime: row!.slot.startTime,
    endTime: row!.slot.endTime,
    expiresAt: claimed.expiresAt,
    link: offerLink(senders.baseUrl, token),
  };
  const outcome = await send(senders, claimed.contact, claimed.target, facts);
  if (outcome === "phone") {
    summary.byPhone++;
    return;
  }
  if (outcome.ok) summary.sent++;
  else summary.failed++;
  await db.update(seatOffers).set({ notifyError: outcome.ok ? null : outcome.error.slice(0, 200) }).where(eq(seatOffers.id, id));
  await recordAudit(db, system, {
    action: outcome.ok ? "offer.notified" : "offer.notify_failed",
    entity: "seat_offer",
    entityId: id,
    voucherId: claimed.voucherId,
    // The channel, never the address.
    after: { contact: claimed.contact, ...(outcome.ok ? {} : { error: outcome.error.slice(0, 200) }) },
  });
}

async function send(senders: OfferSenders, contact: string, target: string | null, facts: OfferFacts): Promise<SendOutcome | "phone"> {
  if (contact === "phone") return "phone";
  if (!target) return { ok: false, error: "no address" };
  switch (contact) {
    case "line":
      return senders.line ? senders.line(target, offerText(facts), randomUUID()) : { ok: false, error: "line not configured" };
    case "sms":
      return senders.sms ? senders.sms(target, offerSms(facts)) : { ok: false, error: "sms not configured" };
    case "email":
      return senders.email ? senders.email(target, offerSubject(facts), offerText(facts)) : { ok: false, error: "email not configured" };
    default:
      return { ok: false, error: `unknown contact ${contact}` };
  }
}

/**
 * Waitlist offers still open and never sent (their token is derived from the id): the run right
 * after the transaction that made them, or the next cron run if that process died in between.
 */
export async function notifyPendingWaitlistOffers(db: Db, senders: OfferSenders, now = new Date()): Promise<NotifySummary> {
  const pending = await db
    .select({ id: seatOffers.id })
    .from(seatOffers)
    .where(and(isNull(seatOffers.notifiedAt), eq(seatOffers.status, "open"), eq(seatOffers.kind, "waitlist")))
    .orderBy(seatOffers.id)
    .limit(500);
  return notifyOffers(db, senders, pending.map((p) => ({ id: p.id, token: derivedOfferToken(p.id) })), now);
}
