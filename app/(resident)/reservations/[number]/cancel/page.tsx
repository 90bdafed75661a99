import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { PhoneLink } from "@/components/resident/phone-link";
import { loadSettings } from "@/lib/booking/context";
import { tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { loadManagedReservation } from "@/lib/resident/manage-reservation";
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
  const { number } = await params;
  const db = await getDb();
  const reservation = await loadManagedReservation(db, session.voucherId, number);
  const { locale, m } = await getMessages();
  const t = m.manage;

  if (!reservation) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t.notFound}</h1>
        <p>{t.notFoundText}</p>
        <Link href="/mypage" className="btn-secondary w-full">
          {m.common.backToMyPage}
        </Link>
      </div>
    );
  }

  const settings = await loadSettings(db);
  const partner = reservation.setPartner;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.cancelTitle}</h1>
      {reservation.blockedBy === null && <p>{t.cancelIntro}</p>}

      <section aria-labelledby="current" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="current" className="mb-2 text-lg font-bold">
          {t.currentTitle}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-[var(--color-muted)]">{m.common.reservationNumber}</dt>
          <dd className="font-mono font-bold tracking-wider">{reservation.reservationNumber}</dd>
          <dt className="text-[var(--color-muted)]">{t.dateTime}</dt>
          <dd className="text-lg font-bold">
            {formatDate(locale, reservation.date, true)} {formatTimeRange(locale, reservation.startTime, reservation.endTime)}
          </dd>
          <dt className="text-[var(--color-muted)]">{t.venue}</dt>
          <dd className="font-bold">{reservation.venueName}</dd>
          <dt className="text-[var(--color-muted)]">{t.dose}</dt>
          <dd>{m.common.doseOf(reservation.doseNumber, reservation.productName)}</dd>
        </dl>
      </section>

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
        <div role="alert" className="space-y-1 rounded-lg border-2 border-amber-500 bg-amber-50 p-4">
          {reservation.blockedBy === "status" ? (
            <p className="font-bold">{t.notCancellable}</p>
          ) : (
            <>
              <p className="font-bold">{t.pastDeadline(formatDate(locale, tokyoDate(reservation.changeDeadline), true), tokyoTime(reservation.changeDeadline))}</p>
              <p>{t.pastDeadlineCall(reservation.reservationNumber)}</p>
              {settings.callCenterPhone && (
                <p className="text-lg font-bold">
                  <PhoneLink phone={settings.callCenterPhone} />
                  <span className="ml-2 text-sm font-normal text-[var(--color-muted)]">{settings.callCenterHours}</span>
                </p>
              )}
            </>
          )}
        </div>
      )}

      <Link href="/mypage" className="btn-secondary w-full">
        {m.common.backToMyPage}
      </Link>
    </div>
  );
}
