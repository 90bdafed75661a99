// The language switcher's target: /lang?to=en&next=/mypage sets the `lang` cookie and goes back.
// Works without JavaScript; `next` must be a path on this site.
import { NextResponse, type NextRequest } from "next/server";
import { safeNext } from "@/lib/http/safe-next";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get("to");
  const locale = isLocale(to) ? to : DEFAULT_LOCALE;
  const response = NextResponse.redirect(new URL(safeNext(request.nextUrl.searchParams.get("next")), request.nextUrl.origin), 303);
  response.cookies.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  return response;
}
