// 余剰ワクチンの当日のご案内を受け取る: the resident's standing opt-in (web, and LINE through /liff/leftover).
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { OneButtonForm } from "@/components/resident/one-button-form";
import { getMessages } from "@/lib/i18n/server";
import { loadOptInPage } from "@/lib/leftover/opt-in";
import { currentLineUser } from "@/lib/line/current-line-user";
import { currentResident } from "@/lib/resident/session";
import { saveOptInAction, withdrawOptInAction } from "./actions";
import { OptInForm, type ContactOption } from "./opt-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.leftover.title };
}
export const dynamic = "force-dynamic";

/** +819012345678 → 090-****-5678 */
function maskPhone(e164: string): string {
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 3)}-****-${national.slice(-4)}`;
}

/** taro@example.jp → t***@example.jp */
function maskEmail(address: string): string {
  const [local, domain] = address.split("@");
  return `${local?.slice(0, 1) ?? ""}***@${domain ?? ""}`;
}

export default async function LeftoverOptInPage({ searchParams }: { searchParams: Promise<{ saved?: string; withdrawn?: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const params = await searchParams;
  const db = await getResidentDb();
  const { locale, m } = await getMessages();
  const t = m.leftover;
  const page = await loadOptInPage(db, session.voucherId, { lineUserId: session.channel === "line" ? await currentLineUser() : null });
  const active = page.optIn && page.optIn.withdrawnAt === null ? page.optIn : null;

  const contacts: ContactOption[] = [];
  if (page.contacts.line) contacts.push({ value: "line", label: t.contactLine });
  if (page.contacts.sms) contacts.push({ value: "sms", label: t.contactSms(maskPhone(page.contacts.sms)) });
  if (page.contacts.email) contacts.push({ value: "email", label: t.contactEmail(maskEmail(page.contacts.email)) });
  const contactName = (c: string) => (c === "line" ? t.contactLine : c === "sms" ? "SMS" : locale === "ja" ? "メール" : "e-mail");
  const venueNames = active
    ? active.venueIds.length === 0
      ? t.allVenues
      : page.venues.filter((v) => active.venueIds.includes(v.id)).map((v) => v.name).join(locale === "ja" ? "、" : ", ")
    : "";
  const refusal = page.refusal ? (locale === "ja" ? page.refusal.reason : (t.refusals[page.refusal.code]?.(page.refusal.params ?? {}) ?? page.refusal.reason)) : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p>{t.intro}</p>

      {params.saved === "1" && active && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 font-bold text-green-900">
          {t.saved}
        </p>
      )}
      {params.withdrawn === "1" && !active && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 font-bold text-green-900">
          {t.withdrawn}
        </p>
      )}

      <section aria-labelledby="status" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="status" className="mb-2 text-lg font-bold">{t.statusTitle}</h2>
        <p>{active ? t.optedInStatus(venueNames, contactName(active.contact)) : page.optIn ? t.withdrawnStatus : t.notOptedIn}</p>
      </section>

      {refusal ? (
        <section aria-labelledby="not-available" role="alert" className="rounded-lg border-2 border-amber-700 bg-amber-50 p-4">
          <h2 id="not-available" className="mb-1 text-lg font-bold">{t.notAvailableTitle}</h2>
          <p>{refusal}</p>
        </section>
      ) : contacts.length === 0 ? (
        <p role="alert" className="rounded-lg border-2 border-amber-700 bg-amber-50 p-4">
          {t.noContact}
        </p>
      ) : (
        <section aria-label={t.title} className="rounded-lg bg-white p-4 shadow-sm">
          <OptInForm
            action={saveOptInAction}
            venues={page.venues}
            contacts={contacts}
            current={active ? { venueIds: active.venueIds, contact: active.contact } : null}
            isChange={active !== null}
          />
        </section>
      )}

      {active && (
        <OneButtonForm action={withdrawOptInAction} hidden={{}} submitLabel={t.withdraw} pendingLabel={t.withdrawing} submitClassName="btn-secondary w-full">
          {null}
        </OneButtonForm>
      )}

      <Link href="/mypage" className="btn-secondary w-full">
        {t.back}
      </Link>
    </div>
  );
}
