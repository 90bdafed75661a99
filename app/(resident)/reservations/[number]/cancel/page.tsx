import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CannotManageNotice } from "@/components/resident/deadline-notice";
import { CurrentReservationCard } from "@/components/resident/reservation-card";
import { ReservationNotFound } from "@/components/resident/reservation-not-found";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { loadReservationPage } from "@/lib/resident/reservation-page";
import { currentResident } from "@/lib/resident/session";
import { cancelFormAction } from "./actions";
import { CancelForm } from "./cancel-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.manage.cancelTitle };
}
export const dynamic = "force-dynamic";

/** 予約のキャンセル: the reservation, what cancelling gives up, then one button. */
export default async function CancelReservationPage({ params }: { params: Promise<{ number: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { reservation, settings, locale, m } = await loadReservationPage(session, (await params).number);
  const t = m.manage;
  if (!reservation) return <ReservationNotFound title={t.notFound} text={t.notFoundText} backLabel={m.common.backToMyPage} />;

  const partner = reservation.partner;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.cancelTitle}</h1>
      {reservation.blockedBy === null && <p>{t.cancelIntro}</p>}
      <CurrentReservationCard reservation={reservation} locale={locale} m={m} />

      {reservation.blockedBy === null ? (
        <>
          <div className="space-y-2 rounded-lg border-2 border-amber-500 bg-amber-50 p-4 font-bold text-amber-950">
            <p>{t.cancelWarning}</p>
            {reservation.cancelsPartner && partner && (
              <p>{t.setCancelWarning(formatDate(locale, partner.date, true), formatTimeRange(locale, partner.startTime, partner.endTime))}</p>
            )}
          </div>
          <CancelForm reservationNumber={reservation.reservationNumber} action={cancelFormAction} />
        </>
      ) : (
        <CannotManageNotice blockedBy={reservation.blockedBy} statusText={t.notCancellable} reservation={reservation} t={t} locale={locale} callCenter={settings} />
      )}

      <Link href="/mypage" className="btn-secondary w-full">
        {m.common.backToMyPage}
      </Link>
    </div>
  );
}
