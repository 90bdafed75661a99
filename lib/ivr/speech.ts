// How dates, times and numbers are written for Japanese text-to-speech: 〇月〇日〇曜日,
// 〇時〇分, and numbers the caller writes down read one digit at a time.
import { hhmm, weekday } from "@/lib/domain/dates";

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"] as const;

/** 「12月10日木曜日」 */
export function speakDate(date: string): string {
  const [, month, day] = date.split("-").map(Number);
  return `${month}月${day}日${WEEKDAYS[weekday(date)]}曜日`;
}

/** 「9時30分」, 「10時」 for 10:00 (「10時0分」 is not how anyone says it). */
export function speakTime(time: string): string {
  const [h, m] = hhmm(time).split(":").map(Number);
  return m ? `${h}時${m}分` : `${h}時`;
}

/** 「9時30分から10時まで」 */
export function speakTimeRange(start: string, end: string): string {
  return `${speakTime(start)}から${speakTime(end)}まで`;
}

/** 「1、2、3」: each digit on its own, with a pause, so it can be written down. */
export function speakDigits(value: string): string {
  return [...value.replace(/[^0-9]/g, "")].join("、");
}

/** 「0、1、2、0の、0、0、0の、0、0、0」: a phone number by its groups, digit by digit. */
export function speakPhone(phone: string): string {
  return phone
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(speakDigits)
    .join("の、");
}

/** A vaccine's display name for speech: 「ファイザー (コミナティ)」 → 「ファイザー、コミナティ」. */
export function speakProduct(name: string): string {
  return speakText(
    name
      .replace(/\s*[（(]\s*/g, "、")
      .replace(/\s*[）)]\s*/g, "")
      .replace(/\//g, "・"),
  );
}

/**
 * Text written for the screen (a refusal's reason, the call-center hours), made speakable:
 * 「（月）」 → 「月曜日」, 「9:30」 → 「9時30分」, 「〜」 → 「から」.
 */
export function speakText(text: string): string {
  return text
    .replace(/[（(]([日月火水木金土])[）)]/g, "$1曜日")
    .replace(/(?<![0-9])([0-9]{1,2})[:：]([0-9]{2})(?![0-9])/g, (_, h: string, m: string) => speakTime(`${h.padStart(2, "0")}:${m}`))
    .replace(/[〜～]/g, "から");
}
