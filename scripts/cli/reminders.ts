// `npm run cli -- reminders send [--date YYYY-MM-DD]`: the day-before reminders for the
// reservations on DATE (default: tomorrow in Tokyo). Running it twice sends nothing twice.
import type { Db } from "@/db/client";
import { addDays, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { sendersFromEnv, sendReminders, type ReminderSenders } from "@/lib/reminders/send-reminders";

export class RemindersUsageError extends Error {}

export async function runRemindersSend(db: Db, flags: Record<string, string>, out: (line: string) => void, senders: ReminderSenders = sendersFromEnv()): Promise<void> {
  const date = flags["date"] ?? addDays(tokyoDate(new Date()), 1);
  if (!isValidIsoDate(date)) throw new RemindersUsageError("--date は YYYY-MM-DD で指定してください。");
  const channels = [senders.line && "LINE", senders.email && "メール", senders.sms && "SMS"].filter(Boolean).join("・") || "なし";
  out(`${date} の予約へのお知らせを送ります（送信手段: ${channels}）。`);
  const s = await sendReminders(db, { date, senders });
  out(`対象の予約 ${s.reservations}件`);
  out(`送信 LINE ${s.sent.line}件 / メール ${s.sent.email}件 / SMS ${s.sent.sms}件`);
  if (s.failed.line + s.failed.email + s.failed.sms > 0) {
    out(`失敗 LINE ${s.failed.line}件 / メール ${s.failed.email}件 / SMS ${s.failed.sms}件（次回の実行で再送します）`);
  }
  if (s.skipped > 0) out(`送信済みのためスキップ ${s.skipped}件`);
}
