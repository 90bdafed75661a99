import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CannotManageNotice } from "@/components/resident/deadline-notice";
import { CurrentReservationCard } from "@/components/resident/reservation-card";
import { ReservationNotFound } from "@/components/resident/reservation-not-found";
import { SlotPicker } from "@/components/resident/slot-picker";
import { getMessages } from "@/lib/i18n/server";
import { loadReservationPage } from "@/lib/resident/reservation-page";
import { currentResident } from "@/lib/resident/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.manage.changeTitle };
}
export const dynamic = "force-dynamic";

/** 予約の変更: the reservation as it is, then the shared slot picker to choose the new slot. */
export default async function ChangeReservationPage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ month?: string; date?: string; venue?: string }>;
}) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { reservation, settings, locale, m } = await loadReservationPage(session, (await params).number);
  const t = m.manage;
  if (!reservation) return <ReservationNotFound title={t.notFound} text={t.notFoundText} backLabel={m.common.backToMyPage} />;

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.changeTitle}</h1>
      <CurrentReservationCard reservation={reservation} locale={locale} m={m} />

      {reservation.blockedBy === null ? (
        <section aria-labelledby="choose" className="space-y-3">
          <h2 id="choose" className="text-lg font-bold">
            {t.chooseTitle}
          </h2>
          <p>{t.chooseIntro}</p>
          <SlotPicker
            voucherId={session.voucherId}
            purpose={{ kind: "change", reservationId: reservation.id }}
            query={await searchParams}
            basePath={`/reservations/${reservation.reservationNumber}/change`}
            slotHref={(slotId) => `/reservations/${reservation.reservationNumber}/change/${slotId}`}
            chooseLabel={t.chooseLabel}
          />
        </section>
      ) : (
        <CannotManageNotice blockedBy={reservation.blockedBy} statusText={t.notChangeable} reservation={reservation} t={t} locale={locale} callCenter={settings} />
      )}

      <div className="space-y-2">
        <Link href={`/reservations/${reservation.reservationNumber}`} className="btn-secondary w-full">
          {t.toReservation}
        </Link>
        <Link href="/mypage" className="btn-secondary w-full">
          {m.common.backToMyPage}
        </Link>
      </div>
    </div>
  );
}
