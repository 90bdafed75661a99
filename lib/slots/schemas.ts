// What staff may enter for slots (one slot, an edit, a recurring pattern), as zod schemas with
// the messages staff read. The services parse with these, so forms and tests get the same refusals.
import { z } from "zod";
import holidayJp from "@holiday-jp/holiday_jp";
import { isValidIsoDate } from "@/lib/domain/dates";
import { toHalfWidth } from "@/lib/domain/normalize";

export const MAX_CAPACITY = 10_000;
/** A pattern may span at most this many days and create at most this many slots at once. */
export const MAX_PATTERN_DAYS = 366;
export const MAX_PATTERN_SLOTS = 20_000;

const half = (v: unknown) => (typeof v === "string" ? toHalfWidth(v).trim() : v);

/** 'HH:MM' (also 'H:MM' and a trailing ':SS' from a time input), as 'HH:MM'. */
export const timeOfDay = (label: string) =>
  z.preprocess(
    half,
    z
      .string({ message: `${label}を入力してください。` })
      .min(1, `${label}を入力してください。`)
      .regex(/^([01]?[0-9]|2[0-3]):[0-5][0-9](:00)?$/, `${label}は「10:00」のように入力してください。`)
      .transform((v) => {
        const [h, m] = v.split(":");
        return `${h!.padStart(2, "0")}:${m}`;
      }),
  );

export const isoDate = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? toHalfWidth(v).trim().replace(/\//g, "-") : v),
    z.string({ message: `${label}を入力してください。` }).min(1, `${label}を入力してください。`).refine(isValidIsoDate, `${label}を正しく入力してください（例: 2027-01-04）。`),
  );

export const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : toHalfWidth(v).trim()) : v),
    z.coerce
      .number({ message: `${label}を数字で入力してください。` })
      .int(`${label}は整数で入力してください。`)
      .min(min, `${label}は${min}〜${max}の範囲で入力してください。`)
      .max(max, `${label}は${min}〜${max}の範囲で入力してください。`),
  );

const productCode = z.string({ message: "ワクチンを選んでください。" }).trim().min(1, "ワクチンを選んでください。");

export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const endAfterStart = <T extends { startTime: string; endTime: string }>(v: T, ctx: z.RefinementCtx) => {
  if (minutesOf(v.endTime) <= minutesOf(v.startTime)) ctx.addIssue({ code: "custom", path: ["endTime"], message: "終了時刻は開始時刻より後にしてください。" });
};

export const slotSchema = z
  .object({
    date: isoDate("日付"),
    startTime: timeOfDay("開始時刻"),
    endTime: timeOfDay("終了時刻"),
    capacity: wholeNumber("定員", 0, MAX_CAPACITY),
    productCode,
  })
  .superRefine(endAfterStart);
export type SlotInput = z.input<typeof slotSchema>;

export const slotEditSchema = z
  .object({
    startTime: timeOfDay("開始時刻"),
    endTime: timeOfDay("終了時刻"),
    capacity: wholeNumber("定員", 0, MAX_CAPACITY),
  })
  .superRefine(endAfterStart);
export type SlotEditInput = z.input<typeof slotEditSchema>;

export const WEEKDAY_LABELS = ["日", "月", "火", "水", "木", "金", "土"] as const;

export const slotPatternSchema = z
  .object({
    weekdays: z
      .array(z.coerce.number().int().min(0).max(6), { message: "曜日を選んでください。" })
      .min(1, "曜日を1つ以上選んでください。")
      .transform((days) => [...new Set(days)].sort()),
    startTime: timeOfDay("最初の枠の開始時刻"),
    endTime: timeOfDay("最後の枠の終了時刻"),
    intervalMinutes: wholeNumber("1枠の長さ（分）", 5, 240),
    capacity: wholeNumber("1枠の定員", 0, MAX_CAPACITY),
    productCode,
    fromDate: isoDate("開始日"),
    toDate: isoDate("終了日"),
    skipHolidays: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (minutesOf(v.endTime) - minutesOf(v.startTime) < v.intervalMinutes) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "最後の枠の終了時刻は、最初の枠の開始時刻から1枠の長さ以上あとにしてください。" });
    }
    if (v.toDate < v.fromDate) ctx.addIssue({ code: "custom", path: ["toDate"], message: "終了日は開始日以降にしてください。" });
  });
export type SlotPatternInput = z.input<typeof slotPatternSchema>;
export type SlotPattern = z.output<typeof slotPatternSchema>;

const HOLIDAYS = holidayJp.holidays as Readonly<Record<string, { name: string } | undefined>>;

/** The name of the Japanese public holiday (incl. substitute holidays) on `date`, or null. */
export function holidayName(date: string): string | null {
  return HOLIDAYS[date]?.name ?? null;
}
