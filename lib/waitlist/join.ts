// Joining and leaving the waitlist (キャンセル待ち), for residents (web, LIFF) and for staff on a
// caller's behalf. One live entry per voucher (unique index); a resident with an active
// reservation books or changes instead. The entry is checked against the rules now, so nobody
// waits for dates on which they could never be vaccinated.
import { and, count, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { lineLinks, seatOffers, waitlistEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadVoucherFacts, lockVoucher } from "@/lib/booking/book";
import { loadBookingContext } from "@/lib/booking/context";
import { asResult, pgErrorCode, refusal } from "@/lib/booking/result";
import { addDays, formatDateJa, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { checkVoucherRules } from "@/lib/domain/eligibility";
import { notifyQuietly } from "@/lib/offers/accept";
import { mobileE164 } from "@/lib/reminders/send-reminders";
import { lockWaitlist, lockWaitlistIfWaiting, offerFreedSeats, releaseOfferHold } from "./dispatch";

export type WaitlistContact = "line" | "sms" | "email" | "phone";
export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;

/** The longest span one entry may wait for. */
export const MAX_WAITLIST_DAYS = 62;

export interface JoinInput {
  actor: Actor;
  voucherId: number;
  /** null: any venue. */
  venueId: number | null;
  dateFrom: string;
  dateTo: string;
  contact: WaitlistContact;
  /** For contact 'line': the LINE user (from the LIFF session), who must be linked to the voucher. */
  lineUserId?: string | null;
  now?: Date;
}

function channelOf(actor: Actor): "web" | "line" | "operator" {
  if (actor.kind === "staff") return "operator";
  if (actor.kind === "resident" && actor.channel === "line") return "line";
  return "web";
}

export async function joinWaitlist(db: Db, input: JoinInput) {
  const now = input.now ?? new Date();
  const today = tokyoDate(now);
  const result = await asResult(
    () =>
      db.transaction(async (tx) => {
        // The lock first (before the voucher's): this entry's own dispatch below must not skip.
        await lockWaitlist(tx);
        const ctx = await loadBookingContext(tx);
        if (!ctx.settings.waitlistEnabled) refusal("waitlist_off", "キャンセル待ちは現在受け付けていません。");
        const actor = input.actor;
        if (actor.kind === "resident" || actor.kind === "ivr") {
          if (actor.voucherId !== input.voucherId) refusal("forbidden", "この接種券のキャンセル待ちはできません。");
          if (actor.kind === "ivr") refusal("forbidden", "キャンセル待ちはコールセンターで承ります。");
        } else if (actor.kind === "staff" && !staffMay(actor, "booking.forCaller", { venueId: input.venueId })) {
          refusal("forbidden", "この会場のキャンセル待ちを登録する権限がありません。");
        }
        const staff = actor.kind === "staff";
        const fieldErrors: Record<string, string> = {};
        if (!isValidIsoDate(input.dateFrom)) fieldErrors.dateFrom = "日付を正しく入力してください。";
        if (!isValidIsoDate(input.dateTo)) fieldErrors.dateTo = "日付を正しく入力してください。";
        if (Object.keys(fieldErrors).length === 0) {
          const lastDay = addDays(today, staff ? 366 : ctx.settings.bookingWindowDays);
          if (input.dateFrom < today) fieldErrors.dateFrom = "今日以降の日付にしてください。";
          else if (input.dateTo < input.dateFrom) fieldErrors.dateTo = "開始日以降の日付にしてください。";
          else if (input.dateTo > lastDay) fieldErrors.dateTo = `${formatDateJa(lastDay, true)}までの日付にしてください。`;
          else if (input.dateTo > addDays(input.dateFrom, MAX_WAITLIST_DAYS)) fieldErrors.dateTo = `期間は${MAX_WAITLIST_DAYS}日以内にしてください。`;
        }
        if (Object.keys(fieldErrors).length > 0) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors });

        const voucher = await lockVoucher(tx, input.voucherId);
        const facts = await loadVoucherFacts(tx, voucher);
        if (facts.hasActive) {
          refusal("active_reservation", "すでに予約があります。別の日時をご希望の場合は、予約の変更をご利用ください。");
        }
        // Some active product must be possible by the last day: otherwise waiting is pointless.
        const refusals = ctx.tables.products
          .filter((p) => p.active)
          .map((p) =>
            checkVoucherRules({
              birthDate: voucher.birthDate,
              history: facts.history,
              hasActiveReservation: false,
              setLeader: null,
              date: input.dateTo,
              productCode: p.code,
              tables: ctx.tables,
              now,
              ignoreWindow: staff,
            }),
          );
        const [first] = refusals;
        if (first && !first.ok && !refusals.some((r) => r.ok)) {
          refusal(first.code, first.reason, undefined, first.params);
        }

        let lineUserId: string | null = null;
        switch (input.contact) {
          case "line": {
            if (!input.lineUserId) refusal("contact_unreachable", "LINEでのご案内は、LINEのミニアプリから登録してください。", { fieldErrors: { contact: "LINEで連携していません。" } });
            const [link] = await tx
              .select({ id: lineLinks.id })
              .from(lineLinks)
              .where(and(eq(lineLinks.lineUserId, input.lineUserId), eq(lineLinks.voucherId, voucher.id)));
            if (!link) refusal("contact_unreachable", "この接種券はLINEと連携していません。", { fieldErrors: { contact: "LINEで連携していません。" } });
            lineUserId = input.lineUserId;
            break;
          }
          case "sms":
            if (!mobileE164(voucher.phone)) {
              refusal("contact_unreachable", "SMSは携帯電話番号（070・080・090）にだけ送れます。", { fieldErrors: { contact: "携帯電話番号が登録されていません。" } });
            }
            break;
          case "email":
            if (!voucher.email) refusal("contact_unreachable", "メールアドレスが登録されていません。", { fieldErrors: { contact: "メールアドレスが登録されていません。" } });
            break;
          case "phone":
            if (!staff) refusal("contact_unreachable", "お電話でのご案内は、コールセンターでの登録に限ります。", { fieldErrors: { contact: "選べない連絡方法です。" } });
            if (!voucher.phone) refusal("contact_unreachable", "電話番号が登録されていません。", { fieldErrors: { contact: "電話番号が登録されていません。" } });
            break;
        }
        const [entry] = await tx
          .insert(waitlistEntries)
          .values({
            voucherId: voucher.id,
            venueId: input.venueId,
            dateFrom: input.dateFrom,
            dateTo: input.dateTo,
            channel: channelOf(actor),
            contact: input.contact,
            lineUserId,
            createdByStaffId: actor.kind === "staff" ? actor.staffId : null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await recordAudit(tx, actor, {
          action: "waitlist.join",
          entity: "waitlist_entry",
          entityId: entry!.id,
          voucherId: voucher.id,
          after: { venueId: input.venueId, dateFrom: input.dateFrom, dateTo: input.dateTo, contact: input.contact, channel: entry!.channel },
        });
        // A seat may be free already (e.g. one just given back): the waitlist decides, in order.
        const offered = await offerFreedSeats(tx, now, { lockHeld: true });
        return { entry: entry!, offered };
      }),
    (e) =>
      pgErrorCode(e).code === "23505" && pgErrorCode(e).constraint === "waitlist_one_live_per_voucher"
        ? { ok: false, code: "already_waiting", reason: "すでにキャンセル待ちに登録されています。" }
        : null,
  );
  if (result.ok && result.offered.length > 0) await notifyQuietly(db, now);
  return result;
}

/** The voucher's live entry (waiting or offered), if any. */
export async function liveEntryOf(db: Db, voucherId: number): Promise<WaitlistEntryRow | null> {
  const [entry] = await db
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.voucherId, voucherId), inArray(waitlistEntries.status, ["waiting", "offered"])));
  return entry ?? null;
}

/** How many live entries joined before this one (the people ahead, whatever their dates). */
export async function peopleAhead(db: Db, entry: WaitlistEntryRow): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(waitlistEntries)
    .where(and(inArray(waitlistEntries.status, ["waiting", "offered"]), lt(waitlistEntries.id, entry.id)));
  return Number(row?.n ?? 0);
}

export async function leaveWaitlist(db: Db, input: { actor: Actor; entryId: number; now?: Date }) {
  const now = input.now ?? new Date();
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      const locked = await lockWaitlistIfWaiting(tx);
      const [entry] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, input.entryId)).for("update");
      if (!entry) refusal("not_found", "キャンセル待ちの登録が見つかりません。");
      const actor = input.actor;
      if ((actor.kind === "resident" || actor.kind === "ivr") && actor.voucherId !== entry.voucherId) refusal("forbidden", "この登録は操作できません。");
      if (actor.kind === "staff" && !staffMay(actor, "booking.forCaller", { venueId: entry.venueId })) refusal("forbidden", "この登録を操作する権限がありません。");
      if (entry.status !== "waiting" && entry.status !== "offered") refusal("not_live", "このキャンセル待ちはすでに終了しています。");
      const [open] = await tx
        .select()
        .from(seatOffers)
        .where(and(eq(seatOffers.waitlistEntryId, entry.id), eq(seatOffers.status, "open")))
        .for("update");
      if (open) await releaseOfferHold(tx, open, "withdrawn", now);
      await tx.update(waitlistEntries).set({ status: "left", endedAt: now, updatedAt: now }).where(eq(waitlistEntries.id, entry.id));
      await recordAudit(tx, actor, { action: "waitlist.leave", entity: "waitlist_entry", entityId: entry.id, voucherId: entry.voucherId, before: { status: entry.status } });
      const offered = open ? await offerFreedSeats(tx, now, { lockHeld: locked }) : [];
      return { entry, offered };
    }),
  );
  if (result.ok && result.offered.length > 0) await notifyQuietly(db, now);
  return result;
}
