// The resident's session as pages and actions read it (the door; lib/auth owns the cookie format).
import { cookies, headers } from "next/headers";
import { decodeResidentSession, encodeResidentSession, RESIDENT_COOKIE, RESIDENT_SESSION_SECONDS, type ResidentSession } from "@/lib/auth/resident-session";

export async function currentResident(): Promise<ResidentSession | null> {
  return decodeResidentSession((await cookies()).get(RESIDENT_COOKIE)?.value);
}

function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false";
}

export async function startResidentSession(session: ResidentSession): Promise<void> {
  (await cookies()).set(RESIDENT_COOKIE, await encodeResidentSession(session), {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: RESIDENT_SESSION_SECONDS,
  });
}

export async function endResidentSession(): Promise<void> {
  (await cookies()).delete(RESIDENT_COOKIE);
}

/**
 * The client's address for throttling. Behind TRUSTED_PROXY_HOPS reverse proxies (default 1:
 * the load balancer), the entry that many places from the right of X-Forwarded-For was written
 * by our own proxy; entries further left are whatever the client sent and could be forged.
 */
export async function clientAddress(): Promise<string> {
  return clientAddressFrom(await headers(), Number(process.env.TRUSTED_PROXY_HOPS ?? "1"));
}

export function clientAddressFrom(h: Headers, trustedHops: number): string {
  const hops = Number.isInteger(trustedHops) && trustedHops >= 0 ? trustedHops : 1;
  const forwarded = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (hops > 0 && forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - hops)]!;
  return h.get("x-real-ip")?.trim() || "direct";
}
