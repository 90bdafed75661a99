import type { Metadata } from "next";
import Link from "next/link";
import { getResidentDb } from "@/db/client";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { formatInstant } from "@/lib/i18n/format-instant";
import { getMessages } from "@/lib/i18n/server";
import { offerForToken, type OfferView } from "@/lib/offers/view";
import { OfferAnswer } from "./offer-answer";
import { TimeLeft } from "./time-left";

export async function generateMetadata(): Promise<Metadata> {
  // The link is a credential: never indexed, never sent on as a referrer.
  return { title: (await getMessages()).m.waitlist.offerPageTitle, robots: { index: false, follow: false }, referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

const ENDED: Record<Exclude<OfferView["status"], "open" | "accepted">, "declined" | "expired" | "withdrawn" | "taken"> = {
  declined: "declined",
  expired: "expired",
  withdrawn: "withdrawn",
  taken: "taken",
};

export default async function OfferPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { locale, m } = await getMessages();
  const t = m.waitlist;
  const offer = await offerForToken(await getResidentDb(), token);
  if (!offer) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t.offerPageTitle}</h1>
        <p role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-4 font-bold text-red-800">
          {t.notFound}
        </p>
        <Link href="/mypage" className="btn-secondary w-full">
          {t.toMyPage}
        </Link>
      </div>
    );
  }
  const now = new Date();
  const minutes = Math.ceil((offer.expiresAt.getTime() - now.getTime()) / 60_000);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{offer.status === "accepted" ? t.accepted : offer.kind === "leftover" ? t.leftoverPageTitle : t.offerPageTitle}</h1>
      <p>{t.forVoucher(offer.voucherTail)}</p>

      {offer.status === "accepted" && offer.reservationNumber && (
        <div role="status" className="space-y-2 rounded-lg border-2 border-green-700 bg-green-50 p-4">
          <p className="text-green-900">
            {t.reservationNumber} <span className="font-mono text-2xl font-bold tracking-wider">{offer.reservationNumber}</span>
          </p>
          <p className="text-sm">{t.numberNote}</p>
        </div>
      )}

      <section aria-labelledby="offer-seat" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="offer-seat" className="mb-2 text-lg font-bold">
          {offer.status === "accepted" ? t.bookedSeat : t.seat}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-bold">{t.date}</dt>
          <dd className="text-lg font-bold">
            {formatDate(locale, offer.date, true)} {formatTimeRange(locale, offer.startTime, offer.endTime)}
          </dd>
          <dt className="font-bold">{t.venue}</dt>
          <dd>{offer.venueName}</dd>
          <dt className="font-bold">{t.venueAddress}</dt>
          <dd>{offer.venueAddress}</dd>
          <dt className="font-bold">{t.product}</dt>
          <dd>{offer.productName}</dd>
          {offer.status === "open" && (
            <>
              <dt className="font-bold">{t.deadline}</dt>
              <dd>
                {formatInstant(locale, offer.expiresAt)}（<TimeLeft expiresAt={offer.expiresAt.toISOString()} initialMinutes={minutes} />）
              </dd>
            </>
          )}
        </dl>
      </section>

      {offer.status === "open" && <OfferAnswer token={token} />}

      {offer.status === "accepted" && offer.reservationNumber && (
        <>
          <section aria-labelledby="bring" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="bring" className="mb-2 text-lg font-bold">
              {m.done.bringTitle}
            </h2>
            <ul className="list-disc space-y-1 pl-6">
              {m.done.bringItems(false).map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            <p className="mt-2">{m.done.questionnaireNote}</p>
            <p className="mt-1 text-sm">{m.done.childNote}</p>
          </section>
          <Link href={`/reservations/${offer.reservationNumber}`} className="btn-secondary w-full">
            {t.toReservation}
          </Link>
        </>
      )}

      {offer.status !== "open" && offer.status !== "accepted" && (
        <>
          <p role="status" className="rounded-lg border-2 border-[var(--color-line)] bg-white p-4 font-bold">
            {t[ENDED[offer.status]]}
          </p>
          <Link href="/mypage" className="btn-secondary w-full">
            {t.toMyPage}
          </Link>
        </>
      )}
    </div>
  );
}
