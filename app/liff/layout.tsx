// The LIFF pages' frame (inside LINE): only the steps that tie a LINE user to vouchers live
// here; everything after them is the resident site's own pages (/mypage, /slots, …).
import Link from "next/link";
import { getResidentDb } from "@/db/client";
import { PhoneLink } from "@/components/resident/phone-link";
import { loadSettings } from "@/lib/booking/context";
import { LocaleProvider } from "@/lib/i18n/client";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function LiffLayout({ children }: { children: React.ReactNode }) {
  const settings = await loadSettings(await getResidentDb());
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
        <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-6">
          {children}
        </main>
        <footer className="border-t border-[var(--color-line)] bg-white">
          <div className="mx-auto max-w-2xl px-4 py-4 text-sm text-[var(--color-muted)]">
            <p className="font-bold text-[var(--color-ink)]">{m.common.callCenter(settings.name)}</p>
            {settings.callCenterPhone && (
              <p>
                {m.common.phone}: <PhoneLink phone={settings.callCenterPhone} className="font-bold" />
              </p>
            )}
            {settings.callCenterHours && (
              <p>
                {m.common.hours}: {settings.callCenterHours}
              </p>
            )}
          </div>
        </footer>
      </div>
    </LocaleProvider>
  );
}
