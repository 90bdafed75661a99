import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BackToMyPage } from "@/components/resident/back-to-my-page";
import { WaitlistHint } from "@/components/resident/waitlist-hint";
import { asc, eq } from "drizzle-orm";
import { getResidentDb } from "@/db/client";
import { venues } from "@/db/schema";
import { loadSettings } from "@/lib/booking/context";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { formatDate } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { nextFreeDatesByVenue, slotOptionsFor } from "@/lib/resident/slot-search";
import { currentResident } from "@/lib/resident/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.search.byVenueTitle };
}
export const dynamic = "force-dynamic";

export default async function VenuesPage() {
  const session = await currentResident();
  if (!session) redirect("/login");
  const db = await getResidentDb();
  const settings = await loadSettings(db);
  const { locale, m } = await getMessages();
  const t = m.search;
  const today = tokyoDate(new Date());
  const options = await slotOptionsFor(db, session.voucherId, { from: today, to: addDays(today, settings.bookingWindowDays) });
  const freeDates = nextFreeDatesByVenue(options);
  const list = await db.select().from(venues).where(eq(venues.active, true)).orderBy(asc(venues.code));
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.byVenueTitle}</h1>
      <p>{t.venueIntro}</p>
      <ul className="space-y-3">
        {list.map((venue) => {
          const products = [...new Set(options.filter((o) => o.venueId === venue.id).map((o) => o.productName))];
          const dates = freeDates.get(venue.id) ?? [];
          return (
            <li key={venue.id} className="rounded-lg bg-white p-4 shadow-sm">
              <h2 className="text-lg font-bold">{venue.name}</h2>
              <p className="text-sm text-[var(--color-muted)]">
                {m.common.venueKind[venue.kind] ?? venue.kind}・{venue.address}
              </p>
              {products.length > 0 && <p className="text-sm">{t.vaccines(products.join(locale === "ja" ? "、" : ", "))}</p>}
              {dates.length > 0 ? (
                <div className="mt-2 flex flex-wrap gap-2">
                  {dates.map((date) => (
                    <Link key={date} href={`/slots?date=${date}&venue=${venue.id}`} className="btn-secondary">
                      {formatDate(locale, date)}
                    </Link>
                  ))}
                  <Link href={`/slots?venue=${venue.id}`} className="btn-secondary">
                    {t.otherDates}
                  </Link>
                </div>
              ) : (
                <div className="mt-2 space-y-2">
                  <p>{t.noVenueSlots}</p>
                  {settings.waitlistEnabled && (
                    <Link href={`/waitlist?venue=${venue.id}`} className="btn-secondary w-full">
                      {m.waitlist.link}
                    </Link>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {settings.waitlistEnabled && <WaitlistHint m={m} />}
      <BackToMyPage label={m.common.backToMyPage} />
    </div>
  );
}
