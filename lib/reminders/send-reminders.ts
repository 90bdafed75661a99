// The day-before reminder: every active reservation on `date` is reminded by LINE push (each
// linked LINE user still following the account) and, where the municipality enabled it, by
// e-mail and SMS to the address/number the resident gave. Exactly once: each (reservation,
// channel, address) is claimed in reminder_deliveries before sending — a second run, even a
// concurrent one, finds the claim and skips it. A failed send is recorded and retried by the
// next run (up to MAX_ATTEMPTS); a LINE push carries its claim's retry key, so LINE itself
// accepts a retried push only once.
import { HTTPFetchError } from "@line/bot-sdk";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { lineLinks, lineUsers, reminderDeliveries, reservations, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import { loadSettings } from "@/lib/booking/context";
import { hhmm } from "@/lib/domain/dates";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { ivrConfig } from "@/lib/ivr/config";
import { sendSms, smsReachable } from "@/lib/ivr/sms";
import { messagingClient } from "@/lib/line/client";
import { lineConfig, residentLink, type LineConfig } from "@/lib/line/config";
import { textMessage } from "@/lib/line/messages";
import { emailConfigFromEnv, emailSender, type SendOutcome } from "./email";

export const MAX_ATTEMPTS = 5;
/** A LINE claim older than this whose run never finished (crash) is pushed again: its retry key keeps it single. */
const STALE_CLAIM_MS = 15 * 60_000;

export type ReminderChannel = "line" | "email" | "sms";

export interface ReminderSenders {
  line: ((to: string, text: string, retryKey: string) => Promise<SendOutcome>) | null;
  email: ((to: string, subject: string, text: string) => Promise<SendOutcome>) | null;
  sms: ((to: string, text: string) => Promise<SendOutcome>) | null;
  /** Where the message sends the resident to check or cancel (LIFF or the web site). */
  link: string | null;
}

export interface ReminderSummary {
  date: string;
  reservations: number;
  sent: Record<ReminderChannel, number>;
  failed: Record<ReminderChannel, number>;
  /** Already sent or being sent by another run. */
  skipped: number;
}

export function linePusher(config: LineConfig): ReminderSenders["line"] {
  if (!config.channelAccessToken) return null;
  const client = messagingClient(config);
  return async (to, text, retryKey) => {
    try {
      await client.pushMessage({ to, messages: [textMessage(text)] }, retryKey);
      return { ok: true };
    } catch (e) {
      // 409: a push with this retry key was already accepted — it was sent.
      if (e instanceof HTTPFetchError && e.status === 409) return { ok: true };
      return { ok: false, error: e instanceof HTTPFetchError ? `line ${e.status}` : `line ${e instanceof Error ? e.message : "error"}` };
    }
  };
}

/** Senders from the environment: LINE_* (push), SMTP_URL + REMINDER_EMAIL_FROM, TWILIO_* + TWILIO_SMS_FROM. */
export function sendersFromEnv(): ReminderSenders {
  const line = lineConfig();
  const email = emailConfigFromEnv();
  const twilio = ivrConfig();
  const smsFrom = twilio.smsFrom;
  return {
    line: linePusher(line),
    email: email ? emailSender(email) : null,
    sms:
      twilio.accountSid && twilio.authToken && smsFrom
        ? async (to, text) => ((await sendSms(twilio, { to, from: smsFrom, body: text })) ? { ok: true } : { ok: false, error: "twilio refused or unreachable" })
        : null,
    link: residentLink(line, "/reservations", "/mypage"),
  };
}

/** A stored phone number (digits, 0 first) as E.164 when it is a Japanese mobile (070/080/090): only these take an SMS. */
export function mobileE164(phone: string | null): string | null {
  const digits = phone?.replace(/[^0-9]/g, "") ?? "";
  const e164 = /^0[789]0[0-9]{8}$/.test(digits) ? `+81${digits.slice(1)}` : null;
  return smsReachable(e164) ? e164 : null;
}

interface Booking {
  reservationId: number;
  reservationNumber: string;
  voucherId: number;
  doseNumber: number;
  productName: string;
  date: string;
  startTime: string;
  endTime: string;
  venueName: string;
  venueAddress: string;
  email: string | null;
  phone: string | null;
}

function reminderText(municipalityName: string, b: Booking, link: string | null): string {
  return [
    `【接種予約のお知らせ】${municipalityName}`,
    `明日 ${formatDate("ja", b.date)} ${formatTimeRange("ja", b.startTime, b.endTime)} に接種の予約があります。`,
    `会場: ${b.venueName}${b.venueAddress ? `（${b.venueAddress}）` : ""}`,
    `${b.doseNumber}回目 ${b.productName}`,
    `予約番号: ${b.reservationNumber}`,
    "接種券と本人確認書類をお持ちください。",
    ...(link ? [`予約の確認: ${link}`] : []),
  ].join("\n");
}

function smsText(municipalityName: string, b: Booking): string {
  return `${municipalityName}: 明日${formatDate("ja", b.date)} ${hhmm(b.startTime)} ${b.venueName}で接種の予約があります。予約番号${b.reservationNumber}`;
}

/** Claims one reminder: a new row, or a failed (or stale LINE) one taken back for another attempt. */
async function claim(db: Db, reservationId: number, channel: ReminderChannel, target: string, now: Date) {
  const [fresh] = await db
    .insert(reminderDeliveries)
    .values({ reservationId, channel, target, claimedAt: now })
    .onConflictDoNothing()
    .returning({ id: reminderDeliveries.id, retryKey: reminderDeliveries.retryKey });
  if (fresh) return fresh;
  // One UPDATE decides: a concurrent run re-reads the row after our update and no longer matches.
  const [retry] = await db
    .update(reminderDeliveries)
    .set({ status: "sending", attempts: sql`${reminderDeliveries.attempts} + 1`, claimedAt: now })
    .where(
      and(
        eq(reminderDeliveries.reservationId, reservationId),
        eq(reminderDeliveries.channel, channel),
        eq(reminderDeliveries.target, target),
        lt(reminderDeliveries.attempts, MAX_ATTEMPTS),
        or(
          eq(reminderDeliveries.status, "failed"),
          and(
            eq(reminderDeliveries.channel, "line"),
            eq(reminderDeliveries.status, "sending"),
            lt(reminderDeliveries.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)),
          ),
        ),
      ),
    )
    .returning({ id: reminderDeliveries.id, retryKey: reminderDeliveries.retryKey });
  return retry ?? null;
}

export async function sendReminders(db: Db, options: { date: string; senders: ReminderSenders; now?: Date }): Promise<ReminderSummary> {
  const { date, senders } = options;
  const settings = await loadSettings(db);
  const bookings: Booking[] = await db
    .select({
      reservationId: reservations.id,
      reservationNumber: reservations.reservationNumber,
      voucherId: reservations.voucherId,
      doseNumber: reservations.doseNumber,
      productName: vaccineProducts.name,
      date: slots.date,
      startTime: slots.startTime,
      endTime: slots.endTime,
      venueName: venues.name,
      venueAddress: venues.address,
      email: vouchers.email,
      phone: vouchers.phone,
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .innerJoin(vaccineProducts, eq(vaccineProducts.code, reservations.productCode))
    .innerJoin(vouchers, eq(vouchers.id, reservations.voucherId))
    .where(and(eq(slots.date, date), inArray(reservations.status, ["booked", "checked_in"])))
    .orderBy(reservations.id);

  const lineTargets = new Map<number, string[]>();
  if (senders.line && bookings.length > 0) {
    const rows = await db
      .select({ voucherId: lineLinks.voucherId, lineUserId: lineLinks.lineUserId })
      .from(lineLinks)
      .innerJoin(lineUsers, eq(lineUsers.lineUserId, lineLinks.lineUserId))
      .where(and(eq(lineUsers.following, true), inArray(lineLinks.voucherId, [...new Set(bookings.map((b) => b.voucherId))])));
    for (const row of rows) lineTargets.set(row.voucherId, [...(lineTargets.get(row.voucherId) ?? []), row.lineUserId]);
  }

  const summary: ReminderSummary = { date, reservations: bookings.length, sent: { line: 0, email: 0, sms: 0 }, failed: { line: 0, email: 0, sms: 0 }, skipped: 0 };
  for (const booking of bookings) {
    const text = reminderText(settings.name, booking, senders.link);
    const jobs: { channel: ReminderChannel; target: string; send: (retryKey: string) => Promise<SendOutcome> }[] = [];
    for (const lineUserId of lineTargets.get(booking.voucherId) ?? []) {
      jobs.push({ channel: "line", target: lineUserId, send: (retryKey) => senders.line!(lineUserId, text, retryKey) });
    }
    const email = booking.email?.trim();
    if (email && settings.reminderEmailEnabled && senders.email) {
      jobs.push({ channel: "email", target: email, send: () => senders.email!(email, `【${settings.name}】明日は接種の予約日です`, text) });
    }
    const mobile = mobileE164(booking.phone);
    if (mobile && settings.reminderSmsEnabled && senders.sms) {
      jobs.push({ channel: "sms", target: mobile, send: () => senders.sms!(mobile, smsText(settings.name, booking)) });
    }
    for (const job of jobs) {
      const claimed = await claim(db, booking.reservationId, job.channel, job.target, options.now ?? new Date());
      if (!claimed) {
        summary.skipped++;
        continue;
      }
      const outcome = await job.send(claimed.retryKey);
      if (outcome.ok) {
        await db.update(reminderDeliveries).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(reminderDeliveries.id, claimed.id));
        summary.sent[job.channel]++;
      } else {
        await db.update(reminderDeliveries).set({ status: "failed", lastError: outcome.error.slice(0, 200) }).where(eq(reminderDeliveries.id, claimed.id));
        summary.failed[job.channel]++;
      }
    }
  }
  return summary;
}
