// Dates as operators and spreadsheets type them: 1950-04-01, 1950/4/1, 19500401, full-width digits.
import { isValidIsoDate } from "@/lib/domain/dates";
import { toHalfWidth } from "@/lib/domain/normalize";

/** 'YYYY-MM-DD', or null when the input is not a real calendar date. */
export function parseDateInput(value: string | null | undefined): string | null {
  const text = toHalfWidth(value ?? "").trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}
