// The IVR's settings, read from the environment on every request (one deployment = one
// municipality = one Twilio number). See docs/ivr.md for the Twilio console side.

export interface IvrConfig {
  /** TWILIO_AUTH_TOKEN: signs every webhook (X-Twilio-Signature) and the SMS API calls. */
  authToken: string | null;
  /** PUBLIC_BASE_URL: the URL Twilio calls (behind a reverse proxy the request's own URL differs). */
  publicBaseUrl: string | null;
  /** TWILIO_ACCOUNT_SID: for the SMS API. */
  accountSid: string | null;
  /** TWILIO_API_BASE_URL: the REST API's base (a fake server in tests). */
  apiBaseUrl: string;
  /** IVR_SMS_ENABLED: offer an SMS confirmation to callers from a mobile number. */
  smsEnabled: boolean;
  /** TWILIO_SMS_FROM: the SMS sender; by default the municipality's number the caller dialled. */
  smsFrom: string | null;
  /** IVR_VOICE: the <Say> voice, e.g. Polly.Mizuki, Polly.Takumi, Google.ja-JP-Standard-A. */
  voice: string;
}

export const DEFAULT_TWILIO_API_BASE_URL = "https://api.twilio.com";
export const DEFAULT_IVR_VOICE = "Polly.Mizuki";

function env(name: string): string | null {
  const value = process.env[name]?.trim();
  return value ? value : null;
}

export function ivrConfig(): IvrConfig {
  return {
    authToken: env("TWILIO_AUTH_TOKEN"),
    publicBaseUrl: env("PUBLIC_BASE_URL"),
    accountSid: env("TWILIO_ACCOUNT_SID"),
    apiBaseUrl: (env("TWILIO_API_BASE_URL") ?? DEFAULT_TWILIO_API_BASE_URL).replace(/\/+$/, ""),
    smsEnabled: /^(1|true|yes|on)$/i.test(env("IVR_SMS_ENABLED") ?? ""),
    smsFrom: env("TWILIO_SMS_FROM"),
    voice: env("IVR_VOICE") ?? DEFAULT_IVR_VOICE,
  };
}
