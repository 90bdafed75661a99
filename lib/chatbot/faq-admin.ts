// The admin's side of the FAQ (issue 6): list and search, edit, add, delete, CSV in and out, and
// the questions the chatbot could not answer. Every change is audit-logged in its transaction and
// drops the chatbot's index (invalidateFaqIndex), so the next question is answered with it.
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { chatbotUnanswered, faqEntries } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal } from "@/lib/booking/result";
import { FAQ_LIMITS, type FaqRow } from "./faq-csv";
import { addPhrasing, importFaqCsv, invalidateFaqIndex, loadFaqIndex } from "./faq-store";
import { dismissUnanswered } from "./unanswered";

export type FaqEntryRow = typeof faqEntries.$inferSelect;

function assertFaqAdmin(actor: StaffActor): void {
  if (!staffMay(actor, "settings", { venueId: null })) refusal("forbidden", "FAQを管理する権限がありません。");
}

/** Entries matching `q` (ID, question, answer, phrasings, category), a page at a time. */
export async function listFaqPage(db: Db, options: { q?: string; category?: string; limit: number; offset: number }) {
  const like = options.q ? `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    like
      ? or(
          ilike(faqEntries.id, like),
          ilike(faqEntries.question, like),
          ilike(faqEntries.answer, like),
          ilike(faqEntries.category, like),
          sql`${faqEntries.alternatives}::text ilike ${like}`,
        )
      : undefined,
    options.category ? eq(faqEntries.category, options.category) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(faqEntries).where(where).orderBy(asc(faqEntries.id)).limit(options.limit).offset(options.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(faqEntries).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function listFaqCategories(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ category: faqEntries.category }).from(faqEntries).orderBy(asc(faqEntries.category));
  return rows.map((r) => r.category).filter(Boolean);
}

export async function getFaqEntry(db: Db, id: string): Promise<FaqEntryRow | null> {
  const [row] = await db.select().from(faqEntries).where(eq(faqEntries.id, id));
  return row ?? null;
}

const limited = (label: string, max: number) =>
  z.string({ message: `${label}を入力してください。` }).trim().max(max, `${label}は${max}文字以内で入力してください。`);

/** The edit form: phrasings one per line (or | separated, as in the CSV). */
export const faqEntrySchema = z.object({
  id: z
    .string({ message: "IDを入力してください。" })
    .trim()
    .transform((v) => v.normalize("NFKC"))
    .pipe(
      z
        .string()
        .min(1, "IDを入力してください。")
        .max(FAQ_LIMITS.idLength, `IDは${FAQ_LIMITS.idLength}文字以内にしてください。`)
        .regex(/^[A-Za-z0-9_-]+$/, "IDは半角英数字・ハイフン・アンダースコアで入力してください（例: F53）。"),
    ),
  question: limited("質問", FAQ_LIMITS.questionLength).min(1, "質問を入力してください。"),
  answer: limited("回答", FAQ_LIMITS.answerLength).min(1, "回答を入力してください。"),
  answerEn: limited("回答（英語）", FAQ_LIMITS.answerLength)
    .optional()
    .transform((v) => (v ? v : null)),
  category: limited("カテゴリ", FAQ_LIMITS.categoryLength).default(""),
  alternatives: z
    .string()
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .normalize("NFKC")
          .split(/[\r\n|]+/)
          .map((p) => p.replace(/\s+/g, " ").trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(FAQ_LIMITS.phrasingLength, `言い換えは1つ${FAQ_LIMITS.phrasingLength}文字以内にしてください。`))
        .max(FAQ_LIMITS.phrasings, `言い換えは${FAQ_LIMITS.phrasings}個までにしてください。`),
    ),
});

export type FaqEntryInput = z.input<typeof faqEntrySchema>;

function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

function snapshot(e: FaqRow | FaqEntryRow) {
  return { question: e.question, answer: e.answer, answerEn: e.answerEn, alternatives: e.alternatives, category: e.category };
}

/** Adds an entry (`isNew`) or saves an existing one; the ID of an existing entry does not change. */
export async function saveFaqEntry(db: Db, actor: StaffActor, input: FaqEntryInput | Readonly<Record<string, string>>, options: { isNew: boolean }) {
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      assertFaqAdmin(actor);
      const parsed = faqEntrySchema.safeParse(input);
      if (!parsed.success) refusal("invalid", "入力内容を確認してください。", fieldErrors(parsed.error));
      const entry = parsed.data;
      const [current] = await tx.select().from(faqEntries).where(eq(faqEntries.id, entry.id)).for("update");
      if (options.isNew) {
        if (current) refusal("duplicate", `ID「${entry.id}」のFAQはすでにあります。別のIDにしてください。`, { id: "このIDはすでに使われています。" });
        await tx.insert(faqEntries).values({ ...entry, updatedAt: new Date() });
        await recordAudit(tx, actor, { action: "faq.create", entity: "faq_entry", entityId: entry.id, after: snapshot(entry) });
        return { id: entry.id, changed: true };
      }
      if (!current) refusal("not_found", `FAQ「${entry.id}」が見つかりません。`);
      const before = snapshot(current);
      const after = snapshot(entry);
      const changedKeys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changedKeys.length === 0) return { id: entry.id, changed: false };
      await tx.update(faqEntries).set({ ...after, updatedAt: new Date() }).where(eq(faqEntries.id, entry.id));
      await recordAudit(tx, actor, {
        action: "faq.update",
        entity: "faq_entry",
        entityId: entry.id,
        before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
        after: Object.fromEntries(changedKeys.map((k) => [k, after[k]])),
      });
      return { id: entry.id, changed: true };
    }),
  );
  if (result.ok) invalidateFaqIndex(db);
  return result;
}

/** Deletes an entry for good (the audit row keeps its text); the chatbot stops answering with it at once. */
export async function deleteFaqEntry(db: Db, actor: StaffActor, id: string) {
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      assertFaqAdmin(actor);
      const [gone] = await tx.delete(faqEntries).where(eq(faqEntries.id, id)).returning();
      if (!gone) refusal("not_found", `FAQ「${id}」が見つかりません。`);
      await recordAudit(tx, actor, { action: "faq.delete", entity: "faq_entry", entityId: id, before: snapshot(gone) });
      return { id };
    }),
  );
  if (result.ok) invalidateFaqIndex(db);
  return result;
}

/**
 * A CSV upload: all or nothing (importFaqCsv validates the whole file first and reports every bad
 * line). `keepMissing`: entries not in the file stay (otherwise the file replaces the FAQ).
 */
export async function importFaqFile(db: Db, actor: StaffActor, file: Uint8Array, options: { keepMissing: boolean }) {
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      assertFaqAdmin(actor);
      const imported = await importFaqCsv(tx, file, { keepMissing: options.keepMissing });
      if (!imported.ok) refusal("invalid_file", `ファイルに誤りが${imported.problems.length}か所あります。何も登録していません。`, imported.problems);
      const counts = { imported: imported.imported, changed: imported.changed, removed: imported.removed };
      await recordAudit(tx, actor, { action: "faq.import", entity: "faq_entry", entityId: "csv", after: { ...counts, keepMissing: options.keepMissing } });
      return counts;
    }),
  );
  invalidateFaqIndex(db);
  return result;
}

/** The best FAQ entries for a logged question (the engine's own ranking), for the admin to choose from. */
export async function candidatesFor(db: Db, message: string, limit = 5) {
  const index = await loadFaqIndex(db);
  const { ranked } = index.search(message, limit);
  return ranked.map((r) => ({ id: r.id, question: index.entry(r.id)?.question ?? r.id }));
}

/** The one click on a logged question: add its words as a phrasing of entry `faqId`. */
export async function addUnansweredAsPhrasing(db: Db, actor: StaffActor, input: { unansweredId: number; faqId: string; phrasing?: string }) {
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      assertFaqAdmin(actor);
      const [question] = await tx.select().from(chatbotUnanswered).where(eq(chatbotUnanswered.id, input.unansweredId));
      if (!question) refusal("not_found", "質問が見つかりません。");
      const phrasing = input.phrasing?.trim() || question.message;
      const added = await addPhrasing(tx, input.faqId, phrasing);
      if (!added.ok) refusal(added.code, added.reason, { faqId: added.reason });
      // addPhrasing resolves the logged rows of the same words; an edited phrasing resolves this one too.
      await tx
        .update(chatbotUnanswered)
        .set({ resolvedAt: new Date(), resolution: "phrasing_added", resolvedFaqId: input.faqId })
        .where(and(eq(chatbotUnanswered.id, question.id), sql`${chatbotUnanswered.resolvedAt} is null`));
      await recordAudit(tx, actor, {
        action: "faq.add_phrasing",
        entity: "faq_entry",
        entityId: input.faqId,
        after: { phrasing, added: added.added },
      });
      return { faqId: input.faqId, phrasing, added: added.added };
    }),
  );
  invalidateFaqIndex(db);
  return result;
}

export async function dismissUnansweredQuestion(db: Db, actor: StaffActor, unansweredId: number) {
  return asResult(() =>
    db.transaction(async (tx) => {
      assertFaqAdmin(actor);
      const [question] = await tx.select().from(chatbotUnanswered).where(eq(chatbotUnanswered.id, unansweredId));
      if (!question) refusal("not_found", "質問が見つかりません。");
      if (!(await dismissUnanswered(tx, unansweredId))) refusal("already_resolved", "この質問はすでに対応済みです。");
      await recordAudit(tx, actor, { action: "chatbot_unanswered.dismiss", entity: "chatbot_unanswered", entityId: unansweredId, after: { message: question.message } });
      return { id: unansweredId };
    }),
  );
}
