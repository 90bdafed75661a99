// Next 16's proxy (the card's middleware.ts; Next 16 renamed the convention and warns on
// middleware.ts; it runs in Node, in the app's process). Two checks:
// - /admin: anonymous visitors go to the login page. The security boundary is requireStaff()
//   in every server action and page.
// - resident pages: without a waiting-room pass, the waiting room answers in the page's place
//   (lib/admission/room.ts, the gate in PostgreSQL): it lets them in or queues them in arrival
//   order. The pass is renewed while they
//   browse, so nobody is sent back to the queue in the middle of a booking. Staff pages,
//   the phone line and LINE's webhook are never queued.
// - /offers/<token> (a waitlist offer's link) is deliberately not matched: its seat is held for
//   minutes only, so it is never queued, and the token is its credential, so no login either.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { admissionConfig } from "@/lib/admission/config";
import { passCookie, waitingRoom } from "@/lib/admission/room";
import { PASS_COOKIE, verifyToken } from "@/lib/admission/token";
import { configuredAuthSecret } from "@/lib/auth/secret";

async function guardConsole(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/admin/login" || pathname.startsWith("/admin/login/")) return NextResponse.next();
  const key = configuredAuthSecret();
  let token = null;
  try {
    token = key ? await getToken({ req: request, secret: key }) : null;
  } catch {
    token = null;
  }
  if (!token) {
    const login = new URL("/admin/login", request.url);
    login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

async function admitResident(request: NextRequest) {
  const config = admissionConfig();
  const key = configuredAuthSecret();
  if (!config.enabled || !key) return NextResponse.next();
  const now = Date.now();
  const pass = verifyToken(key, request.cookies.get(PASS_COOKIE)?.value, now);
  if (pass?.kind !== "pass") {
    if (request.method === "GET") {
      // A page: the waiting room answers here, in the page's place: let in, the page itself follows
      // in the same request; queued, the room's page. One request per arrival instead of a redirect
      // and then /waiting (hundreds arrive in the same second when booking opens). A rewrite to
      // /waiting was measured dearer than the redirect (docs/rush.md).
      return waitingRoom(request, config, key, request.nextUrl.pathname + request.nextUrl.search, () => NextResponse.next());
    }
    // Anything else (a form's POST) is sent to the waiting room.
    const waiting = new URL("/waiting", request.url);
    waiting.searchParams.set("next", request.nextUrl.pathname);
    return NextResponse.redirect(waiting, 303);
  }
  const response = NextResponse.next();
  if (pass.exp - now < config.passMs / 2) passCookie(response, key, config, now);
  return response;
}

export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/admin")) return guardConsole(request);
  return admitResident(request);
}

export const config = {
  matcher: [
    "/admin/:path*",
    // Not /login/submit nor /book/{slot}/submit: the forms' JSON routes check the pass themselves
    // (lib/http/form-post.ts refusePost); the proxy's own handling cost them more than their work.
    "/login",
    "/mypage/:path*",
    "/slots/:path*",
    "/venues/:path*",
    "/today/:path*",
    "/book/:slotId",
    "/book/:slotId/family/:path*",
    "/book/:slotId/set/:path*",
    "/reservations/:path*",
    "/liff/:path*",
  ],
};
