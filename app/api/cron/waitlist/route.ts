// POST /api/cron/waitlist (Authorization: Bearer $CRON_SECRET), every minute from a scheduler:
// expires waitlist offers past their time (the seat goes to the next in line), lapses entries whose
// dates have passed, offers free seats, and sends offers not sent yet. Safe to run from two
// schedulers at once: one advisory lock orders the runs, and each offer is sent once.
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { refuseUnlessCron } from "@/lib/http/cron-auth";
import { runWaitlist } from "@/lib/waitlist/run";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  const refused = refuseUnlessCron(request);
  if (refused) return refused;
  try {
    const run = await runWaitlist(await getDb());
    return NextResponse.json({ expired: run.expired, lapsed: run.lapsed, offered: run.offered.length, notified: run.notified });
  } catch (e) {
    const requestId = randomUUID();
    console.error(`[cron waitlist ${requestId}]`, e);
    return NextResponse.json({ error: "internal", requestId }, { status: 500 });
  }
}
