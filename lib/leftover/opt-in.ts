// A resident's standing opt-in for same-day leftover doses (余剰ワクチン): which venues they can
// reach at short notice and how to tell them (LINE, SMS, e-mail). One row per voucher; a change
// updates it, withdrawing keeps it (withdrawn_at) so the history stays. Every write is audit-logged.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { leftoverOptIns, lineLinks, lineUsers, venues, vouchers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadBookingContext, loadDoseHistory, type VoucherRow } from "@/lib/booking/context";
import { asResult, refusal } from "@/lib/booking/result";
import { tokyoDate } from "@/lib/domain/dates";
import { mobileE164 } from "@/lib/reminders/send-reminders";
import { optInRefusal, type LeftoverRefusal } from "./eligibility";

export const LEFTOVER_CONTACTS = ["line", "sms", "email"] as const;
export type LeftoverContact = (typeof LEFTOVER_CONTACTS)[number];

export type OptInRow = typeof leftoverOptIns.$inferSelect;

/** The addresses an offer could reach this resident at (null: not available). */
export interface ContactChoices {
  line: string | null;
  sms: string | null;
  email: string | null;
}

export interface OptInPage {
  /** Why the resident may not opt in (they may still withdraw an existing opt-in). */
  refusal: LeftoverRefusal | null;
  /** The current opt-in, withdrawn or not; null when there never was one. */
  optIn: OptInRow | null;
  contacts: ContactChoices;
  venues: { id: number; name: string; address: string }[];
}

/**
 * The LINE user an offer can be pushed to: the one the resident is using now (LIFF) when it is
 * linked to this voucher, else the voucher's most recently linked LINE user; only while following.
 */
async function lineTarget(db: Db, voucherId: number, preferred: string | null): Promise<string | null> {
  const rows = await db
    .select({ lineUserId: lineLinks.lineUserId })
    .from(lineLinks)
    .innerJoin(lineUsers, eq(lineUsers.lineUserId, lineLinks.lineUserId))
    .where(and(eq(lineLinks.voucherId, voucherId), eq(lineUsers.following, true)))
    .orderBy(desc(lineLinks.linkedAt), desc(lineLinks.id));
  if (preferred && rows.some((r) => r.lineUserId === preferred)) return preferred;
  return rows[0]?.lineUserId ?? null;
}

export async function contactChoices(db: Db, voucher: VoucherRow, preferredLineUser: string | null): Promise<ContactChoices> {
  return {
    line: await lineTarget(db, voucher.id, preferredLineUser),
    sms: mobileE164(voucher.phone),
    email: voucher.email?.trim() ? voucher.email.trim() : null,
  };
}

async function loadVoucher(db: Db, voucherId: number): Promise<VoucherRow> {
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, voucherId));
  if (!voucher) refusal("voucher_not_found", "接種券が見つかりません。");
  return voucher;
}

async function mayOptIn(db: Db, voucher: VoucherRow, now: Date): Promise<LeftoverRefusal | null> {
  const ctx = await loadBookingContext(db);
  const history = await loadDoseHistory(db, voucher);
  return optInRefusal({ settings: ctx.settings, birthDate: voucher.birthDate, history, tables: ctx.tables, today: tokyoDate(now) });
}

/** What the opt-in page shows: whether the resident may opt in, their opt-in, contacts and venues. */
export async function loadOptInPage(db: Db, voucherId: number, options: { lineUserId?: string | null; now?: Date } = {}): Promise<OptInPage> {
  const voucher = await loadVoucher(db, voucherId);
  const [optIn] = await db.select().from(leftoverOptIns).where(eq(leftoverOptIns.voucherId, voucherId));
  return {
    refusal: await mayOptIn(db, voucher, options.now ?? new Date()),
    optIn: optIn ?? null,
    contacts: await contactChoices(db, voucher, options.lineUserId ?? null),
    venues: await db
      .select({ id: venues.id, name: venues.name, address: venues.address })
      .from(venues)
      .where(eq(venues.active, true))
      .orderBy(asc(venues.code)),
  };
}

const optInSchema = z.object({
  venueIds: z.array(z.coerce.number().int().positive()).max(200),
  contact: z.enum(LEFTOVER_CONTACTS, { message: "ご案内の受け取り方法を選んでください。" }),
});

export interface OptInInput {
  /** Empty: any venue. */
  venueIds: readonly (number | string)[];
  contact: string;
  /** The LINE user the resident is using now (LIFF), if any. */
  lineUserId?: string | null;
  now?: Date;
}

function residentVoucher(actor: Actor): number {
  if (actor.kind !== "resident") refusal("forbidden", "ご本人のログインが必要です。");
  return actor.voucherId;
}

function snapshot(row: Pick<OptInRow, "venueIds" | "contact" | "withdrawnAt">) {
  return { venueIds: [...row.venueIds].sort((a, b) => a - b), contact: row.contact, withdrawn: row.withdrawnAt !== null };
}

/** Opts in, or changes the venues / contact of an opt-in (a withdrawn one comes back, at the end of the line). */
export async function saveOptIn(db: Db, actor: Actor, input: OptInInput) {
  const now = input.now ?? new Date();
  return asResult(() =>
    db.transaction(async (tx) => {
      const voucherId = residentVoucher(actor);
      const parsed = optInSchema.safeParse({ venueIds: [...input.venueIds], contact: input.contact });
      if (!parsed.success) {
        const contactIssue = parsed.error.issues.find((i) => i.path[0] === "contact");
        refusal("invalid", contactIssue?.message ?? "会場を選び直してください。", contactIssue ? { contact: contactIssue.message } : { venueIds: "会場を選び直してください。" });
      }
      const [voucher] = await tx.select().from(vouchers).where(eq(vouchers.id, voucherId)).for("update");
      if (!voucher) refusal("voucher_not_found", "接種券が見つかりません。");
      const refused = await mayOptIn(tx, voucher, now);
      if (refused) refusal(refused.code, refused.reason, undefined, refused.params);

      const venueIds = [...new Set(parsed.data.venueIds)].sort((a, b) => a - b);
      if (venueIds.length > 0) {
        const found = await tx.select({ id: venues.id }).from(venues).where(and(inArray(venues.id, venueIds), eq(venues.active, true)));
        if (found.length !== venueIds.length) refusal("invalid", "選べない会場が含まれています。会場を選び直してください。", { venueIds: "選べない会場が含まれています。" });
      }
      const contacts = await contactChoices(tx, voucher, input.lineUserId ?? null);
      const contact = parsed.data.contact;
      if (contacts[contact] === null) {
        const why: Record<LeftoverContact, string> = {
          line: "LINEでご案内するには、LINEで接種券を連携してください。",
          sms: "SMSでご案内するには、携帯電話の番号（070・080・090）のご登録が必要です。",
          email: "メールでご案内するには、メールアドレスのご登録が必要です。",
        };
        refusal("contact_unavailable", why[contact], { contact: why[contact] });
      }
      const lineUserId = contact === "line" ? contacts.line : null;

      const [before] = await tx.select().from(leftoverOptIns).where(eq(leftoverOptIns.voucherId, voucherId)).for("update");
      const values = { venueIds, contact, lineUserId, updatedAt: now, withdrawnAt: null };
      const [saved] = before
        ? await tx
            .update(leftoverOptIns)
            // Coming back after withdrawing starts a new place in the line (offers go in opt-in order).
            .set(before.withdrawnAt ? { ...values, createdAt: now } : values)
            .where(eq(leftoverOptIns.voucherId, voucherId))
            .returning()
        : await tx.insert(leftoverOptIns).values({ voucherId, ...values, createdAt: now }).returning();
      const action = before && before.withdrawnAt === null ? "leftover.opt_in_change" : "leftover.opt_in";
      await recordAudit(tx, actor, {
        action,
        entity: "leftover_opt_in",
        entityId: voucherId,
        voucherId,
        before: before ? snapshot(before) : null,
        // The contact kind only: the address itself stays on the voucher / LINE link.
        after: snapshot(saved!),
      });
      return { optIn: saved!, created: action === "leftover.opt_in" };
    }),
  );
}

/** Stops the offers. Allowed even when leftover offers are off or the resident no longer qualifies. */
export async function withdrawOptIn(db: Db, actor: Actor, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  return asResult(() =>
    db.transaction(async (tx) => {
      const voucherId = residentVoucher(actor);
      const [before] = await tx.select().from(leftoverOptIns).where(eq(leftoverOptIns.voucherId, voucherId)).for("update");
      if (!before || before.withdrawnAt) refusal("not_opted_in", "余剰ワクチンのご案内は申し込まれていません。");
      const [after] = await tx
        .update(leftoverOptIns)
        .set({ withdrawnAt: now, updatedAt: now })
        .where(eq(leftoverOptIns.voucherId, voucherId))
        .returning();
      await recordAudit(tx, actor, {
        action: "leftover.opt_out",
        entity: "leftover_opt_in",
        entityId: voucherId,
        voucherId,
        before: snapshot(before),
        after: snapshot(after!),
      });
      return { optIn: after! };
    }),
  );
}
