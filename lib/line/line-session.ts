// Which LINE user the LIFF pages are serving: a short-lived, encrypted and signed cookie set
// only after LINE confirmed the user's ID token (app/api/line/liff-session). Separate from the
// resident session, which names the voucher.
import { decode, encode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/secret";
import { LINE_USER_ID } from "./id-token";

export const LINE_SESSION_COOKIE = "line_session";
export const LINE_SESSION_SECONDS = 30 * 60;
const SALT = "vaccine-line-session";

export async function encodeLineSession(lineUserId: string, maxAge = LINE_SESSION_SECONDS): Promise<string> {
  return encode({ token: { sub: lineUserId }, secret: authSecret(), salt: SALT, maxAge });
}

/** The LINE user id in a cookie value, or null when it is missing, forged, tampered with or expired. */
export async function decodeLineSession(value: string | undefined | null): Promise<string | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: authSecret(), salt: SALT });
    return typeof token?.sub === "string" && LINE_USER_ID.test(token.sub) ? token.sub : null;
  } catch {
    return null;
  }
}

export function lineSessionCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false",
    path: "/",
    maxAge: LINE_SESSION_SECONDS,
  };
}
