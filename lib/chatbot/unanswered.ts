// Questions the chatbot handed off or answered with low confidence, kept for the admin: the
// list of what residents ask that the FAQ does not cover yet. No personal data is stored:
// residents paste voucher numbers, phone numbers and e-mail addresses, so every run of 4 or
// more digits (with the separators people type) and every e-mail address is replaced first.
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatbotUnanswered } from "@/db/schema";
import { messageKey } from "./normalize";

export const REDACTED = "＊＊＊";
const MAX_STORED_LENGTH = 500;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[a-z]{2,}/giu;
/** A digit run with the separators of phone/voucher numbers: 090-1234-5678, 0120 000 000, (042)000-1001. */
const DIGIT_RUN = /[(（]?[0-9](?:[0-9\s\-‐‑–—−ー().（）]*[0-9])?/g;
const KANJI_DIGIT_RUN = /[〇一二三四五六七八九零]{4,}/g;

/** The message with e-mail addresses and numbers of 4+ digits replaced by ＊＊＊. */
export function scrubPersonalData(message: string): string {
  return message
    .normalize("NFKC")
    .replace(EMAIL, REDACTED)
    .replace(DIGIT_RUN, (run) => ((run.match(/[0-9]/g)?.length ?? 0) >= 4 ? REDACTED : run))
    .replace(KANJI_DIGIT_RUN, REDACTED)
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_STORED_LENGTH);
}

export interface UnansweredQuestion {
  message: string;
  channel: "web" | "line";
  bestFaqId: string | null;
  confidence: number;
  handedOff: boolean;
}

/**
 * Logs a question (scrubbed). The same question asked again (same words after normalising)
 * counts on the open row instead of adding one.
 */
export async function logUnanswered(db: Db, question: UnansweredQuestion, now = new Date()): Promise<void> {
  const message = scrubPersonalData(question.message);
  const key = messageKey(message);
  if (!key) return;
  const confidence = Math.min(1, Math.max(0, question.confidence));
  await db
    .insert(chatbotUnanswered)
    .values({
      message,
      messageKey: key,
      channel: question.channel,
      bestFaqId: question.bestFaqId,
      bestConfidence: confidence,
      handedOff: question.handedOff,
      firstAskedAt: now,
      lastAskedAt: now,
    })
    .onConflictDoUpdate({
      target: chatbotUnanswered.messageKey,
      targetWhere: sql`resolved_at is null`,
      set: {
        occurrences: sql`${chatbotUnanswered.occurrences} + 1`,
        lastAskedAt: now,
        message,
        bestFaqId: question.bestFaqId,
        bestConfidence: confidence,
        handedOff: question.handedOff,
      },
    });
}

export type UnansweredRow = typeof chatbotUnanswered.$inferSelect;

export interface UnansweredCursor {
  lastAskedAt: string;
  id: number;
}

/** Open (not yet resolved) questions, most recent first, a page at a time (keyset pagination). */
export async function listUnanswered(
  db: Db,
  options: { limit?: number; after?: UnansweredCursor } = {},
): Promise<{ items: UnansweredRow[]; next: UnansweredCursor | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const after = options.after;
  const at = after ? sql`${after.lastAskedAt}::timestamptz` : null;
  const rows = await db
    .select()
    .from(chatbotUnanswered)
    .where(
      and(
        isNull(chatbotUnanswered.resolvedAt),
        after && at ? or(lt(chatbotUnanswered.lastAskedAt, at), and(eq(chatbotUnanswered.lastAskedAt, at), lt(chatbotUnanswered.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(chatbotUnanswered.lastAskedAt), desc(chatbotUnanswered.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const next = rows.length > limit && last ? { lastAskedAt: last.lastAskedAt.toISOString(), id: last.id } : null;
  return { items, next };
}

/** The admin decided a logged question needs no phrasing (spam, out of scope). */
export async function dismissUnanswered(db: Db, id: number, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(chatbotUnanswered)
    .set({ resolvedAt: now, resolution: "dismissed" })
    .where(and(eq(chatbotUnanswered.id, id), isNull(chatbotUnanswered.resolvedAt)))
    .returning({ id: chatbotUnanswered.id });
  return rows.length > 0;
}
