import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { venues } from "@/db/schema";
import { loadSettings } from "@/lib/booking/context";
import { addDays, formatDateJa, tokyoDate } from "@/lib/domain/dates";
import { nextFreeDatesByVenue, slotOptionsFor } from "@/lib/resident/slot-search";
import { currentResident } from "@/lib/resident/session";

export const metadata: Metadata = { title: "会場から探す" };
export const dynamic = "force-dynamic";

const KIND_LABELS: Record<string, string> = { mass: "集団接種会場", clinic: "個別接種（医療機関）" };

export default async function VenuesPage() {
  const session = await currentResident();
  if (!session) redirect("/login");
  const db = await getDb();
  const settings = await loadSettings(db);
  const today = tokyoDate(new Date());
  const options = await slotOptionsFor(db, session.voucherId, { from: today, to: addDays(today, settings.bookingWindowDays) });
  const freeDates = nextFreeDatesByVenue(options);
  const list = await db.select().from(venues).where(eq(venues.active, true)).orderBy(asc(venues.code));
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">会場から探す</h1>
      <p>あなたが予約できる枠のある、いちばん早い日付を会場ごとに表示しています。</p>
      <ul className="space-y-3">
        {list.map((venue) => {
          const products = [...new Set(options.filter((o) => o.venueId === venue.id).map((o) => o.productName))];
          const dates = freeDates.get(venue.id) ?? [];
          return (
            <li key={venue.id} className="rounded-lg bg-white p-4 shadow-sm">
              <h2 className="text-lg font-bold">{venue.name}</h2>
              <p className="text-sm text-[var(--color-muted)]">
                {KIND_LABELS[venue.kind] ?? venue.kind}・{venue.address}
              </p>
              {products.length > 0 && <p className="text-sm">ワクチン: {products.join("、")}</p>}
              {dates.length > 0 ? (
                <div className="mt-2 flex flex-wrap gap-2">
                  {dates.map((date) => (
                    <Link key={date} href={`/slots?date=${date}&venue=${venue.id}`} className="btn-secondary">
                      {formatDateJa(date)}
                    </Link>
                  ))}
                </div>
              ) : (
                <p className="mt-2">現在、この会場で予約できる枠はありません。</p>
              )}
            </li>
          );
        })}
      </ul>
      <p>
        <Link href="/mypage" className="text-[var(--color-brand)] underline">マイページに戻る</Link>
      </p>
    </div>
  );
}
