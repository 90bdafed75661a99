import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { PhoneLink } from "@/components/resident/phone-link";
import { SlotPicker } from "@/components/resident/slot-picker";
import { loadSettings } from "@/lib/booking/context";
import { tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { loadManagedReservation } from "@/lib/resident/manage-reservation";
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
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.changeTitle}</h1>

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
        <div role="alert" className="space-y-1 rounded-lg border-2 border-amber-500 bg-amber-50 p-4">
          {reservation.blockedBy === "status" ? (
            <p className="font-bold">{t.notChangeable}</p>
          ) : (
            <>
              <p className="font-bold">
                {t.pastDeadline(formatDate(locale, tokyoDate(reservation.changeDeadline), true), tokyoTime(reservation.changeDeadline))}
              </p>
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
