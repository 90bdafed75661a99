// Next 16's proxy (the card's middleware.ts; Next 16 renamed the convention and warns on
// middleware.ts). Two optimistic checks, neither of which touches the database:
// - /admin: anonymous visitors go to the login page. The security boundary is requireStaff()
//   in every server action and page.
// - resident pages: without a waiting-room pass, the resident goes to /waiting, which lets
//   them in or queues them in arrival order (lib/admission). The pass is renewed while they
//   browse, so nobody is sent back to the queue in the middle of a booking. Staff pages,
//   the phone line and LINE's webhook are never queued.
// - /offers/<token> (a waitlist offer's link) is deliberately not matched: its seat is held for
//   minutes only, so it is never queued, and the token is its credential, so no login either.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { admissionConfig } from "@/lib/admission/config";
import { PASS_COOKIE, signToken, verifyToken } from "@/lib/admission/token";

function secret(): string | undefined {
  return process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
}

async function guardConsole(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/admin/login" || pathname.startsWith("/admin/login/")) return NextResponse.next();
  const key = secret();
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

function admitResident(request: NextRequest) {
  const config = admissionConfig();
  const key = secret();
  if (!config.enabled || !key) return NextResponse.next();
  const now = Date.now();
  const pass = verifyToken(key, request.cookies.get(PASS_COOKIE)?.value, now);
  if (pass?.kind !== "pass") {
    const waiting = new URL("/waiting", request.url);
    waiting.searchParams.set("next", request.method === "GET" ? request.nextUrl.pathname + request.nextUrl.search : request.nextUrl.pathname);
    return NextResponse.redirect(waiting, 303);
  }
  const response = NextResponse.next();
  if (pass.exp - now < config.passMs / 2) {
    response.cookies.set(PASS_COOKIE, signToken(key, { kind: "pass", exp: now + config.passMs }), {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false",
      path: "/",
      maxAge: Math.floor(config.passMs / 1000),
    });
  }
  return response;
}

export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/admin")) return guardConsole(request);
  return admitResident(request);
}

export const config = {
  matcher: [
    "/admin/:path*",
    "/login/:path*",
    "/mypage/:path*",
    "/slots/:path*",
    "/venues/:path*",
    "/today/:path*",
    "/book/:path*",
    "/reservations/:path*",
    "/liff/:path*",
  ],
};
