// Calendar arithmetic on ISO dates ('YYYY-MM-DD'), always in Japan time.
// Japan has no daylight saving time, so Tokyo time is UTC+9 all year.

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

function toUtc(date: IsoDate): Date {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

/** True for a real calendar date in 'YYYY-MM-DD' form (rejects 2023-02-29). */
export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = toUtc(value);
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/**
 * The same day number `months` later; when that day does not exist in the target month
 * (e.g. 31 → April), the 1st of the following month (厚生労働省の月数計算).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const from = toUtc(date);
  const day = from.getUTCDate();
  const first = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  if (day <= lastDay) {
    first.setUTCDate(day);
    return fromUtc(first);
  }
  return fromUtc(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)));
}

/**
 * Age in whole years on `on`. A birthday counts from its own day; someone born on
 * 29 February turns a year older on 1 March in common years.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const b = toUtc(birthDate);
  const d = toUtc(on);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday =
    d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

const WEEKDAYS_JA = ["日", "月", "火", "水", "木", "金", "土"] as const;

/** 「12月3日（水）」 */
export function formatDateJa(date: IsoDate, withYear = false): string {
  const d = toUtc(date);
  const md = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${WEEKDAYS_JA[d.getUTCDay()]}）`;
  return withYear ? `${d.getUTCFullYear()}年${md}` : md;
}

/** Today's date in Tokyo. */
export function tokyoDate(now: Date): IsoDate {
  return fromUtc(new Date(now.getTime() + TOKYO_OFFSET_MS));
}

/** The Tokyo wall-clock time 'HH:MM'. */
export function tokyoTime(now: Date): string {
  return new Date(now.getTime() + TOKYO_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a Tokyo wall-clock date and time ('HH:MM' or 'HH:MM:SS'). */
export function tokyoInstant(date: IsoDate, time: string): Date {
  const [h, m] = time.split(":").map(Number);
  return new Date(toUtc(date).getTime() + ((h ?? 0) * 60 + (m ?? 0)) * 60_000 - TOKYO_OFFSET_MS);
}

/** 'HH:MM:SS' or 'HH:MM' → 'HH:MM'. */
export function hhmm(time: string): string {
  return time.slice(0, 5);
}
