// The waiting room's cookies: a signed pass (admitted until `exp`) or a signed ticket (a place
// in the queue). HMAC-SHA256 with the session secret; the proxy checks them without the database.
import { createHmac, timingSafeEqual } from "node:crypto";

export const PASS_COOKIE = "vrs_pass";
export const TICKET_COOKIE = "vrs_ticket";

export type AdmissionToken = { kind: "pass"; exp: number } | { kind: "ticket"; ticket: number; exp: number };

function signature(secret: string, body: string): string {
  return createHmac("sha256", secret).update(`admission:${body}`).digest("base64url");
}

export function signToken(secret: string, token: AdmissionToken): string {
  const body = token.kind === "pass" ? `p.${token.exp}` : `t.${token.ticket}.${token.exp}`;
  return `${body}.${signature(secret, body)}`;
}

/** The token if the signature holds and it has not expired; otherwise null. */
export function verifyToken(secret: string, value: string | undefined, nowMs: number): AdmissionToken | null {
  if (!value || value.length > 200) return null;
  const cut = value.lastIndexOf(".");
  if (cut <= 0) return null;
  const body = value.slice(0, cut);
  const given = Buffer.from(value.slice(cut + 1));
  const expected = Buffer.from(signature(secret, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const parts = body.split(".");
  let token: AdmissionToken | null = null;
  if (parts[0] === "p" && parts.length === 2) token = { kind: "pass", exp: Number(parts[1]) };
  if (parts[0] === "t" && parts.length === 3) token = { kind: "ticket", ticket: Number(parts[1]), exp: Number(parts[2]) };
  if (!token || !Number.isFinite(token.exp) || token.exp <= nowMs) return null;
  if (token.kind === "ticket" && !(Number.isSafeInteger(token.ticket) && token.ticket > 0)) return null;
  return token;
}
