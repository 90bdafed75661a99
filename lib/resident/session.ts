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

/** The client's address for throttling: the first X-Forwarded-For hop set by our reverse proxy. */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}
