// 来場なし (no-show) is an end-of-day result: it may be recorded only once the slot is over —
// its end time has passed on its own day (Asia/Tokyo), or the day itself is past. Before that
// the resident may still come. The server enforces it (lib/booking/venue-operations.ts); the
// tablet shows the button only when this says yes.
import { formatDateJa, hhmm, tokyoDate, tokyoInstant, type IsoDate } from "./dates";

export interface NoShowSlot {
  date: IsoDate;
  /** 'HH:MM' or 'HH:MM:SS', Tokyo wall clock. */
  endTime: string;
}

/** Null when 来場なし may be recorded now; otherwise why not (Japanese, for the staff). */
export function noShowRefusal(slot: NoShowSlot, now: Date): string | null {
  const today = tokyoDate(now);
  if (slot.date < today) return null;
  if (slot.date === today && now.getTime() >= tokyoInstant(slot.date, slot.endTime).getTime()) return null;
  const when = slot.date === today ? `本日 ${hhmm(slot.endTime)}` : `${formatDateJa(slot.date, true)} ${hhmm(slot.endTime)}`;
  return `来場なしは予約枠の終了後に記録できます（この枠は${when}までです）。`;
}

export function mayRecordNoShow(slot: NoShowSlot, now: Date): boolean {
  return noShowRefusal(slot, now) === null;
}
