import { formatDate, formatTimeRange, type Locale, type Messages } from "@/lib/i18n";
import type { ReservationView } from "@/lib/resident/reservation-view";

type Shown = Pick<ReservationView, "reservationNumber" | "date" | "startTime" | "endTime" | "venue" | "doseNumber" | "productName">;

/** 「現在の予約」 on the change and cancel pages: number, date and time, venue, dose and vaccine. */
export function CurrentReservationCard({ reservation, locale, m }: { reservation: Shown; locale: Locale; m: Messages }) {
  const t = m.manage;
  return (
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
        <dd className="font-bold">{reservation.venue.name}</dd>
        <dt className="text-[var(--color-muted)]">{t.dose}</dt>
        <dd>{m.common.doseOf(reservation.doseNumber, reservation.productName)}</dd>
      </dl>
    </section>
  );
}
