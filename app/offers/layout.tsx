// The offer page's frame (/offers/<token>): public — the link is the resident's credential, like a
// password-reset link — so it lives outside the resident login and the waiting room (proxy.ts
// does not match /offers), and opens the same inside LINE's browser.
import { Suspense } from "react";
import Link from "next/link";
import { CallCenterFooter } from "@/components/resident/call-center-footer";
import { LanguageSwitch } from "@/components/resident/language-switch";
import { requestSettings } from "@/lib/resident/request-settings";
import { LocaleProvider } from "@/lib/i18n/client";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function OffersLayout({ children }: { children: React.ReactNode }) {
  const settings = await requestSettings();
  const { locale, m } = await getMessages();
  return (
    <LocaleProvider locale={locale}>
      <div lang={locale} className="flex min-h-screen flex-col">
        <header className="bg-[var(--color-brand)] text-white">
          <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <Link href="/" className="text-lg font-bold text-white no-underline">
              {m.common.siteTitle(settings.name)}
            </Link>
            <Suspense>
              <LanguageSwitch />
            </Suspense>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-6">
          {children}
        </main>
        <CallCenterFooter m={m} municipalityName={settings.name} phone={settings.callCenterPhone} hours={settings.callCenterHours} />
      </div>
    </LocaleProvider>
  );
}
