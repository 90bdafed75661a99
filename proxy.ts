// Next 16's proxy (the card's middleware.ts; Next 16 renamed the convention and warns on
// middleware.ts). An optimistic check only: anonymous visitors to /admin go to the login
// page. The security boundary is requireStaff() in every server action and page.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/admin/login" || pathname.startsWith("/admin/login/")) return NextResponse.next();
  const secret = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  let token = null;
  try {
    token = secret ? await getToken({ req: request, secret }) : null;
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

export const config = {
  matcher: ["/admin/:path*"],
};
