// Cell values as the municipality's files write them: full-width digits and letters (Excel
// input in Japanese mode), dates as 2021-05-03, 2021/05/03 or 2021/5/3, times as 9:00.
import { toHalfWidth } from "@/lib/domain/normalize";

const NON_ASCII = /[^\x00-\x7f]/;

/** A cell trimmed, full-width ASCII made half-width, and a leading ' that neutralised a formula removed. */
export function cellValue(value: string | undefined): string {
  let v = value ?? "";
  if (NON_ASCII.test(v)) v = toHalfWidth(v);
  v = v.trim();
  return v.length > 1 && v[0] === "'" && /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

/** A cell of free text (names, addresses): trimmed, the text itself unchanged. */
export function textValue(value: string | undefined): string {
  const v = (value ?? "").replace(/\u3000/g, " ").trim();
  return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * 'YYYY-MM-DD' from YYYY-MM-DD or YYYY/MM/DD (month and day may have one digit), or null.
 * Plain arithmetic rather than Date objects: it runs once or twice on each of a million lines.
 */
export function parseCsvDate(value: string): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  if (value.length === 10 && value[4] === "-" && value[7] === "-") return value;
  return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
}

const TIME = /^(\d{1,2}):(\d{2})(?::00)?$/;

/** 'HH:MM' from H:MM or HH:MM (24-hour), or null. */
export function parseCsvTime(value: string): string | null {
  const m = TIME.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${m[2]}`;
}

/** A whole number in [min, max] (digits only, after half-width conversion), or null. */
export function parseCsvInteger(value: string, min: number, max: number): number | null {
  if (!/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** Header names as written (NFKC, spaces removed, case folded) for matching column names. */
export function headerKey(name: string): string {
  return name.replace(/^\uFEFF/, "").normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}
