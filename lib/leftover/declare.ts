// Venue staff's 「本日 HH:MM に N 回分の余剰があります」 (same-day leftover doses, issue 8).
// One transaction: an offer-only slot of N seats (today, 30 minutes), the release, and one offer
// per chosen recipient; the offers are sent after the commit. Up to 3 × N opted-in residents are
// offered in opt-in order; the first to accept takes a seat (lib/offers/accept.ts), the others are
// told the seats are gone.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { doseRecords, leftoverOptIns, leftoverReleases, lineLinks, lineUsers, seatOffers, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { doseHistoryOf, loadBookingContext, type BookingContext, type LastDose, type VoucherRow } from "@/lib/booking/context";
import { asResult, refusal } from "@/lib/booking/result";
import { tokyoDate, tokyoInstant, tokyoTime } from "@/lib/domain/dates";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import { notifyOffers, offerSendersFromEnv, type OfferSenders } from "@/lib/offers/notify";
import { newOfferToken } from "@/lib/offers/token";
import { mobileE164 } from "@/lib/reminders/send-reminders";
import { offerRefusal } from "./eligibility";

/** How many residents are offered per leftover dose: some will not answer in time. */
export const OFFERS_PER_DOSE = 3;
/** An offer-only slot lasts this long from the dose time. */
export const LEFTOVER_SLOT_MINUTES = 30;
const BATCH = 200;

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const declareSchema = z.object({
  venueId: z.coerce.number({ message: "会場を選んでください。" }).int().positive("会場を選んでください。"),
  productCode: z.string({ message: "ワクチンを選んでください。" }).trim().min(1, "ワクチンを選んでください。"),
  startTime: z
    .string({ message: "接種の時刻を入力してください。" })
    .trim()
    .transform((v) => v.normalize("NFKC"))
    .pipe(z.string().regex(HHMM, "接種の時刻は「14:30」のように24時間表記で入力してください。")),
  doses: z.preprocess(
    (v) => (typeof v === "string" ? v.normalize("NFKC").trim() : v),
    z.coerce
      .number({ message: "余剰の回数を数字で入力してください。" })
      .int("余剰の回数は整数で入力してください。")
      .min(1, "余剰の回数は1〜100回分で入力してください。")
      .max(100, "余剰の回数は1〜100回分で入力してください。"),
  ),
  note: z.string().trim().max(200, "メモは200文字以内で入力してください。").default(""),
});

export type DeclareInput = z.input<typeof declareSchema> & {
  now?: Date;
  /** Where the offers are sent from; by default the environment's LINE / SMS / e-mail senders. */
  senders?: OfferSenders;
};

function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(":").map(Number);
  const total = h! * 60 + m! + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** The latest dose time: its slot (cut short at 23:59) still has a minute the same day. */
const LATEST_START = "23:58";

/** The slot's end: 30 minutes after the dose time, but never past the day (a slot is one day's). */
export function leftoverEndTime(startTime: string): string {
  const end = addMinutes(startTime, LEFTOVER_SLOT_MINUTES);
  return end > "23:59" ? "23:59" : end;
}

/** Refuses a dose time in the past, beyond the municipality's lead time, or too late for a slot today. */
export function checkDoseTime(startTime: string, leadMinutes: number, now: Date): void {
  const today = tokyoDate(now);
  const at = tokyoInstant(today, startTime);
  if (startTime > LATEST_START) {
    refusal("too_late", `本日の${LATEST_START}までの時刻を入力してください。`, { startTime: `${LATEST_START}までの時刻を入力してください。` });
  }
  if (at.getTime() <= now.getTime()) {
    refusal("time_past", `${startTime}はすでに過ぎています（現在 ${tokyoTime(now)}）。これからの時刻を入力してください。`, {
      startTime: "これからの時刻を入力してください。",
    });
  }
  if (at.getTime() - now.getTime() > leadMinutes * 60_000) {
    const latest = tokyoTime(new Date(now.getTime() + leadMinutes * 60_000));
    refusal("too_far_ahead", `余剰の登録は接種時刻の${leadMinutes}分前からです。今は${latest}までの時刻を登録できます。`, {
      startTime: `${latest}までの時刻を入力してください。`,
    });
  }
}

export interface Recipient {
  voucherId: number;
  contact: "line" | "sms" | "email";
  target: string;
}

/** Where an opted-in resident is reachable now, or null (LINE unlinked or unfollowed, number or address gone). */
function reachable(row: { contact: string; lineUserId: string | null; lineOk: boolean; phone: string | null; email: string | null }): string | null {
  if (row.contact === "line") return row.lineOk && row.lineUserId ? row.lineUserId : null;
  if (row.contact === "sms") return mobileE164(row.phone);
  if (row.contact === "email") return row.email?.trim() || null;
  return null;
}

/**
 * Opted-in residents who may take a dose of this product here today, in opt-in order, at most
 * `limit`: not withdrawn, the venue among theirs (or any), no active reservation, reachable by
 * their contact, and eligible by the domain rules (age incl. the municipality's minimum, interval,
 * product, opening) exactly as a booking on today would judge them.
 */
export async function pickRecipients(
  db: Db,
  ctx: BookingContext,
  target: { venueId: number; productCode: string; limit: number; now: Date },
): Promise<Recipient[]> {
  const today = tokyoDate(target.now);
  const active = sql.join(
    ACTIVE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const picked: Recipient[] = [];
  let after: { createdAt: Date; voucherId: number } | null = null;
  while (picked.length < target.limit) {
    const rows: {
      voucher: VoucherRow;
      contact: string;
      lineUserId: string | null;
      lineOk: boolean;
      createdAt: Date;
    }[] = await db
      .select({
        voucher: vouchers,
        contact: leftoverOptIns.contact,
        lineUserId: leftoverOptIns.lineUserId,
        createdAt: leftoverOptIns.createdAt,
        lineOk: sql<boolean>`exists (select 1 from ${lineLinks} l join ${lineUsers} u on u.line_user_id = l.line_user_id
          where l.voucher_id = ${leftoverOptIns.voucherId} and l.line_user_id = ${leftoverOptIns.lineUserId} and u.following)`,
      })
      .from(leftoverOptIns)
      .innerJoin(vouchers, eq(vouchers.id, leftoverOptIns.voucherId))
      .where(
        and(
          isNull(leftoverOptIns.withdrawnAt),
          sql`(cardinality(${leftoverOptIns.venueIds}) = 0 or ${target.venueId}::integer = any(${leftoverOptIns.venueIds}))`,
          sql`not exists (select 1 from reservations r where r.voucher_id = ${leftoverOptIns.voucherId} and r.status in (${active}))`,
          after ? sql`(${leftoverOptIns.createdAt}, ${leftoverOptIns.voucherId}) > (${after.createdAt}, ${after.voucherId})` : undefined,
        ),
      )
      .orderBy(asc(leftoverOptIns.createdAt), asc(leftoverOptIns.voucherId))
      .limit(BATCH);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, voucherId: last.voucher.id };

    const lastDoses = new Map<number, LastDose>();
    const doses = await db
      .selectDistinctOn([doseRecords.voucherId], {
        voucherId: doseRecords.voucherId,
        doseNumber: doseRecords.doseNumber,
        date: doseRecords.administeredOn,
        productCode: doseRecords.productCode,
      })
      .from(doseRecords)
      // A voided dose (a mistaken 接種済み taken back) is no dose, as in loadDoseHistory.
      .where(and(inArray(doseRecords.voucherId, rows.map((r) => r.voucher.id)), isNull(doseRecords.voidedAt)))
      .orderBy(doseRecords.voucherId, sql`${doseRecords.doseNumber} desc`);
    for (const d of doses) lastDoses.set(d.voucherId, { doseNumber: d.doseNumber, date: d.date, productCode: d.productCode });

    for (const row of rows) {
      const address = reachable({ ...row, phone: row.voucher.phone, email: row.voucher.email });
      if (!address) continue;
      const refused = offerRefusal({
        settings: ctx.settings,
        birthDate: row.voucher.birthDate,
        history: doseHistoryOf(row.voucher, lastDoses.get(row.voucher.id) ?? null),
        hasActiveReservation: false, // excluded by the query
        tables: ctx.tables,
        productCode: target.productCode,
        today,
        now: target.now,
      });
      if (refused) continue;
      picked.push({ voucherId: row.voucher.id, contact: row.contact as Recipient["contact"], target: address });
      if (picked.length >= target.limit) break;
    }
    if (rows.length < BATCH) break;
  }
  return picked;
}

/** Declares N leftover doses at HH:MM today at a venue, and offers them to opted-in residents. */
export async function declareLeftover(db: Db, actor: StaffActor, input: DeclareInput) {
  const now = input.now ?? new Date();
  const today = tokyoDate(now);
  const created = await asResult(() =>
    db.transaction(async (tx) => {
      const parsed = declareSchema.safeParse(input);
      if (!parsed.success) refusal("invalid", "入力内容を確認してください。", fieldErrors(parsed.error));
      const { venueId, productCode, startTime, doses, note } = parsed.data;
      if (!staffMay(actor, "leftover.declare", { venueId, date: today, today })) {
        refusal("forbidden", "この会場の余剰ワクチンを登録する権限がありません。");
      }
      const ctx = await loadBookingContext(tx);
      if (!ctx.settings.leftoverEnabled) refusal("leftover_off", "余剰ワクチンのご案内は、設定で「使わない」になっています。管理者にお問い合わせください。");
      const [venue] = await tx.select().from(venues).where(eq(venues.id, venueId));
      if (!venue || !venue.active) refusal("venue_not_found", "会場が見つかりません。");
      const [product] = await tx.select().from(vaccineProducts).where(eq(vaccineProducts.code, productCode));
      if (!product) refusal("invalid", "ワクチンを選んでください。", { productCode: "ワクチンを選んでください。" });
      if (!product.active) refusal("product_inactive", `${product.name}は受付を停止しています。`, { productCode: "受付中のワクチンを選んでください。" });
      checkDoseTime(startTime, ctx.settings.leftoverLeadMinutes, now);

      const [slot] = await tx
        .insert(slots)
        .values({
          venueId,
          date: today,
          startTime,
          endTime: leftoverEndTime(startTime),
          productCode,
          capacity: doses,
          offerOnly: true,
        })
        .returning();
      const [release] = await tx
        .insert(leftoverReleases)
        .values({ venueId, slotId: slot!.id, doses, note, declaredByStaffId: actor.staffId })
        .returning();

      const recipients = await pickRecipients(tx, ctx, { venueId, productCode, limit: OFFERS_PER_DOSE * doses, now });
      const expiresAt = tokyoInstant(today, startTime);
      const tokens: { id: number; token: string }[] = [];
      for (const r of recipients) {
        const { token, tokenHash } = newOfferToken();
        const [offer] = await tx
          .insert(seatOffers)
          .values({
            kind: "leftover",
            slotId: slot!.id,
            voucherId: r.voucherId,
            leftoverReleaseId: release!.id,
            tokenHash,
            expiresAt,
            contact: r.contact,
            target: r.target,
          })
          .returning({ id: seatOffers.id });
        tokens.push({ id: offer!.id, token });
        await recordAudit(tx, actor, {
          action: "seat_offer.create",
          entity: "seat_offer",
          entityId: offer!.id,
          voucherId: r.voucherId,
          after: { kind: "leftover", leftoverReleaseId: release!.id, slotId: slot!.id, contact: r.contact, expiresAt: expiresAt.toISOString() },
        });
      }
      await recordAudit(tx, actor, {
        action: "leftover.declare",
        entity: "leftover_release",
        entityId: release!.id,
        after: { venueId, slotId: slot!.id, productCode, date: today, startTime, doses, note, offers: tokens.length },
      });
      return { release: release!, slot: slot!, tokens, venueName: venue.name, productName: product.name };
    }),
  );
  if (!created.ok) return created;

  // After the commit: a resident who opens the link at once must find the offer.
  let notified: { sent: number; failed: number; byPhone: number } | null = null;
  if (created.tokens.length > 0) {
    try {
      notified = await notifyOffers(db, input.senders ?? offerSendersFromEnv(), created.tokens, now);
    } catch (e) {
      // The offers stand; their notified_at stays empty, so the page shows them as not sent.
      console.error("[leftover] notifying offers failed", e);
    }
  }
  return {
    ok: true as const,
    release: created.release,
    slot: created.slot,
    venueName: created.venueName,
    productName: created.productName,
    offered: created.tokens.length,
    notified,
  };
}
