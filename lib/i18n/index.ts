// Resident-facing text: pick the catalogue for a locale, and say a refusal in it.
import type { Locale } from "./config";
import { CATALOGUES, type Messages } from "./messages";

export { formatDate, formatTimeRange } from "./format";
export { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type Locale } from "./config";
export type { Messages } from "./messages";

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** A refusal from the domain core in the resident's language. */
export function refusalText(
  m: Messages,
  refused: { code: string; reason: string; params?: Record<string, string | number> },
): string {
  if (m.refusals.useDomainText) return refused.reason;
  const say = m.refusals.byCode[refused.code];
  return say ? say(refused.params ?? {}) : m.refusals.generic;
}
