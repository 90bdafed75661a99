import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BackToMyPage } from "@/components/resident/back-to-my-page";
import { getResidentDb } from "@/db/client";
import { DaySlotList } from "@/components/resident/slot-picker";
import { loadSettings } from "@/lib/booking/context";
import { tokyoDate } from "@/lib/domain/dates";
import { formatDate } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { slotOptionsFor } from "@/lib/resident/slot-search";
import { currentResident } from "@/lib/resident/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.search.todayTitle };
}
export const dynamic = "force-dynamic";

/** 当日予約: today's slots that have not started, when the municipality accepts same-day booking. */
export default async function TodayPage() {
  const session = await currentResident();
  if (!session) redirect("/login");
  const db = await getResidentDb();
  const settings = await loadSettings(db);
  const { locale, m } = await getMessages();
  const now = new Date();
  const today = tokyoDate(now);
  // Slots already started are left out: nobody can go to them any more.
  const options = settings.sameDayBooking
    ? (await slotOptionsFor(db, session.voucherId, { from: today, to: today }, now)).filter((o) => o.code !== "slot_started")
    : [];
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{m.search.todayTitle}</h1>
      <p className="text-lg font-bold">{formatDate(locale, today, true)}</p>
      {settings.sameDayBooking ? (
        <>
          <p>{m.search.todayIntro}</p>
          <DaySlotList options={options} slotHref={(slotId) => `/book/${slotId}`} chooseLabel={m.search.choose} locale={locale} m={m} emptyText={m.search.todayNone} />
        </>
      ) : (
        <p role="status">{m.search.todayClosed}</p>
      )}
      <BackToMyPage label={m.common.backToMyPage} />
    </div>
  );
}
