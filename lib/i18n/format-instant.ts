// A moment (a deadline) in the resident's language, in Japan time: 「12月3日（木）15:30」/ "Thu 3 Dec 15:30".
import { tokyoDate, tokyoTime } from "@/lib/domain/dates";
import type { Locale } from "./config";
import { formatDate } from "./format";

export function formatInstant(locale: Locale, instant: Date): string {
  return `${formatDate(locale, tokyoDate(instant))} ${tokyoTime(instant).slice(0, 5)}`;
}
