// The resident's language on the server: the `lang` cookie set by the switcher, else Japanese.
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./config";
import { messagesFor } from ".";

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export async function getMessages() {
  const locale = await getLocale();
  return { locale, m: messagesFor(locale) };
}
