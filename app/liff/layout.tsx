// The LIFF pages' frame (inside LINE): only the steps that tie a LINE user to vouchers live
// here; everything after them is the resident site's own pages (/mypage, /slots, …).
import Link from "next/link";
import { CallCenterFooter } from "@/components/resident/call-center-footer";
import { requestSettings } from "@/lib/resident/request-settings";
import { LocaleProvider } from "@/lib/i18n/client";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function LiffLayout({ children }: { children: React.ReactNode }) {
  const settings = await requestSettings();
  const { locale, m } = await getMessages();
  return (
    <LocaleProvider locale={locale}>
      <div lang={locale} className="flex min-h-screen flex-col">
        <header className="bg-[var(--color-brand)] text-white">
          <div className="mx-auto max-w-2xl px-4 py-3">
            <Link href="/" className="text-lg font-bold text-white no-underline">
              {m.common.siteTitle(settings.name)}
            </Link>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 pt-6 pb-24">
          {children}
        </main>
        <CallCenterFooter m={m} municipalityName={settings.name} phone={settings.callCenterPhone} hours={settings.callCenterHours} />
      </div>
    </LocaleProvider>
  );
}
