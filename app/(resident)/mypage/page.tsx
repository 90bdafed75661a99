import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { CallCenterLine } from "@/components/resident/phone-link";
import { loadSettings } from "@/lib/booking/context";
import { tokyoDate } from "@/lib/domain/dates";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { loadResidentStatus } from "@/lib/resident/status";
import { currentResident } from "@/lib/resident/session";
import { loadWaitlistStatus } from "@/lib/resident/waitlist-status";
import { WaitlistStatusCard } from "../waitlist/waitlist-status-card";
import { residentLogoutAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.mypage.title };
}
export const dynamic = "force-dynamic";

export default async function MyPage({ searchParams }: { searchParams: Promise<{ cancelled?: string; waitlisted?: string; waitlistLeft?: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const db = await getResidentDb();
  const status = await loadResidentStatus(db, session.voucherId);
  if (!status) redirect("/login");
  const settings = await loadSettings(db);
  const { locale, m } = await getMessages();
  const t = m.mypage;
  const today = tokyoDate(new Date());
  const { cancelled, waitlisted, waitlistLeft } = await searchParams;
  const waiting = await loadWaitlistStatus(db, session.voucherId);

  return (
    <div className="space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t.title}</h1>
          <p className="text-[var(--color-muted)]">{t.voucher(`******${status.voucherNumber.slice(-4)}`)}</p>
        </div>
        <form action={residentLogoutAction}>
          <button type="submit" className="btn-secondary">
            {m.common.logout}
          </button>
        </form>
      </div>

      {session.channel === "line" && (
        <Link href="/liff/vouchers" className="btn-secondary w-full">
          {t.lineVouchers}
        </Link>
      )}

      {cancelled && /^[0-9]{9}$/.test(cancelled) && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 font-bold text-green-900">
          {t.cancelled(cancelled)}
        </p>
      )}

      {waiting && waitlisted === "1" && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 font-bold text-green-900">
          {m.waitlist.joined}
        </p>
      )}
      {!waiting && waitlistLeft === "1" && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 font-bold text-green-900">
          {m.waitlist.left}
        </p>
      )}

      {waiting?.offer && <WaitlistStatusCard status={waiting} locale={locale} m={m} />}

      <section aria-labelledby="next-dose" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="next-dose" className="mb-2 text-lg font-bold">{t.nextDose}</h2>
        <p className="text-xl font-bold">{t.nextDoseIs(status.nextDose)}</p>
        <p>{t.history(status.history.count, status.history.lastDoseDate && formatDate(locale, status.history.lastDoseDate, true))}</p>
        {status.earliestDate === null ? (
          <p className="mt-2">{status.nextDose === 1 ? t.anyDate : t.unknownHistory}</p>
        ) : status.earliestDate <= today ? (
          <p className="mt-2">{t.fromDate(formatDate(locale, status.earliestDate, true))}</p>
        ) : (
          <p className="mt-2 font-bold">{t.notBefore(formatDate(locale, status.earliestDate, true))}</p>
        )}
      </section>

      <section aria-labelledby="reservations" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="reservations" className="mb-2 text-lg font-bold">{t.current}</h2>
        {status.reservations.length === 0 ? (
          <div className="space-y-3">
            <p>{t.none}</p>
            <Link href="/slots" className="btn-primary w-full">
              {t.byDate}
            </Link>
            <Link href="/venues" className="btn-secondary w-full">
              {t.byVenue}
            </Link>
            {settings.sameDayBooking && (
              <Link href="/today" className="btn-secondary w-full">
                {t.today}
              </Link>
            )}
            {settings.waitlistEnabled && !waiting && (
              <Link href="/waitlist" className="btn-secondary w-full">
                {m.waitlist.link}
              </Link>
            )}
          </div>
        ) : (
          <ul className="space-y-3">
            {status.reservations.map((r) => (
              <li key={r.id} className="rounded-lg border-2 border-[var(--color-line)] p-3">
                <p className="text-lg font-bold">
                  {formatDate(locale, r.date, true)} {formatTimeRange(locale, r.startTime, r.endTime)}
                </p>
                <p>{r.venueName}</p>
                <p className="text-sm text-[var(--color-muted)]">{r.venueAddress}</p>
                <p>{m.common.doseOf(r.doseNumber, r.productName)}</p>
                <p>
                  {m.common.reservationNumber} <span className="font-mono text-lg font-bold tracking-wider">{r.reservationNumber}</span>（
                  {m.common.status[r.status]}）
                </p>
                <Link href={`/reservations/${r.reservationNumber}`} className="btn-secondary mt-2 w-full">
                  {t.details}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {waiting && !waiting.offer && <WaitlistStatusCard status={waiting} locale={locale} m={m} />}

      {settings.leftoverEnabled && (
        <Link href="/mypage/leftover" className="btn-secondary w-full">
          {m.leftover.mypageLink}
        </Link>
      )}

      <section aria-labelledby="by-phone" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="by-phone" className="mb-2 text-lg font-bold">{t.phoneTitle}</h2>
        <p>{t.phoneText}</p>
        <CallCenterLine callCenter={settings} className="mt-1 text-lg font-bold" />
      </section>
    </div>
  );
}
