// The resident-facing languages. Japanese is the default; a new language is a new folder
// under messages/ plus one line here — no component changes.
export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";
export const LOCALE_COOKIE = "lang";

/** The name of each language in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { ja: "日本語", en: "English" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
