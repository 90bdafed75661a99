// The scheduler's bearer token (CRON_SECRET) for the /api/cron/* routes.
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** null when the request may run; otherwise the answer to send (503 unconfigured, 401 wrong token). */
export function refuseUnlessCron(request: Request): NextResponse | null {
  const secret = process.env.CRON_SECRET?.trim();
  if (!secret || secret.length < 16) return NextResponse.json({ error: "not_configured", message: "CRON_SECRET (16文字以上) が設定されていません。" }, { status: 503 });
  const header = request.headers.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  // Equal-length digests: the comparison takes the same time whatever was sent.
  const ok = token.length > 0 && timingSafeEqual(digest(token), digest(secret));
  return ok ? null : NextResponse.json({ error: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
}
