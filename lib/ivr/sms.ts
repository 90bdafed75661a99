// The SMS confirmation through Twilio's Messages API (one form POST; the base URL is
// configurable so tests talk to a fake server on 127.0.0.1).
import type { IvrConfig } from "./config";

/**
 * A Japanese mobile number (070 / 080 / 090) in E.164: only these take an SMS. Not a landline,
 * nor a withheld number (see caller.ts).
 */
export function smsReachable(from: string | null): from is string {
  return from !== null && /^\+81[789]0[0-9]{8}$/.test(from);
}

export async function sendSms(config: IvrConfig, message: { to: string; from: string; body: string }): Promise<boolean> {
  if (!config.accountSid || !config.authToken) return false;
  const url = `${config.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ To: message.to, From: message.from, Body: message.body }).toString(),
      // The caller is waiting on the line.
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) {
      // Twilio's error code only: its message may quote the phone number.
      const error = (await response.json().catch(() => null)) as { code?: unknown } | null;
      console.error("[ivr] SMS refused by Twilio", response.status, error?.code ?? "");
      return false;
    }
    return true;
  } catch (e) {
    console.error("[ivr] SMS not sent", e instanceof Error ? e.message : e);
    return false;
  }
}
