// TwiML for the two shapes of answer the IVR gives: ask (speak inside a keypad <Gather>, and
// come back on no input) or finish (speak, then hang up).
import { twiml } from "twilio";
import type VoiceResponse from "twilio/lib/twiml/VoiceResponse";

type Voice = NonNullable<VoiceResponse.SayAttributes["voice"]>;

export interface GatherOptions {
  /** Where Twilio posts the digits (relative: Twilio resolves it against the URL it called). */
  action: string;
  /** Seconds of silence before the caller is taken to have pressed nothing. */
  timeout: number;
  /** Menus answer with one key; numbers end with #. */
  numDigits?: number;
}

function say(target: { say: VoiceResponse["say"] }, voice: string, lines: readonly string[]) {
  for (const line of lines) target.say({ language: "ja-JP", voice: voice as Voice }, line);
}

export function askTwiml(voice: string, lines: readonly string[], gather: GatherOptions): string {
  const response = new twiml.VoiceResponse();
  const g = response.gather({
    input: ["dtmf"],
    finishOnKey: "#",
    timeout: gather.timeout,
    action: gather.action,
    method: "POST",
    ...(gather.numDigits ? { numDigits: gather.numDigits } : {}),
  });
  say(g, voice, lines);
  // Nothing pressed: Twilio moves on to the next verb, which brings the call back to the same step.
  response.redirect({ method: "POST" }, gather.action);
  return response.toString();
}

export function hangupTwiml(voice: string, lines: readonly string[]): string {
  const response = new twiml.VoiceResponse();
  say(response, voice, lines);
  response.hangup();
  return response.toString();
}
