// The LIFF ID token, checked by LINE itself (POST /oauth2/v2.1/verify with our LINE Login
// channel id): the only way the server learns which LINE user opened the LIFF page. A token
// LINE does not confirm — forged, expired, or issued for another channel — is refused.
import type { LineConfig } from "./config";

export type IdTokenResult =
  | { ok: true; lineUserId: string; name: string | null }
  | { ok: false; reason: "not_configured" | "invalid" | "unavailable" };

/** A LINE user id: "U" and 32 hexadecimal digits. */
export const LINE_USER_ID = /^U[0-9a-f]{32}$/;

interface VerifyResponse {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  name?: unknown;
}

export async function verifyLineIdToken(config: LineConfig, idToken: string, now = new Date()): Promise<IdTokenResult> {
  if (!config.loginChannelId) return { ok: false, reason: "not_configured" };
  if (!idToken || idToken.length > 4096) return { ok: false, reason: "invalid" };
  let response: Response;
  try {
    response = await fetch(`${config.apiBaseUrl}/oauth2/v2.1/verify`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ id_token: idToken, client_id: config.loginChannelId }).toString(),
      signal: AbortSignal.timeout(5000),
    });
  } catch (e) {
    console.error("[line] ID token verify unreachable", e instanceof Error ? e.message : e);
    return { ok: false, reason: "unavailable" };
  }
  // LINE answers 400 for a bad, expired or foreign token; anything 5xx is LINE's trouble.
  if (response.status >= 500) return { ok: false, reason: "unavailable" };
  if (!response.ok) return { ok: false, reason: "invalid" };
  const body = (await response.json().catch(() => null)) as VerifyResponse | null;
  // LINE checked audience and expiry already; checked again so a misbehaving proxy cannot widen it.
  if (
    !body ||
    typeof body.sub !== "string" ||
    !LINE_USER_ID.test(body.sub) ||
    String(body.aud) !== config.loginChannelId ||
    typeof body.exp !== "number" ||
    body.exp * 1000 <= now.getTime()
  ) {
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, lineUserId: body.sub, name: typeof body.name === "string" ? body.name : null };
}
