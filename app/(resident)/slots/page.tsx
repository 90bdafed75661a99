import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";
import { addDays, formatDateJa, hhmm, isValidIsoDate, tokyoDate, weekday } from "@/lib/domain/dates";
import { calendarFor, DAY_AVAILABILITY_LABELS, slotOptionsFor, type DayAvailability } from "@/lib/resident/slot-search";
import { currentResident } from "@/lib/resident/session";

export const metadata: Metadata = { title: "日付から探す" };
export const dynamic = "force-dynamic";

const MARK: Record<DayAvailability, { symbol: string; className: string }> = {
  available: { symbol: "○", className: "bg-white text-[var(--color-brand)]" },
  few: { symbol: "△", className: "bg-amber-50 text-amber-800" },
  full: { symbol: "×", className: "bg-slate-100 text-slate-500" },
  closed: { symbol: "－", className: "bg-slate-100 text-slate-400" },
};

/** 「12/3（水）」 for a calendar cell. */
function shortDate(date: string): string {
  const [, m, d] = date.split("-");
  return `${Number(m)}/${Number(d)}（${"日月火水木金土"[weekday(date)]}）`;
}

export default async function SlotsByDatePage({ searchParams }: { searchParams: Promise<{ date?: string; venue?: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const db = await getDb();
  const settings = await loadSettings(db);
  const today = tokyoDate(new Date());
  const last = addDays(today, settings.bookingWindowDays);
  const params = await searchParams;
  const venueId = Number(params.venue);
  const venueFilter = Number.isInteger(venueId) && venueId > 0 ? venueId : undefined;
  const options = await slotOptionsFor(db, session.voucherId, { from: today, to: last, venueId: venueFilter });
  const calendar = calendarFor(options);
  const venueQuery = venueFilter ? `&venue=${venueFilter}` : "";
  const requested = params.date;
  const selected = requested && isValidIsoDate(requested) ? requested : null;
  const days = Array.from({ length: settings.bookingWindowDays + 1 }, (_, i) => addDays(today, i));
  const dayOptions = selected ? options.filter((o) => o.date === selected) : [];

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">日付から探す</h1>
      {venueFilter && (
        <p>
          {options[0]?.venueName ?? "選んだ会場"}の予約枠だけを表示しています。
          <Link href="/slots" className="ml-2 text-[var(--color-brand)] underline">すべての会場を表示</Link>
        </p>
      )}
      <p>
        ○ 空きあり　△ 残りわずか　× 満員　－ 受付外（予約できる枠がありません）
      </p>
      <ul aria-label="日付ごとの空き状況" className="grid grid-cols-4 gap-2 sm:grid-cols-7">
        {days.map((date) => {
          const mark = calendar.get(date) ?? "closed";
          const label = `${formatDateJa(date)} ${DAY_AVAILABILITY_LABELS[mark]}`;
          return (
            <li key={date}>
              <Link
                href={`/slots?date=${date}${venueQuery}`}
                aria-label={label}
                aria-current={date === selected ? "date" : undefined}
                className={`flex min-h-16 flex-col items-center justify-center rounded-lg border-2 p-1 text-center no-underline ${MARK[mark].className} ${date === selected ? "border-[var(--color-brand)]" : "border-[var(--color-line)]"}`}
              >
                <span className="text-sm">{shortDate(date)}</span>
                <span aria-hidden="true" className="text-lg font-bold">{MARK[mark].symbol}</span>
              </Link>
            </li>
          );
        })}
      </ul>

      {selected && (
        <section aria-labelledby="day-slots" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="day-slots" className="mb-3 text-lg font-bold">{formatDateJa(selected, true)}の予約枠</h2>
          {dayOptions.length === 0 ? (
            <p>この日の予約枠はありません。</p>
          ) : (
            <ul className="space-y-3">
              {dayOptions.map((o) => (
                <li key={o.slotId} className={`rounded-lg border-2 p-3 ${o.bookable ? "border-[var(--color-brand)]" : "border-[var(--color-line)] bg-slate-50 text-slate-600"}`}>
                  <p className="font-bold">
                    {hhmm(o.startTime)}〜{hhmm(o.endTime)}　{o.venueName}
                  </p>
                  <p className="text-sm">{o.productName}・残り{o.remaining}人</p>
                  {o.bookable ? (
                    <Link href={`/book/${o.slotId}`} className="btn-primary mt-2">
                      この枠で予約する
                    </Link>
                  ) : (
                    <p className="mt-1 text-sm">予約できません: {o.reason}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <p>
        <Link href="/mypage" className="text-[var(--color-brand)] underline">マイページに戻る</Link>
      </p>
    </div>
  );
}
