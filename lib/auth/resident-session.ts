// The resident's session: a short-lived, encrypted and signed cookie (next-auth's JWT
// encoding with its own salt), separate from the staff session. Stateless: any app
// instance can read it.
import { decode, encode } from "next-auth/jwt";
import { authSecret } from "./secret";

export const RESIDENT_COOKIE = "resident_session";
export const RESIDENT_SESSION_SECONDS = 30 * 60;
const SALT = "vaccine-resident-session";

export interface ResidentSession {
  voucherId: number;
  channel: "web" | "line";
}

export async function encodeResidentSession(session: ResidentSession, maxAge = RESIDENT_SESSION_SECONDS): Promise<string> {
  return encode({ token: { sub: String(session.voucherId), channel: session.channel }, secret: authSecret(), salt: SALT, maxAge });
}

/** The session in a cookie value, or null when it is missing, forged, tampered with or expired. */
export async function decodeResidentSession(value: string | undefined | null): Promise<ResidentSession | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: authSecret(), salt: SALT });
    const voucherId = Number(token?.sub);
    if (!token || !Number.isInteger(voucherId) || voucherId <= 0) return null;
    return { voucherId, channel: token.channel === "line" ? "line" : "web" };
  } catch {
    return null;
  }
}
