// The resident's live waitlist entry (My page and the waitlist page): the dates, the venue, the
// people ahead, an open offer with its link and deadline, and 「キャンセル待ちをやめる」.
import Link from "next/link";
import { OneButtonForm } from "@/components/resident/one-button-form";
import { formatDate, formatTimeRange, type Locale, type Messages } from "@/lib/i18n";
import { formatInstant } from "@/lib/i18n/format-instant";
import type { WaitlistStatus } from "@/lib/resident/waitlist-status";
import { leaveWaitlistAction } from "./actions";

export function WaitlistStatusCard({ status, locale, m, headingLevel = 2 }: { status: WaitlistStatus; locale: Locale; m: Messages; headingLevel?: 2 | 3 }) {
  const t = m.waitlist;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="waitlist-status" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <Heading id="waitlist-status" className="text-lg font-bold">
        {t.statusTitle}
      </Heading>
      {status.offer && (
        <div role="status" className="space-y-2 rounded-lg border-2 border-amber-500 bg-amber-50 p-3">
          <p className="text-lg font-bold">{t.offerTitle}</p>
          <p className="font-bold">
            {formatDate(locale, status.offer.date, true)} {formatTimeRange(locale, status.offer.startTime, status.offer.endTime)}
          </p>
          <p>{status.offer.venueName}</p>
          <p>{t.offerText(formatInstant(locale, status.offer.expiresAt))}</p>
          <Link href={status.offer.path} className="btn-primary w-full">
            {t.openOffer}
          </Link>
        </div>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">{t.period}</dt>
        <dd>{t.periodValue(formatDate(locale, status.dateFrom, true), formatDate(locale, status.dateTo, true))}</dd>
        <dt className="font-bold">{t.venue}</dt>
        <dd>{status.venueName ?? t.anyVenue}</dd>
        <dt className="font-bold">{t.contactIs}</dt>
        <dd>{t.contactName[status.contact] ?? status.contact}</dd>
      </dl>
      {!status.offer && (
        <div>
          <p className="font-bold">{t.ahead(status.peopleAhead)}</p>
          <p className="text-sm text-[var(--color-muted)]">{t.aheadNote}</p>
        </div>
      )}
      <OneButtonForm action={leaveWaitlistAction} hidden={{ entryId: status.entryId }} submitLabel={t.leave} pendingLabel={t.leaving} submitClassName="btn-secondary w-full">
        {null}
      </OneButtonForm>
    </section>
  );
}
