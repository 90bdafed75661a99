// The waiting room (順番待ち). The proxy serves it in place of a resident page (or sends a form's
// POST here) when a resident arrives without a pass;
// here the gate in PostgreSQL either lets them in at once (a pass cookie and back to where they
// were going) or gives them a numbered place and a light page that checks again by itself.
// Plain HTML without JavaScript or database reads beyond the gate: it must stay cheap under a rush.
import { NextResponse, type NextRequest } from "next/server";
import { getResidentDb } from "@/db/client";
import { admissionConfig } from "@/lib/admission/config";
import { passGate } from "@/lib/admission/gate";
import { PASS_COOKIE, signToken, TICKET_COOKIE, verifyToken } from "@/lib/admission/token";
import { waitingPageHtml } from "@/lib/admission/waiting-page";
import { authSecret } from "@/lib/auth/secret";
import { safeNext } from "@/lib/http/safe-next";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

const TICKET_HOURS = 3;

/**
 * What the waiting room decided (queued, admitted, unavailable). The proxy serves this route in
 * place of a resident page for a visitor without a pass, so the address alone does not say that
 * the answer came from here (bench/rush counts these answers as the queue).
 */
const ROOM_HEADER = "X-Waiting-Room";

function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false";
}

export async function GET(request: NextRequest) {
  const config = admissionConfig();
  const next = safeNext(request.nextUrl.searchParams.get("next"));
  const secret = authSecret();
  const now = Date.now();
  const goBack = () => NextResponse.redirect(new URL(next, request.nextUrl.origin), 303);
  if (!config.enabled || verifyToken(secret, request.cookies.get(PASS_COOKIE)?.value, now)?.kind === "pass") return goBack();

  const locale = request.cookies.get(LOCALE_COOKIE)?.value === "en" ? "en" : "ja";
  const held = verifyToken(secret, request.cookies.get(TICKET_COOKIE)?.value, now);
  let decision;
  try {
    decision = await passGate(await getResidentDb(), config, held?.kind === "ticket" ? held.ticket : null, new Date(now));
  } catch (e) {
    console.error("[waiting]", e);
    return new NextResponse(waitingPageHtml({ locale, next, retrySeconds: 10, unavailable: true }), {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "10", [ROOM_HEADER]: "unavailable" },
    });
  }
  const cookie = { httpOnly: true, sameSite: "lax" as const, secure: secureCookies(), path: "/" };
  if (decision.admitted) {
    const response = goBack();
    response.headers.set(ROOM_HEADER, "admitted");
    response.cookies.set(PASS_COOKIE, signToken(secret, { kind: "pass", exp: now + config.passMs }), { ...cookie, maxAge: Math.floor(config.passMs / 1000) });
    response.cookies.delete(TICKET_COOKIE);
    return response;
  }
  const retrySeconds = Math.min(30, Math.max(3, Math.ceil(decision.waitSeconds / 4)));
  const response = new NextResponse(waitingPageHtml({ locale, next, retrySeconds, ahead: decision.ahead, waitSeconds: decision.waitSeconds }), {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(retrySeconds), [ROOM_HEADER]: "queued" },
  });
  response.cookies.set(TICKET_COOKIE, signToken(secret, { kind: "ticket", ticket: decision.ticket, exp: now + TICKET_HOURS * 3600_000 }), {
    ...cookie,
    maxAge: TICKET_HOURS * 3600,
  });
  return response;
}
