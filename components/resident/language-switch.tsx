"use client";
// 日本語 / English on every resident page: a plain link to /lang, keeping the current page.
import { usePathname, useSearchParams } from "next/navigation";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { useMessages } from "@/lib/i18n/client";

export function LanguageSwitch() {
  const { locale, m } = useMessages();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const next = encodeURIComponent(search ? `${pathname}?${search}` : pathname);
  return (
    <nav aria-label={m.common.languageLabel}>
      <ul className="flex gap-1 text-sm">
        {LOCALES.map((l) => (
          <li key={l}>
            {l === locale ? (
              <span aria-current="true" lang={l} className="block rounded border border-white bg-white px-2 py-1 font-bold text-[var(--color-brand)]">
                {LOCALE_NAMES[l]}
              </span>
            ) : (
              <a href={`/lang?to=${l}&next=${next}`} lang={l} hrefLang={l} className="block rounded border border-white px-2 py-1 text-white underline-offset-2 hover:underline">
                {LOCALE_NAMES[l]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
