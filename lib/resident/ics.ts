// The reservation as an iCalendar file (「カレンダーに追加」). Slot times are Tokyo wall-clock
// times; the file carries them as UTC instants so every calendar app places them right
// without needing a VTIMEZONE for Asia/Tokyo.
import { createEvent, type EventAttributes } from "ics";
import { tokyoInstant } from "@/lib/domain/dates";
import type { ReservationStatus } from "@/lib/domain/reservation-status";
import type { Messages } from "@/lib/i18n";

export interface ReservationIcsInput {
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  date: string;
  /** 'HH:MM' or 'HH:MM:SS', Tokyo time */
  startTime: string;
  endTime: string;
  venue: { name: string; address: string };
  guardianRequired: boolean;
}

/**
 * The UID stays the same for one reservation (also after a change of slot, which keeps the
 * number), so importing the file again updates the event instead of adding a second one.
 */
export function reservationUid(reservationNumber: string, municipalityCode: string): string {
  return `reservation-${reservationNumber}-${municipalityCode}@vaccine-reservation`;
}

export function buildReservationIcs(r: ReservationIcsInput, m: Messages, municipalityCode: string): string {
  const t = m.done;
  const description = [
    `${m.common.reservationNumber}: ${r.reservationNumber}`,
    "",
    `${t.bringTitle}:`,
    ...t.bringItems(r.guardianRequired).map((item) => `・${item}`),
    t.questionnaireNote,
    ...(r.guardianRequired ? [t.childNote] : []),
  ].join("\n");
  const event: EventAttributes = {
    uid: reservationUid(r.reservationNumber, municipalityCode),
    productId: "vaccine-reservation",
    start: tokyoInstant(r.date, r.startTime).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: tokyoInstant(r.date, r.endTime).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: t.icsSummary(r.doseNumber),
    location: [r.venue.name, r.venue.address].filter(Boolean).join(" "),
    description,
    status: r.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    // A reminder the day before. `{ days: 1 }` comes out as "-P1DT", which RFC 5545 does not allow.
    alarms: [{ action: "display", description: t.icsAlarm(r.doseNumber), trigger: { hours: 24, before: true } }],
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error("could not build the calendar file");
  return value;
}

/** An ASCII file name for Content-Disposition. */
export function icsFileName(reservationNumber: string): string {
  return `reservation-${reservationNumber.replace(/[^0-9]/g, "")}.ics`;
}
