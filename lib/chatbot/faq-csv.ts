// The FAQ CSV (ID, 質問, 回答, 言い換え (| separated), カテゴリ [, 回答(英語)]): decoding, parsing
// and validating the whole file before anything is written. Every bad row is reported with
// its line number (a quoted answer may span several lines: numbers are of the file's lines).
//
// Encodings: UTF-8 with or without BOM, and Shift_JIS/CP932 (Excel in Japan). Node's own
// WHATWG TextDecoder decodes Shift_JIS with its built-in ICU ("shift_jis" is CP932 there,
// NEC/IBM extensions such as ① included), so no extra dependency is needed.
import Papa from "papaparse";
import { decodeCsvBytes } from "@/lib/import/decode";

export interface FaqRow {
  id: string;
  question: string;
  answer: string;
  alternatives: string[];
  category: string;
  answerEn: string | null;
}

export interface CsvProblem {
  /** 1-based line of the file where the row starts (the header is line 1) */
  line: number;
  message: string;
}

export type FaqCsvResult = { ok: true; rows: FaqRow[] } | { ok: false; problems: CsvProblem[] };

export const FAQ_LIMITS = {
  idLength: 32,
  questionLength: 200,
  answerLength: 2000,
  phrasingLength: 200,
  phrasings: 50,
  categoryLength: 50,
  entries: 5000,
  /** bytes or characters of the whole file */
  fileSize: 5 * 1024 * 1024,
} as const;

/** Header names as the admin may write them (after NFKC, spaces removed) → field. */
const COLUMNS: Record<string, keyof FaqRow> = {
  id: "id",
  質問: "question",
  回答: "answer",
  言い換え: "alternatives",
  言いかえ: "alternatives",
  カテゴリ: "category",
  カテゴリー: "category",
  "回答(英語)": "answerEn",
  英語回答: "answerEn",
};
const REQUIRED: ReadonlyArray<readonly [keyof FaqRow, string]> = [
  ["id", "ID"],
  ["question", "質問"],
  ["answer", "回答"],
];

/** Text of a CSV file: BOM removed; bytes that are not valid UTF-8 are read as Shift_JIS (CP932). */
export function decodeCsv(input: string | Uint8Array): string {
  return decodeCsvBytes(input);
}

function headerKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** A cell as it is meant: trimmed, and a leading ' that neutralised a formula on export removed. */
function cell(value: string | undefined): string {
  const v = (value ?? "").trim();
  return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

function validateRow(fields: Partial<Record<keyof FaqRow, string>>, problems: string[]): FaqRow {
  const id = cell(fields.id).normalize("NFKC");
  const question = cell(fields.question);
  const answer = cell(fields.answer);
  const category = cell(fields.category);
  const answerEn = cell(fields.answerEn);
  const alternatives = [
    ...new Set(
      cell(fields.alternatives)
        .normalize("NFKC")
        .split("|")
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
  if (!id) problems.push("IDが空です");
  else if (!ID_PATTERN.test(id) || id.length > FAQ_LIMITS.idLength)
    problems.push(`ID「${id}」は半角英数字・ハイフン・アンダースコアで${FAQ_LIMITS.idLength}文字以内にしてください`);
  if (!question) problems.push("質問が空です");
  else if (question.length > FAQ_LIMITS.questionLength) problems.push(`質問は${FAQ_LIMITS.questionLength}文字以内にしてください（${question.length}文字）`);
  if (!answer) problems.push("回答が空です");
  else if (answer.length > FAQ_LIMITS.answerLength) problems.push(`回答は${FAQ_LIMITS.answerLength}文字以内にしてください（${answer.length}文字）`);
  if (alternatives.length > FAQ_LIMITS.phrasings) problems.push(`言い換えは${FAQ_LIMITS.phrasings}個までにしてください（${alternatives.length}個）`);
  const long = alternatives.find((p) => p.length > FAQ_LIMITS.phrasingLength);
  if (long) problems.push(`言い換え「${long.slice(0, 20)}…」は${FAQ_LIMITS.phrasingLength}文字以内にしてください`);
  if (category.length > FAQ_LIMITS.categoryLength) problems.push(`カテゴリは${FAQ_LIMITS.categoryLength}文字以内にしてください`);
  if (answerEn.length > FAQ_LIMITS.answerLength) problems.push(`回答(英語)は${FAQ_LIMITS.answerLength}文字以内にしてください`);
  return { id, question, answer, alternatives, category, answerEn: answerEn || null };
}

/** Parses and validates a whole FAQ file. Either every row is good, or every problem is listed. */
export function parseFaqCsv(input: string | Uint8Array): FaqCsvResult {
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > FAQ_LIMITS.fileSize) {
    return { ok: false, problems: [{ line: 1, message: `ファイルが大きすぎます（${FAQ_LIMITS.fileSize / 1024 / 1024}MBまで）` }] };
  }
  const text = decodeCsv(input);
  const records: { line: number; fields: string[]; error?: string }[] = [];
  let rowStart = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter: ",",
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const error = result.errors[0];
      records.push({
        line,
        fields: result.data,
        error: error ? (error.code === "MissingQuotes" ? "「\"」で始まった項目が閉じられていません" : `CSVとして読めません（${error.message}）`) : undefined,
      });
      for (let i = rowStart; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      rowStart = end;
    },
  });

  const problems: CsvProblem[] = [];
  const [header, ...body] = records;
  if (!header || header.fields.every((f) => !f.trim())) return { ok: false, problems: [{ line: 1, message: "ファイルが空です（1行目に見出しが必要です）" }] };

  const columns = header.fields.map((name) => COLUMNS[headerKey(name)] ?? null);
  const missing = REQUIRED.filter(([field]) => !columns.includes(field)).map(([, name]) => name);
  if (missing.length > 0) {
    return { ok: false, problems: [{ line: 1, message: `見出しに ${missing.join("・")} の列がありません（必要な列: ID, 質問, 回答, 言い換え, カテゴリ）` }] };
  }
  const duplicated = columns.filter((c, i) => c && columns.indexOf(c) !== i);
  if (duplicated.length > 0) return { ok: false, problems: [{ line: 1, message: "見出しに同じ列が2回あります" }] };

  const rows: FaqRow[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const record of body) {
    if (record.fields.every((f) => !f.trim())) continue; // blank line
    if (record.error) {
      problems.push({ line: record.line, message: record.error });
      continue;
    }
    if (record.fields.length > header.fields.length && record.fields.slice(header.fields.length).some((f) => f.trim())) {
      problems.push({ line: record.line, message: `列が多すぎます（見出しは${header.fields.length}列、この行は${record.fields.length}列）` });
      continue;
    }
    const fields: Partial<Record<keyof FaqRow, string>> = {};
    columns.forEach((column, i) => {
      if (column) fields[column] = record.fields[i];
    });
    const rowProblems: string[] = [];
    const row = validateRow(fields, rowProblems);
    const seenAt = row.id ? firstLineOfId.get(row.id) : undefined;
    if (seenAt !== undefined) rowProblems.push(`ID「${row.id}」は${seenAt}行目と重複しています`);
    else if (row.id) firstLineOfId.set(row.id, record.line);
    if (rowProblems.length > 0) problems.push({ line: record.line, message: rowProblems.join("。") });
    else rows.push(row);
  }
  if (problems.length === 0 && rows.length === 0) problems.push({ line: 2, message: "FAQが1件もありません" });
  if (rows.length > FAQ_LIMITS.entries) problems.push({ line: 1, message: `FAQは${FAQ_LIMITS.entries}件までです（${rows.length}件）` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** The FAQ as CSV for the admin to edit and upload again (UTF-8 with BOM for Excel; formulas neutralised). */
export function formatFaqCsv(rows: readonly FaqRow[]): string {
  const safe = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);
  const data = rows.map((r) => [r.id, r.question, r.answer, r.alternatives.join("|"), r.category, r.answerEn ?? ""].map(safe));
  return `\uFEFF${Papa.unparse({ fields: ["ID", "質問", "回答", "言い換え", "カテゴリ", "回答(英語)"], data }, { newline: "\r\n", quotes: true })}\r\n`;
}
