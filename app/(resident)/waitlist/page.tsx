import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { asc, eq } from "drizzle-orm";
import { getResidentDb } from "@/db/client";
import { venues } from "@/db/schema";
import { BackToMyPage } from "@/components/resident/back-to-my-page";
import { loadSettings } from "@/lib/booking/context";
import { addDays, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { getMessages } from "@/lib/i18n/server";
import { currentLineUser } from "@/lib/line/current-line-user";
import { loadResidentStatus } from "@/lib/resident/status";
import { loadWaitlistStatus, maskEmail, maskPhone, reachableContacts } from "@/lib/resident/waitlist-status";
import { currentResident } from "@/lib/resident/session";
import { joinWaitlistAction } from "./actions";
import { WaitlistForm, type ContactChoice } from "./waitlist-form";
import { WaitlistStatusCard } from "./waitlist-status-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.waitlist.title };
}
export const dynamic = "force-dynamic";

/** How long the form's default span is: today … +14 days (within the booking window). */
const DEFAULT_SPAN_DAYS = 14;

export default async function WaitlistPage({ searchParams }: { searchParams: Promise<{ venue?: string; from?: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const db = await getResidentDb();
  const settings = await loadSettings(db);
  const { locale, m } = await getMessages();
  const t = m.waitlist;
  const query = await searchParams;

  const frame = (body: React.ReactNode) => (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      {body}
      <BackToMyPage label={m.common.backToMyPage} />
    </div>
  );
  if (!settings.waitlistEnabled) return frame(<p role="status" className="rounded-lg bg-white p-4 shadow-sm">{t.off}</p>);

  const live = await loadWaitlistStatus(db, session.voucherId);
  if (live) return frame(<WaitlistStatusCard status={live} locale={locale} m={m} />);
  const status = await loadResidentStatus(db, session.voucherId);
  if (status && status.reservations.length > 0) {
    return frame(
      <div role="status" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <p>{t.hasReservation}</p>
        <Link href={`/reservations/${status.reservations[0]!.reservationNumber}`} className="btn-secondary w-full">
          {m.mypage.details}
        </Link>
      </div>,
    );
  }

  const reach = await reachableContacts(db, session.voucherId);
  const contacts: ContactChoice[] = [];
  // LINE only inside the LIFF app, where the LINE user is known (and linked to this voucher).
  const lineUser = session.channel === "line" ? await currentLineUser() : null;
  if (lineUser) contacts.push({ value: "line", label: t.contactLine });
  if (reach.sms) contacts.push({ value: "sms", label: t.contactSms(maskPhone(reach.sms)) });
  if (reach.email) contacts.push({ value: "email", label: t.contactEmail(maskEmail(reach.email)) });

  const today = tokyoDate(new Date());
  const last = addDays(today, settings.bookingWindowDays);
  const earliest = status?.earliestDate && status.earliestDate > today ? status.earliestDate : today;
  const from = query.from && isValidIsoDate(query.from) && query.from >= earliest && query.from <= last ? query.from : earliest <= last ? earliest : today;
  const to = addDays(from, DEFAULT_SPAN_DAYS) < last ? addDays(from, DEFAULT_SPAN_DAYS) : last;
  const venueList = await db.select({ id: venues.id, name: venues.name }).from(venues).where(eq(venues.active, true)).orderBy(asc(venues.code));
  const venueId = venueList.some((v) => String(v.id) === query.venue) ? query.venue! : "";

  return frame(
    <>
      <p>{t.intro(settings.offerHoldMinutes)}</p>
      {session.channel === "line" && !lineUser && (
        <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <p>{t.lineAgain}</p>
          <Link href="/liff/waitlist" className="btn-secondary w-full">
            {t.lineAgainLink}
          </Link>
        </div>
      )}
      <div className="rounded-lg bg-white p-4 shadow-sm">
        {contacts.length === 0 ? (
          <p role="status">{t.noContact}</p>
        ) : (
          <WaitlistForm
            venues={venueList}
            contacts={contacts}
            initial={{ venueId, dateFrom: from, dateTo: to, contact: contacts[0]!.value }}
            minDate={today}
            maxDate={last}
            action={joinWaitlistAction}
          />
        )}
      </div>
    </>,
  );
}
