import Link from "next/link";
import { getDb } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";

export const dynamic = "force-dynamic";

export default async function ResidentLayout({ children }: { children: React.ReactNode }) {
  const settings = await loadSettings(await getDb());
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-[var(--color-brand)] text-white">
        <div className="mx-auto flex max-w-2xl items-center justify-between px-4 py-3">
          <Link href="/" className="text-lg font-bold text-white no-underline">
            {settings.name} ワクチン接種予約
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-[var(--color-line)] bg-white">
        <div className="mx-auto max-w-2xl px-4 py-4 text-sm text-[var(--color-muted)]">
          <p className="font-bold text-[var(--color-ink)]">{settings.name} ワクチン接種コールセンター</p>
          {settings.callCenterPhone && (
            <p>
              電話: <a href={`tel:${settings.callCenterPhone.replace(/[^0-9+]/g, "")}`} className="font-bold text-[var(--color-brand)] underline">{settings.callCenterPhone}</a>
            </p>
          )}
          {settings.callCenterHours && <p>受付時間: {settings.callCenterHours}</p>}
        </div>
      </footer>
    </div>
  );
}
