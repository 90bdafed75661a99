// Dates and times in the resident's language. Dates are ISO strings (YYYY-MM-DD) in JST.
import { formatDateJa, hhmm } from "@/lib/domain/dates";
import type { Locale } from "./config";

const EN_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
const EN_DAY_YEAR = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });

/** 「12月3日（木）」/ "Thu 3 Dec"; with the year: 「2026年12月3日（木）」/ "Thu 3 Dec 2026". */
export function formatDate(locale: Locale, date: string, withYear = false): string {
  if (locale === "ja") return formatDateJa(date, withYear);
  const instant = new Date(`${date}T00:00:00Z`);
  return (withYear ? EN_DAY_YEAR : EN_DAY).format(instant).replace(",", "");
}

/** 「9:00〜9:30」/ "9:00–9:30". */
export function formatTimeRange(locale: Locale, start: string, end: string): string {
  return `${hhmm(start)}${locale === "ja" ? "〜" : "–"}${hhmm(end)}`;
}
