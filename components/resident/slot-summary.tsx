import type { ReactNode } from "react";
import { formatDate, formatTimeRange, type Locale } from "@/lib/i18n";

interface Props {
  /** The heading's id, for the section's aria-labelledby. */
  id: string;
  title: string;
  slot: { date: string; startTime: string; endTime: string; venueName: string; productName: string };
  locale: Locale;
  /** Below the slot: seats left, or why it cannot be booked. */
  children?: ReactNode;
}

/** The slot a booking page is about (選んだ予約枠, 1回目の予約枠 …): date and time, venue, vaccine. */
export function SlotSummary({ id, title, slot, locale, children }: Props) {
  return (
    <section aria-labelledby={id} className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-1 text-sm text-[var(--color-muted)]">
        {title}
      </h2>
      <p className="text-lg font-bold">
        {formatDate(locale, slot.date, true)} {formatTimeRange(locale, slot.startTime, slot.endTime)}
      </p>
      <p>{slot.venueName}</p>
      <p>{slot.productName}</p>
      {children}
    </section>
  );
}
