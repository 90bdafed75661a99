import Link from "next/link";
import { PhoneLink } from "@/components/resident/phone-link";
import { requestSettings } from "@/lib/resident/request-settings";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function LandingPage() {
  const settings = await requestSettings();
  const { m } = await getMessages();
  const t = m.landing;
  return (
    <div className="space-y-6">
      <section aria-labelledby="welcome" className="space-y-3">
        <h1 id="welcome" className="text-2xl font-bold">{t.title}</h1>
        <p>{t.intro(settings.name)}</p>
      </section>

      {settings.notices && (
        <section aria-labelledby="notices" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
          <h2 id="notices" className="mb-2 font-bold">{t.notices}</h2>
          <div className="space-y-1 whitespace-pre-line">{settings.notices}</div>
        </section>
      )}

      <div>
        <Link href="/login" className="btn-primary w-full text-lg">
          {t.start}
        </Link>
      </div>

      <section aria-labelledby="prepare" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="prepare" className="mb-2 text-lg font-bold">{t.prepare}</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>{t.prepareVoucher}</li>
          <li>{t.prepareBirthDate}</li>
        </ul>
      </section>

      <section aria-labelledby="phone" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="phone" className="mb-2 text-lg font-bold">{t.byPhone}</h2>
        <p>{t.byPhoneText}</p>
        {settings.callCenterPhone && (
          <p className="mt-2 text-xl font-bold">
            <PhoneLink phone={settings.callCenterPhone} />
          </p>
        )}
        {settings.callCenterHours && <p className="text-[var(--color-muted)]">{settings.callCenterHours}</p>}
      </section>
    </div>
  );
}
