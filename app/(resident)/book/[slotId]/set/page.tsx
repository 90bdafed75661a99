import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { SlotNotFound } from "@/components/resident/slot-not-found";
import { SlotPicker } from "@/components/resident/slot-picker";
import { SlotSummary } from "@/components/resident/slot-summary";
import { formatDate, refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { loadSetStart, parseSlotId } from "@/lib/resident/group-booking";
import { currentResident } from "@/lib/resident/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.group.setTitle };
}
export const dynamic = "force-dynamic";

type Query = { month?: string | string[]; date?: string | string[]; venue?: string | string[] };
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** セット予約, step 1: the resident chose the dose-1 slot; now the dose-2 slot. */
export default async function SetBookingPage({ params, searchParams }: { params: Promise<{ slotId: string }>; searchParams: Promise<Query> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { locale, m } = await getMessages();
  const t = m.group;
  const slotId = parseSlotId((await params).slotId);
  const db = await getResidentDb();
  const start = slotId === null ? null : await loadSetStart(db, session.voucherId, slotId);

  if (!start) return <SlotNotFound m={m} />;

  const { first, offer } = start;
  const query = await searchParams;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.setTitle}</h1>
      <p>{t.setIntro}</p>

      <SlotSummary id="first-slot" title={t.firstSlot} slot={first} locale={locale} />

      {!first.bookable ? (
        <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <p role="alert" className="font-bold">
            {t.notBookable(refusalText(m, { code: first.code ?? "", reason: first.reason ?? "", params: first.params }))}
          </p>
          <Link href={`/slots?date=${first.date}`} className="btn-secondary w-full">{t.otherSlot}</Link>
        </div>
      ) : !offer.offered ? (
        <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <p role="alert" className="font-bold">{offer.why === "not_first_dose" ? t.notFirstDose : t.noSecondDose}</p>
          <Link href={`/book/${first.slotId}`} className="btn-secondary w-full">{t.normalBooking}</Link>
        </div>
      ) : (
        <section aria-labelledby="choose-second" className="space-y-3">
          <h2 id="choose-second" className="text-xl font-bold">{t.chooseSecondTitle}</h2>
          <p className="rounded-lg border-2 border-[var(--color-brand)] bg-white p-3 font-bold">
            {t.earliestSecond(formatDate(locale, offer.earliestSecond, true))}
          </p>
          <SlotPicker
            voucherId={session.voucherId}
            purpose={{ kind: "set_second", first: { date: first.date, productCode: first.productCode } }}
            query={{ month: one(query.month), date: one(query.date), venue: one(query.venue) }}
            from={offer.earliestSecond}
            basePath={`/book/${first.slotId}/set`}
            slotHref={(second) => `/book/${first.slotId}/set/${second}`}
            chooseLabel={t.chooseSecond}
          />
        </section>
      )}

      <Link href="/mypage" className="block text-[var(--color-brand)] underline">{m.common.backToMyPage}</Link>
    </div>
  );
}
