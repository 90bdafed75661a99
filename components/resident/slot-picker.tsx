// The slot chooser every resident flow shares (日付から探す, change, dose 2 of a set): a month
// calendar with each day's mark, then the chosen day's slots, bookable or greyed with the reason.
// Whether a slot may be booked is decided by lib/resident/slot-search (the domain core), not here.
import Link from "next/link";
import { asc, eq } from "drizzle-orm";
import { getResidentDb } from "@/db/client";
import { venues } from "@/db/schema";
import { loadSettings } from "@/lib/booking/context";
import { addDays, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { formatDate, formatTimeRange, refusalText, type Locale, type Messages } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { firstDay, lastDay, monthOf, monthToShow, monthWeeks, shiftMonth } from "@/lib/resident/calendar-month";
import { calendarFor, slotOptionsFor, type DayAvailability, type SearchPurpose, type SlotOption } from "@/lib/resident/slot-search";

export interface SlotPickerProps {
  voucherId: number;
  /** What the slot is for (default: a new booking). */
  purpose?: SearchPurpose;
  /** The hosting page's current query: month=YYYY-MM, date=YYYY-MM-DD, venue=<id>. */
  query: { month?: string; date?: string; venue?: string };
  /** The hosting page's path; calendar links keep it and change only the query. */
  basePath: string;
  /** Extra query the hosting page needs kept on every calendar link (e.g. "first=12"). */
  keepQuery?: string;
  /** Where choosing a bookable slot leads. */
  slotHref: (slotId: number) => string;
  /** The label of the choose link (default: この枠で予約する). */
  chooseLabel?: string;
  /** The first date offered (default: today). */
  from?: string;
}

const MARK: Record<DayAvailability, { symbol: string; className: string }> = {
  available: { symbol: "○", className: "bg-white text-[var(--color-brand)] border-[var(--color-line)]" },
  few: { symbol: "△", className: "bg-amber-50 text-amber-900 border-amber-300" },
  full: { symbol: "×", className: "bg-slate-100 text-slate-600 border-slate-200" },
  closed: { symbol: "－", className: "bg-slate-100 text-slate-600 border-slate-200" },
};

function href(basePath: string, params: Record<string, string | undefined>, keep?: string): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const all = [keep, query.toString()].filter(Boolean).join("&");
  return all ? `${basePath}?${all}` : basePath;
}

export async function SlotPicker(props: SlotPickerProps) {
  const db = await getResidentDb();
  const settings = await loadSettings(db);
  const { locale, m } = await getMessages();
  const t = m.search;
  const today = tokyoDate(new Date());
  const first = props.from && props.from > today ? props.from : today;
  const last = addDays(today, settings.bookingWindowDays);
  const venueId = Number(props.query.venue);
  const venue = Number.isInteger(venueId) && venueId > 0 ? String(venueId) : undefined;
  const chosen = props.query.date && isValidIsoDate(props.query.date) && props.query.date >= first ? props.query.date : null;
  const month = monthToShow(props.query.month, chosen, first, last);
  const rangeFrom = firstDay(month) < first ? first : firstDay(month);
  const options = await slotOptionsFor(db, props.voucherId, { from: rangeFrom, to: lastDay(month), venueId: venue ? venueId : undefined }, new Date(), props.purpose);
  const marks = calendarFor(options);
  const venueList = await db.select({ id: venues.id, name: venues.name }).from(venues).where(eq(venues.active, true)).orderBy(asc(venues.code));
  const venueName = venueList.find((v) => String(v.id) === venue)?.name;
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const dayOptions = chosen ? options.filter((o) => o.date === chosen) : [];

  return (
    <div className="space-y-4">
      <form method="get" action={props.basePath} className="flex flex-wrap items-end gap-2">
        {props.keepQuery &&
          [...new URLSearchParams(props.keepQuery)].map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <input type="hidden" name="month" value={month} />
        <div className="min-w-48 flex-1">
          <label htmlFor="venue-filter" className="mb-1 block font-bold">
            {t.venueFilter}
          </label>
          <select id="venue-filter" name="venue" defaultValue={venue ?? ""} className="field-input">
            <option value="">{t.allVenues}</option>
            {venueList.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t.applyFilter}
        </button>
      </form>
      {venueName && <p>{t.onlyVenue(venueName)}</p>}
      <p className="text-sm">{t.legend}</p>

      <div className="rounded-lg bg-white p-2 shadow-sm">
        <div className="mb-2 flex items-center justify-between">
          {prev >= monthOf(first) ? (
            <Link href={href(props.basePath, { month: prev, venue }, props.keepQuery)} className="btn-secondary px-3 text-sm">
              ‹ {t.prevMonth}
            </Link>
          ) : (
            <span />
          )}
          <h2 id="calendar-month" className="text-lg font-bold">
            {t.calendarCaption(year, monthNumber)}
          </h2>
          {next <= monthOf(last) ? (
            <Link href={href(props.basePath, { month: next, venue }, props.keepQuery)} className="btn-secondary px-3 text-sm">
              {t.nextMonth} ›
            </Link>
          ) : (
            <span />
          )}
        </div>
        <table aria-labelledby="calendar-month" className="w-full table-fixed border-separate border-spacing-1">
          <thead>
            <tr>
              {m.common.weekdays.map((w, i) => (
                <th key={w} scope="col" className={`text-sm ${i === 0 ? "text-red-700" : i === 6 ? "text-blue-700" : ""}`}>
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(month).map((week, i) => (
              <tr key={i}>
                {week.map((date, j) => (
                  <td key={j} className="p-0 align-top">
                    {date && (
                      <DayCell
                        date={date}
                        mark={date < first || date > last ? "closed" : (marks.get(date) ?? "closed")}
                        selected={date === chosen}
                        href={href(props.basePath, { month, date, venue }, props.keepQuery)}
                        locale={locale}
                        m={m}
                      />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {chosen ? (
        <section aria-labelledby="day-slots" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="day-slots" className="mb-3 text-lg font-bold">
            {t.daySlots(formatDate(locale, chosen, true))}
          </h2>
          <DaySlotList options={dayOptions} slotHref={props.slotHref} chooseLabel={props.chooseLabel ?? t.choose} locale={locale} m={m} />
        </section>
      ) : (
        <p>{t.chooseDay}</p>
      )}
    </div>
  );
}

function DayCell(props: { date: string; mark: DayAvailability; selected: boolean; href: string; locale: Locale; m: Messages }) {
  const { date, mark, selected, locale, m } = props;
  const day = Number(date.slice(8));
  const label = `${formatDate(locale, date)} ${m.common.availability[mark]}`;
  const style = `flex min-h-14 flex-col items-center justify-center rounded-md border-2 text-center no-underline ${MARK[mark].className} ${selected ? "outline outline-3 outline-[var(--color-brand)]" : ""}`;
  const content = (
    <>
      <span className="text-sm font-bold">{day}</span>
      <span aria-hidden="true" className="text-lg leading-none">
        {MARK[mark].symbol}
      </span>
    </>
  );
  // Days with nothing to choose are not links: a screen reader still hears the date and its mark.
  if (mark === "closed") {
    return (
      <span className={style} aria-label={label} role="img">
        {content}
      </span>
    );
  }
  return (
    <Link href={props.href} aria-label={label} aria-current={selected ? "date" : undefined} className={style}>
      {content}
    </Link>
  );
}

/** One day's slots: bookable ones with a choose link, the rest greyed with the reason. */
export function DaySlotList(props: { options: readonly SlotOption[]; slotHref: (slotId: number) => string; chooseLabel: string; locale: Locale; m: Messages; emptyText?: string }) {
  const { options, locale, m } = props;
  if (options.length === 0) return <p>{props.emptyText ?? m.search.noSlotsThatDay}</p>;
  return (
    <ul className="space-y-3">
      {options.map((o) => (
        <li key={o.slotId} className={`rounded-lg border-2 p-3 ${o.bookable ? "border-[var(--color-brand)]" : "border-[var(--color-line)] bg-slate-50 text-slate-700"}`}>
          <p className="font-bold">
            {formatTimeRange(locale, o.startTime, o.endTime)}　{o.venueName}
          </p>
          <p className="text-sm">
            {o.productName}・{m.common.remaining(o.remaining)}
          </p>
          {o.bookable ? (
            <Link href={props.slotHref(o.slotId)} className="btn-primary mt-2" aria-label={`${props.chooseLabel}（${formatTimeRange(locale, o.startTime, o.endTime)} ${o.venueName}）`}>
              {props.chooseLabel}
            </Link>
          ) : (
            <p className="mt-1 text-sm">{m.search.notBookableBecause(refusalText(m, { code: o.code ?? "", reason: o.reason ?? "", params: o.params }))}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

