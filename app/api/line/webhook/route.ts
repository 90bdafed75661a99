// POST /api/line/webhook: the Messaging API channel's webhook URL (set in the LINE console).
// The signature is checked on the raw body (lib/line/webhook.ts); 401 and nothing done when wrong.
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { lineConfig } from "@/lib/line/config";
import { handleLineWebhook } from "@/lib/line/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** LINE's webhook bodies are small; a larger one is not from LINE. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function POST(request: Request) {
  try {
    const rawBody = await request.text();
    if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) return NextResponse.json({ error: "too_large" }, { status: 413 });
    const outcome = await handleLineWebhook(await getDb(), lineConfig(), {
      rawBody,
      signature: request.headers.get("x-line-signature"),
    });
    return NextResponse.json(outcome.body, { status: outcome.status });
  } catch (e) {
    // 500: LINE redelivers the events whose handling failed (their claims were given back).
    const requestId = randomUUID();
    console.error(`[line webhook ${requestId}]`, e);
    return NextResponse.json({ error: "internal", requestId }, { status: 500 });
  }
}
