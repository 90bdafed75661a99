// 一括予約の名簿: one voucher a line, pasted (from Excel: tab-separated) or uploaded as CSV
// (UTF-8 or Shift_JIS, decoded by lib/import/decode). Columns: 接種券番号, 生年月日 and, for
// 住所地外 vouchers, 自治体コード. A header row is recognised by its column names and may
// put the columns in any order. Bad lines are reported with their line number and reason.
import { cellValue, headerKey } from "@/lib/import/fields";
import { isValidMunicipalityCode } from "@/lib/domain/municipality-code";
import { digitsOnly } from "@/lib/domain/normalize";
import { parseDateInput } from "@/lib/callers/date-input";

export interface BulkEntry {
  line: number;
  voucherNumber: string;
  birthDate: string;
  /** null: this municipality's voucher. */
  municipalityCode: string | null;
}

export interface BulkLineProblem {
  line: number;
  reason: string;
}

export const MAX_BULK_ENTRIES = 500;

type Column = "voucherNumber" | "birthDate" | "municipalityCode";
const HEADER_NAMES: Record<Column, string[]> = {
  voucherNumber: ["接種券番号", "券番号", "vouchernumber"],
  birthDate: ["生年月日", "birthdate"],
  municipalityCode: ["自治体コード", "市区町村コード", "発行自治体コード", "municipalitycode"],
};

function splitLine(line: string): string[] {
  const separator = line.includes("\t") ? "\t" : ",";
  return line.split(separator).map((cell) => {
    const t = cell.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
  });
}

function headerColumns(cells: string[]): Record<Column, number> | null {
  const keys = cells.map(headerKey);
  const find = (c: Column) => keys.findIndex((k) => HEADER_NAMES[c].some((n) => headerKey(n) === k));
  const columns = { voucherNumber: find("voucherNumber"), birthDate: find("birthDate"), municipalityCode: find("municipalityCode") };
  return columns.voucherNumber >= 0 ? columns : null;
}

export function parseBulkList(text: string): { entries: BulkEntry[]; problems: BulkLineProblem[] } {
  const entries: BulkEntry[] = [];
  const problems: BulkLineProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let columns: Record<Column, number> = { voucherNumber: 0, birthDate: 1, municipalityCode: 2 };
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const cells = splitLine(raw);
    if (entries.length === 0 && problems.length === 0) {
      const header = headerColumns(cells);
      if (header) {
        if (header.birthDate < 0) problems.push({ line, reason: "見出しに「生年月日」の列がありません。" });
        columns = header;
        return;
      }
    }
    const number = digitsOnly(cellValue(cells[columns.voucherNumber]));
    const birthRaw = cellValue(cells[columns.birthDate]);
    const codeRaw = columns.municipalityCode >= 0 ? digitsOnly(cellValue(cells[columns.municipalityCode])) : "";
    const reasons: string[] = [];
    if (!/^[0-9]{10}$/.test(number)) reasons.push(number ? "接種券番号は10桁の数字で書いてください" : "接種券番号がありません");
    const birthDate = parseDateInput(birthRaw);
    if (!birthDate) reasons.push(birthRaw ? `生年月日「${birthRaw}」を日付として読めません（例: 1950-04-01）` : "生年月日がありません（接種券番号の右の列に書いてください）");
    if (codeRaw && !isValidMunicipalityCode(codeRaw)) reasons.push(`自治体コード「${codeRaw}」が正しくありません（6桁・検査数字）`);
    if (reasons.length > 0) {
      problems.push({ line, reason: reasons.join("。") + "。" });
      return;
    }
    const dedupe = `${codeRaw}:${number}`;
    const first = seen.get(dedupe);
    if (first !== undefined) {
      problems.push({ line, reason: `同じ接種券番号が${first}行目にもあります。` });
      return;
    }
    seen.set(dedupe, line);
    entries.push({ line, voucherNumber: number, birthDate: birthDate!, municipalityCode: codeRaw || null });
  });
  if (entries.length > MAX_BULK_ENTRIES) {
    problems.push({ line: entries[MAX_BULK_ENTRIES]!.line, reason: `一度に予約できるのは${MAX_BULK_ENTRIES}人までです。名簿を分けてください。` });
  }
  if (entries.length === 0 && problems.length === 0) problems.push({ line: 1, reason: "接種券番号と生年月日を1行に1人ずつ入力してください。" });
  return { entries, problems };
}
