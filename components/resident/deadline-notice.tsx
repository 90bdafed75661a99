// What the resident reads when the web can no longer change or cancel a reservation: the deadline
// that passed and the call-center number to call instead, or that the reservation is past booking.
import { CallCenterLine } from "@/components/resident/phone-link";
import { tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { formatDate, type Locale, type Messages } from "@/lib/i18n";
import type { ReservationView } from "@/lib/resident/reservation-view";

export interface PastDeadlineProps {
  reservation: Pick<ReservationView, "changeDeadline" | "reservationNumber">;
  /** The page's own wording (the reservation page and the change/cancel pages say it differently). */
  t: Pick<Messages["done"], "pastDeadline" | "pastDeadlineCall">;
  locale: Locale;
  callCenter: { callCenterPhone: string; callCenterHours: string };
}

/** The deadline that passed, and the call center with the reservation number to give. */
export function PastDeadline({ reservation, t, locale, callCenter }: PastDeadlineProps) {
  const deadline = reservation.changeDeadline;
  return (
    <>
      <p className="font-bold">{t.pastDeadline(formatDate(locale, tokyoDate(deadline), true), tokyoTime(deadline))}</p>
      <p>{t.pastDeadlineCall(reservation.reservationNumber)}</p>
      <CallCenterLine callCenter={callCenter} className="text-lg font-bold" />
    </>
  );
}

/** The change and cancel pages' alert in place of the form: no longer booked, or past the deadline. */
export function CannotManageNotice({ blockedBy, statusText, ...pastDeadline }: PastDeadlineProps & { blockedBy: "status" | "deadline"; statusText: string }) {
  return (
    <div role="alert" className="space-y-1 rounded-lg border-2 border-amber-500 bg-amber-50 p-4">
      {blockedBy === "status" ? <p className="font-bold">{statusText}</p> : <PastDeadline {...pastDeadline} />}
    </div>
  );
}
