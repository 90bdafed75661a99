// The waiting room's answer (順番待ち), shared by the proxy (a resident arriving at a page without
// a pass: answered in the page's place, in the same request) and /waiting (where the queued
// page checks again, and where a form's POST without a pass is sent). The gate in PostgreSQL
// either lets the resident in (a pass cookie) or gives them a numbered place and a light page
// that checks again by itself. Plain HTML, no JavaScript, no database work beyond the gate:
// hundreds of these are answered in the same second when booking opens.
import { NextResponse, type NextRequest } from "next/server";
import { getResidentDb } from "@/db/client";
import type { AdmissionConfig } from "./config";
import { passGate, retryAfterSeconds } from "./gate";
import { PASS_COOKIE, signToken, TICKET_COOKIE, verifyToken } from "./token";
import { waitingPageHtml } from "./waiting-page";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

const TICKET_HOURS = 3;

/**
 * What the waiting room decided (queued, admitted, unavailable). The proxy answers in place of a
 * resident page, so the address alone does not say that the answer came from here (bench/rush
 * counts these answers as the queue).
 */
export const ROOM_HEADER = "X-Waiting-Room";

function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false";
}

/** The waiting room's cookies (pass and ticket): only the server reads them, for the whole site. */
function roomCookie(maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: secureCookies(), path: "/", maxAge: maxAgeSeconds };
}

export function passCookie(response: NextResponse, secret: string, config: AdmissionConfig, now: number): void {
  response.cookies.set(PASS_COOKIE, signToken(secret, { kind: "pass", exp: now + config.passMs }), roomCookie(Math.floor(config.passMs / 1000)));
}

/**
 * Asks the gate for a resident without a pass who is going to `next`. Admitted: `admit()`'s
 * response (the page itself from the proxy, a 303 back to it from /waiting) with the pass cookie.
 * Otherwise the queue's page (200, with the ticket cookie) or, when the database cannot be
 * reached, the same page saying so (503); both check again by themselves.
 */
export async function waitingRoom(
  request: NextRequest,
  config: AdmissionConfig,
  secret: string,
  next: string,
  admit: () => NextResponse,
): Promise<NextResponse> {
  const now = Date.now();
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
  if (decision.admitted) {
    const response = admit();
    response.headers.set(ROOM_HEADER, "admitted");
    passCookie(response, secret, config, now);
    if (held) response.cookies.delete(TICKET_COOKIE);
    return response;
  }
  const retrySeconds = retryAfterSeconds(decision.waitSeconds);
  const response = new NextResponse(waitingPageHtml({ locale, next, retrySeconds, ahead: decision.ahead, waitSeconds: decision.waitSeconds }), {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(retrySeconds), [ROOM_HEADER]: "queued" },
  });
  response.cookies.set(TICKET_COOKIE, signToken(secret, { kind: "ticket", ticket: decision.ticket, exp: now + TICKET_HOURS * 3600_000 }), roomCookie(TICKET_HOURS * 3600));
  return response;
}

/**
 * Whether the request carries a valid pass (always, with admission off or no secret configured):
 * for /waiting (let in: back to the page) and the forms' JSON routes (/login/submit,
 * /book/{slot}/submit), which the proxy does not see because its handling cost a request more CPU
 * than the route's own work (docs/rush.md). Without a pass such a route answers no JSON and the
 * form falls back to its server action, whose POST the proxy sends to the waiting room.
 */
export function holdsPass(request: NextRequest, config: AdmissionConfig, secret: string | undefined): boolean {
  if (!config.enabled || !secret) return true;
  return verifyToken(secret, request.cookies.get(PASS_COOKIE)?.value, Date.now())?.kind === "pass";
}
