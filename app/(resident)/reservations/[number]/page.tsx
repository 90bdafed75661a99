import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PastDeadline } from "@/components/resident/deadline-notice";
import { PhoneLink } from "@/components/resident/phone-link";
import { ReservationNotFound } from "@/components/resident/reservation-not-found";
import { tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { isActive } from "@/lib/domain/reservation-status";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { receptionQrSvg } from "@/lib/resident/qr";
import { loadReservationPage } from "@/lib/resident/reservation-page";
import { currentResident } from "@/lib/resident/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.done.title };
}
export const dynamic = "force-dynamic";

export default async function ReservationPage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ done?: string; changed?: string }>;
}) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { reservation: view, settings, locale, m } = await loadReservationPage(session, (await params).number);
  const t = m.done;
  if (!view) return <ReservationNotFound title={t.notFound} text={t.notFoundText} backLabel={m.common.backToMyPage} />;

  const query = await searchParams;
  const justBooked = query.done === "1";
  const justChanged = query.changed === "1";
  const active = isActive(view.status);
  const qrSvg = active ? await receptionQrSvg(view.reservationNumber) : null;
  const partner = view.partner;

  return (
    <div className="space-y-6">
      {justBooked && (
        <div role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 text-green-900">
          <p className="text-lg font-bold">{t.completed}</p>
          <p>{t.completedNote}</p>
        </div>
      )}
      {justChanged && !justBooked && (
        <div role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 text-green-900">
          <p className="text-lg font-bold">{t.changed}</p>
          <p>{t.changedNote}</p>
        </div>
      )}

      <h1 className="text-2xl font-bold">{t.title}</h1>

      <section aria-labelledby="details" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="details" className="mb-2 text-lg font-bold">{t.detailsTitle}</h2>
        <p className="text-sm text-[var(--color-muted)]">{m.common.reservationNumber}</p>
        <p className="font-mono text-3xl font-bold tracking-widest">{view.reservationNumber}</p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-[var(--color-muted)]">{t.dateTime}</dt>
          <dd className="text-lg font-bold">
            {formatDate(locale, view.date, true)} {formatTimeRange(locale, view.startTime, view.endTime)}
          </dd>
          <dt className="text-[var(--color-muted)]">{t.venue}</dt>
          <dd className="font-bold">{view.venue.name}</dd>
          {view.venue.address && (
            <>
              <dt className="text-[var(--color-muted)]">{t.address}</dt>
              <dd>{view.venue.address}</dd>
            </>
          )}
          {view.venue.phone && (
            <>
              <dt className="text-[var(--color-muted)]">{t.venuePhone}</dt>
              <dd>
                <PhoneLink phone={view.venue.phone} />
              </dd>
            </>
          )}
          <dt className="text-[var(--color-muted)]">{t.dose}</dt>
          <dd>{m.common.dose(view.doseNumber)}</dd>
          <dt className="text-[var(--color-muted)]">{t.vaccine}</dt>
          <dd>{view.productName}</dd>
          <dt className="text-[var(--color-muted)]">{t.status}</dt>
          <dd className="font-bold">{m.common.status[view.status]}</dd>
        </dl>
      </section>

      {qrSvg && (
        <section aria-labelledby="reception-qr" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="reception-qr" className="mb-2 text-lg font-bold">{t.qrTitle}</h2>
          {/* The SVG comes from the qrcode library, drawn from a validated 9-digit number: nothing a user typed. */}
          <div
            role="img"
            aria-label={t.qrLabel(view.reservationNumber)}
            className="mx-auto w-full max-w-60 [&_svg]:block [&_svg]:h-auto [&_svg]:w-full"
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <p className="mt-2">{t.qrHelp}</p>
          {/* A file download, not a page: a plain link. */}
          <a href={`/reservations/${view.reservationNumber}/ics`} download className="btn-secondary mt-3 w-full">
            {t.addToCalendar}
          </a>
        </section>
      )}

      {active && (
        <section aria-labelledby="bring" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="bring" className="mb-2 text-lg font-bold">{t.bringTitle}</h2>
          <ul className="list-disc space-y-1 pl-6">
            {t.bringItems(view.guardianRequired).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p className="mt-2">{t.questionnaireNote}</p>
          {view.guardianRequired && <p className="mt-2 font-bold">{t.childNote}</p>}
        </section>
      )}

      {partner && (
        <section aria-labelledby="set-partner" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="set-partner" className="mb-2 text-lg font-bold">{t.setTitle}</h2>
          <p>{t.setText(partner.doseNumber)}</p>
          <div className="mt-2 rounded-lg border-2 border-[var(--color-line)] p-3">
            <p className="font-bold">{m.common.dose(partner.doseNumber)}</p>
            <p className="text-lg font-bold">
              {formatDate(locale, partner.date, true)} {formatTimeRange(locale, partner.startTime, partner.endTime)}
            </p>
            <p>{partner.venueName}</p>
            <p>
              {m.common.reservationNumber} <span className="font-mono font-bold tracking-wider">{partner.reservationNumber}</span>
            </p>
            <p>
              {t.status}: <span className="font-bold">{m.common.status[partner.status]}</span>
            </p>
            <Link href={`/reservations/${partner.reservationNumber}`} className="btn-secondary mt-2 w-full">
              {t.setDetails}
            </Link>
          </div>
        </section>
      )}

      {(view.status === "booked" || view.status === "checked_in") && (
        <section aria-labelledby="manage" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="manage" className="mb-2 text-lg font-bold">{t.manageTitle}</h2>
          {view.status === "checked_in" ? (
            <p>{t.checkedIn}</p>
          ) : view.mayChange ? (
            <div className="space-y-3">
              <p>{t.untilDeadline(formatDate(locale, tokyoDate(view.changeDeadline), true), tokyoTime(view.changeDeadline))}</p>
              <Link href={`/reservations/${view.reservationNumber}/change`} className="btn-primary w-full">
                {t.change}
              </Link>
              <Link href={`/reservations/${view.reservationNumber}/cancel`} className="btn-secondary w-full">
                {t.cancel}
              </Link>
            </div>
          ) : (
            <div className="space-y-1">
              <PastDeadline reservation={view} t={t} locale={locale} callCenter={settings} />
            </div>
          )}
        </section>
      )}

      <Link href="/mypage" className="btn-secondary w-full">
        {m.common.backToMyPage}
      </Link>
    </div>
  );
}
