// The month view of 日付から探す: months as "YYYY-MM" and their weeks, Sunday first as on
// Japanese calendars. Pure date arithmetic on ISO strings (no time zones involved).
import { addDays, weekday, type IsoDate } from "@/lib/domain/dates";

export type YearMonth = string;

const YEAR_MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: unknown): value is YearMonth {
  return typeof value === "string" && YEAR_MONTH.test(value);
}

export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

export function shiftMonth(month: YearMonth, by: number): YearMonth {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function firstDay(month: YearMonth): IsoDate {
  return `${month}-01`;
}

export function lastDay(month: YearMonth): IsoDate {
  return addDays(firstDay(shiftMonth(month, 1)), -1);
}

/** The month's weeks, Sunday to Saturday; days of the neighbouring months are null. */
export function monthWeeks(month: YearMonth): (IsoDate | null)[][] {
  const weeks: (IsoDate | null)[][] = [];
  let week: (IsoDate | null)[] = Array.from({ length: weekday(firstDay(month)) }, () => null);
  for (let date = firstDay(month); monthOf(date) === month; date = addDays(date, 1)) {
    week.push(date);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** The month to show: the asked one if it lies within [first, last]'s months, else the chosen date's, else the first. */
export function monthToShow(asked: unknown, chosenDate: IsoDate | null, first: IsoDate, last: IsoDate): YearMonth {
  const earliest = monthOf(first);
  const latest = monthOf(last < first ? first : last);
  if (isYearMonth(asked) && asked >= earliest && asked <= latest) return asked;
  if (chosenDate && chosenDate >= first && chosenDate <= last) return monthOf(chosenDate);
  return earliest;
}
