// POST /api/chatbot {"message": "..."} → {"answer", "faqId", "confidence", "handoff"}: the FAQ
// chatbot for the resident site's chat widget. Rate limited per client address (counters in
// PostgreSQL, shared by every app instance); 400 with a JSON error for anything but a message.
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { answerQuestion, MAX_MESSAGE_LENGTH } from "@/lib/chatbot/answer";
import { CHATBOT_RATE_RULE, takeRateLimit } from "@/lib/chatbot/rate-limit";
import { clientAddressFrom } from "@/lib/resident/session";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Bytes of body read at most: a 500-character message is far below this in any encoding. */
const MAX_BODY_BYTES = 8 * 1024;

const ChatRequest = z.object(
  {
    message: z
      .string({ error: "message（質問の文字列）を指定してください。" })
      .trim()
      .min(1, { error: "質問を入力してください。" })
      .max(MAX_MESSAGE_LENGTH, { error: `質問は${MAX_MESSAGE_LENGTH}文字以内で入力してください。` }),
  },
  { error: 'JSON のオブジェクト {"message": "質問"} を送ってください。' },
);

function problem(status: number, error: string, message: string, headers?: HeadersInit) {
  return NextResponse.json({ error, message }, { status, headers });
}

export async function POST(request: Request) {
  try {
    const db = await getDb();
    const address = clientAddressFrom(request.headers, Number(process.env.TRUSTED_PROXY_HOPS ?? "1"));
    const limit = await takeRateLimit(db, `chatbot:${address}`, CHATBOT_RATE_RULE);
    if (!limit.ok) {
      return problem(429, "rate_limited", "質問が続いたため、少し時間をおいてからお試しください。", {
        "Retry-After": String(limit.retryAfterSeconds),
      });
    }

    const body = await request.text();
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
      return problem(400, "too_long", `質問は${MAX_MESSAGE_LENGTH}文字以内で入力してください。`);
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return problem(400, "invalid_json", "JSON 形式で {\"message\": \"質問\"} を送ってください。");
    }
    const parsed = ChatRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const code = issue?.code === "too_big" ? "too_long" : "invalid_message";
      return problem(400, code, issue?.message ?? "質問を入力してください。");
    }

    return NextResponse.json(await answerQuestion(db, parsed.data.message, { channel: "web" }));
  } catch (e) {
    const requestId = randomUUID();
    console.error(`[chatbot ${requestId}]`, e);
    return NextResponse.json(
      { error: "internal", message: "ただいま回答できません。時間をおいてお試しいただくか、コールセンターにお問い合わせください。", requestId },
      { status: 500 },
    );
  }
}
