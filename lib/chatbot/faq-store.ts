// The FAQ table as the chatbot and the admin console use it: the in-memory index (rebuilt when
// the table changes), the CSV import and export, and adding a phrasing to an entry.
//
// App servers are stateless and several may run: each keeps its own index and, at most once a
// second, asks PostgreSQL for a fingerprint of the table (row count + a hash of every row,
// one small aggregate) to see whether another instance changed it. Writes made through this
// module drop this process's index at once.
import { asc, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatbotUnanswered, faqEntries } from "@/db/schema";
import { FaqIndex } from "./faq-index";
import { FAQ_LIMITS, formatFaqCsv, parseFaqCsv, type CsvProblem, type FaqRow } from "./faq-csv";
import { messageKey } from "./normalize";

/** How long an instance trusts its index before checking the table's fingerprint again. */
export const FAQ_CHECK_INTERVAL_MS = 1000;

interface CachedIndex {
  fingerprint: string;
  index: FaqIndex;
  checkedAt: number;
}

const cache = new WeakMap<Db, CachedIndex>();

async function fingerprint(db: Db): Promise<string> {
  const [row] = await db
    .select({
      rows: sql<number>`count(*)::int`,
      hash: sql<string>`coalesce(sum(hashtext(${faqEntries.id} || ${faqEntries.question} || ${faqEntries.answer} || ${faqEntries.alternatives}::text || ${faqEntries.category} || coalesce(${faqEntries.answerEn}, ''))), 0)::text`,
    })
    .from(faqEntries);
  return `${row?.rows ?? 0}:${row?.hash ?? "0"}`;
}

export async function listFaqEntries(db: Db): Promise<FaqRow[]> {
  const rows = await db.select().from(faqEntries).orderBy(asc(faqEntries.id));
  return rows.map((r) => ({ id: r.id, question: r.question, answer: r.answer, alternatives: r.alternatives, category: r.category, answerEn: r.answerEn }));
}

/** The index of the current FAQ, rebuilt only when the table changed. */
export async function loadFaqIndex(db: Db, now = Date.now()): Promise<FaqIndex> {
  const cached = cache.get(db);
  if (cached && now - cached.checkedAt < FAQ_CHECK_INTERVAL_MS) return cached.index;
  const current = await fingerprint(db);
  if (cached && cached.fingerprint === current) {
    cached.checkedAt = now;
    return cached.index;
  }
  const index = new FaqIndex(await listFaqEntries(db));
  cache.set(db, { fingerprint: current, index, checkedAt: now });
  return index;
}

/** Drops this process's index of `db` (after a write; other instances notice by the fingerprint). */
export function invalidateFaqIndex(db: Db): void {
  cache.delete(db);
}

export type ImportFaqResult =
  | { ok: true; imported: number; changed: number; removed: number }
  | { ok: false; problems: CsvProblem[] };

/**
 * Replaces the FAQ with the entries of a CSV file (text, or bytes in UTF-8/Shift_JIS). The
 * whole file is validated first; if any row is bad nothing is written and every problem is
 * returned with its line number. Otherwise one transaction writes it: entries whose ID is not
 * in the file are removed (unless `keepMissing`), unchanged entries are left untouched.
 */
export async function importFaqCsv(db: Db, input: string | Uint8Array, options: { keepMissing?: boolean } = {}): Promise<ImportFaqResult> {
  const parsed = parseFaqCsv(input);
  if (!parsed.ok) return parsed;
  const rows = parsed.rows;
  const result = await db.transaction(async (tx) => {
    let removed = 0;
    if (!options.keepMissing) {
      const gone = await tx
        .delete(faqEntries)
        .where(notInArray(faqEntries.id, rows.map((r) => r.id)))
        .returning({ id: faqEntries.id });
      removed = gone.length;
    }
    let changed = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const written = await tx
        .insert(faqEntries)
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, updatedAt: sql`now()` })))
        .onConflictDoUpdate({
          target: faqEntries.id,
          set: {
            question: sql`excluded.question`,
            answer: sql`excluded.answer`,
            alternatives: sql`excluded.alternatives`,
            category: sql`excluded.category`,
            answerEn: sql`excluded.answer_en`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`(${faqEntries.question}, ${faqEntries.answer}, ${faqEntries.alternatives}, ${faqEntries.category}, ${faqEntries.answerEn})
            is distinct from (excluded.question, excluded.answer, excluded.alternatives, excluded.category, excluded.answer_en)`,
        })
        .returning({ id: faqEntries.id });
      changed += written.length;
    }
    return { imported: rows.length, changed, removed };
  });
  invalidateFaqIndex(db);
  return { ok: true, ...result };
}

/** The whole FAQ as CSV (UTF-8 with BOM), ready to edit in Excel and upload again. */
export async function exportFaqCsv(db: Db): Promise<string> {
  return formatFaqCsv(await listFaqEntries(db));
}

export type AddPhrasingResult =
  | { ok: true; added: boolean; alternatives: string[] }
  | { ok: false; code: "not_found" | "invalid"; reason: string };

/**
 * Adds `phrasing` as another way of asking entry `faqId` (the admin's one click on a logged
 * question). A phrasing the entry already has (same words after normalising) is not added
 * twice. Logged questions with the same wording are marked as resolved.
 */
export async function addPhrasing(db: Db, faqId: string, phrasing: string, now = new Date()): Promise<AddPhrasingResult> {
  const text = phrasing.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (!text) return { ok: false, code: "invalid", reason: "言い換えが空です。" };
  if (text.includes("|")) return { ok: false, code: "invalid", reason: "言い換えに「|」は使えません。" };
  if (text.length > FAQ_LIMITS.phrasingLength) return { ok: false, code: "invalid", reason: `言い換えは${FAQ_LIMITS.phrasingLength}文字以内にしてください。` };
  const key = messageKey(text);
  const result = await db.transaction(async (tx): Promise<AddPhrasingResult> => {
    const [entry] = await tx.select().from(faqEntries).where(eq(faqEntries.id, faqId)).for("update");
    if (!entry) return { ok: false, code: "not_found", reason: `FAQ「${faqId}」が見つかりません。` };
    const known = [entry.question, ...entry.alternatives].some((p) => messageKey(p) === key);
    if (entry.alternatives.length >= FAQ_LIMITS.phrasings && !known) {
      return { ok: false, code: "invalid", reason: `言い換えは${FAQ_LIMITS.phrasings}個までです。` };
    }
    const alternatives = known ? entry.alternatives : [...entry.alternatives, text];
    if (!known) await tx.update(faqEntries).set({ alternatives, updatedAt: now }).where(eq(faqEntries.id, faqId));
    await tx
      .update(chatbotUnanswered)
      .set({ resolvedAt: now, resolution: "phrasing_added", resolvedFaqId: faqId })
      .where(sql`${chatbotUnanswered.messageKey} = ${key} and ${chatbotUnanswered.resolvedAt} is null`);
    return { ok: true, added: !known, alternatives };
  });
  if (result.ok) invalidateFaqIndex(db);
  return result;
}
