// POST /api/cron/reminders (Authorization: Bearer $CRON_SECRET) [{"date": "YYYY-MM-DD"}]:
// the day-before reminders for a scheduler (cron, a cloud scheduler). Without a date, tomorrow
// in Tokyo. Safe to call twice or from two schedulers at once: each reminder goes out once.
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { refuseUnlessCron } from "@/lib/http/cron-auth";
import { addDays, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { sendersFromEnv, sendReminders } from "@/lib/reminders/send-reminders";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const ReminderRequest = z.object({ date: z.string().refine(isValidIsoDate, { error: "date は YYYY-MM-DD で指定してください。" }).optional() });

export async function POST(request: Request) {
  const refused = refuseUnlessCron(request);
  if (refused) return refused;
  const text = await request.text();
  let json: unknown = {};
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      return NextResponse.json({ error: "invalid_json", message: 'JSON {"date": "YYYY-MM-DD"} を送ってください。' }, { status: 400 });
    }
  }
  const parsed = ReminderRequest.safeParse(json);
  if (!parsed.success) return NextResponse.json({ error: "invalid_date", message: parsed.error.issues[0]?.message }, { status: 400 });
  try {
    const date = parsed.data.date ?? addDays(tokyoDate(new Date()), 1);
    return NextResponse.json(await sendReminders(await getDb(), { date, senders: sendersFromEnv() }));
  } catch (e) {
    const requestId = randomUUID();
    console.error(`[cron reminders ${requestId}]`, e);
    return NextResponse.json({ error: "internal", requestId }, { status: 500 });
  }
}
