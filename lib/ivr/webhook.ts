// The door for Twilio's webhooks: form parameters in, X-Twilio-Signature checked against the
// public URL (behind a reverse proxy the request's own URL is not what Twilio signed), TwiML out.
import { randomUUID } from "node:crypto";
import { validateRequest } from "twilio";
import { z } from "zod";
import { ivrConfig, type IvrConfig } from "./config";
import type { CallInput } from "./flow";
import { ivrMessages } from "./messages";
import { hangupTwiml } from "./twiml";

const twilioParams = z.object({
  CallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/),
  From: z.string().max(64).optional(),
  To: z.string().max(64).optional(),
  Digits: z.string().max(64).optional(),
  CallStatus: z.string().max(32).optional(),
});

export type TwilioParams = z.infer<typeof twilioParams>;

/** The URL Twilio requested, as it saw it: PUBLIC_BASE_URL + the path and query we received. */
export function publicRequestUrl(requestUrl: string, publicBaseUrl: string | null): string {
  if (!publicBaseUrl) return requestUrl;
  const { pathname, search } = new URL(requestUrl);
  return publicBaseUrl.replace(/\/+$/, "") + pathname + search;
}

export function callInput(params: TwilioParams): CallInput {
  return {
    callSid: params.CallSid,
    from: params.From || null,
    to: params.To || null,
    digits: params.Digits ?? null,
  };
}

export function twimlResponse(xml: string): Response {
  return new Response(xml, { headers: { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store" } });
}

function forbidden(): Response {
  return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain" } });
}

/**
 * Runs `handle` for a request Twilio signed; anything else gets 403. An unexpected error is
 * logged with an id and the caller hears an apology (a 500 would make Twilio play its own
 * English error message).
 */
export async function twilioWebhook(
  request: Request,
  handle: (params: TwilioParams, config: IvrConfig) => Promise<Response>,
): Promise<Response> {
  const config = ivrConfig();
  const raw = Object.fromEntries(new URLSearchParams(await request.text()));
  if (!config.authToken) {
    console.error("[ivr] TWILIO_AUTH_TOKEN is not set: every Twilio webhook is refused");
    return forbidden();
  }
  const signature = request.headers.get("x-twilio-signature");
  if (!signature || !validateRequest(config.authToken, signature, publicRequestUrl(request.url, config.publicBaseUrl), raw)) {
    return forbidden();
  }
  const params = twilioParams.safeParse(raw);
  if (!params.success) return new Response("Bad Request", { status: 400, headers: { "Content-Type": "text/plain" } });
  try {
    return await handle(params.data, config);
  } catch (e) {
    const requestId = randomUUID();
    console.error(`[ivr] request ${requestId} (call ${params.data.CallSid}) failed`, e);
    return twimlResponse(hangupTwiml(config.voice, [ivrMessages.systemError]));
  }
}
