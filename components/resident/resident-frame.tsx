// The frame of every resident-facing page — the resident site, the LIFF steps inside LINE and the
// public offer page: the municipality's header, the resident's language, the call-center footer.
import { Suspense } from "react";
import Link from "next/link";
import { ChatWidget } from "@/components/resident/chat-widget";
import { CallCenterFooter } from "@/components/resident/call-center-footer";
import { LanguageSwitch } from "@/components/resident/language-switch";
import { requestSettings } from "@/lib/resident/request-settings";
import { LocaleProvider } from "@/lib/i18n/client";
import { getMessages } from "@/lib/i18n/server";

export async function ResidentFrame({
  children,
  languageSwitch = true,
  chat = false,
}: {
  children: React.ReactNode;
  languageSwitch?: boolean;
  /** The floating chatbot button (the footer then leaves room below the last line for it). */
  chat?: boolean;
}) {
  const settings = await requestSettings();
  const { locale, m } = await getMessages();
  return (
    <LocaleProvider locale={locale}>
      {/* The root <html lang="ja"> serves the staff console too; the resident's language is set here. */}
      <div lang={locale} className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
          {m.common.skipToContent}
        </a>
        <header className="bg-[var(--color-brand)] text-white">
          <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <Link href="/" className="text-lg font-bold text-white no-underline">
              {m.common.siteTitle(settings.name)}
            </Link>
            {languageSwitch && (
              <Suspense>
                <LanguageSwitch />
              </Suspense>
            )}
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-6">
          {children}
        </main>
        <CallCenterFooter m={m} municipalityName={settings.name} phone={settings.callCenterPhone} hours={settings.callCenterHours} roomForChat={chat} />
        {chat && <ChatWidget callCenterPhone={settings.callCenterPhone} />}
      </div>
    </LocaleProvider>
  );
}
