"use client";
// The resident's language in client components: the server layout passes the locale down;
// the catalogues are plain modules, so functions in them work on both sides.
import { createContext, useContext } from "react";
import { DEFAULT_LOCALE, type Locale } from "./config";
import { messagesFor } from ".";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useMessages() {
  const locale = useContext(LocaleContext);
  return { locale, m: messagesFor(locale) };
}
