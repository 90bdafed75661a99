// `npm run cli -- ivr simulate`: plays a phone call against a running server, the way Twilio
// would — POST the call's parameters (signed with TWILIO_AUTH_TOKEN), print what would be
// spoken, read the keypad from the terminal, follow <Gather> and <Redirect> — so a
// municipality can try the IVR without a phone number.
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import { getExpectedTwilioSignature } from "twilio";
import { readTwiml, type GatherVerb } from "@/lib/ivr/twiml-reader";

export type Transport = (url: string, body: string, headers: Record<string, string>) => Promise<{ status: number; text: string }>;

export interface SimulateOptions {
  /** Where requests go, e.g. http://localhost:3000. */
  serverUrl: string;
  /** The URL the server checks signatures against (its PUBLIC_BASE_URL); default serverUrl. */
  publicUrl?: string;
  /** Signs every request when set (the server refuses unsigned ones). */
  authToken?: string | null;
  from?: string;
  to?: string;
  callSid?: string;
  /** The keys pressed for a <Gather>: "" presses nothing (silence), null hangs up. */
  keypad: (gather: GatherVerb) => Promise<string | null>;
  print: (line: string) => void;
  transport?: Transport;
  /** Stops a runaway call. */
  maxRequests?: number;
}

export type CallEnd = "hangup" | "caller_hung_up" | "refused" | "too_long";

const fetchTransport: Transport = async (url, body, headers) => {
  const response = await fetch(url, { method: "POST", body, headers });
  return { status: response.status, text: await response.text() };
};

export function randomCallSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

export async function simulateCall(options: SimulateOptions): Promise<CallEnd> {
  const serverUrl = options.serverUrl.replace(/\/+$/, "");
  const publicUrl = (options.publicUrl ?? serverUrl).replace(/\/+$/, "");
  const transport = options.transport ?? fetchTransport;
  const call = {
    CallSid: options.callSid ?? randomCallSid(),
    AccountSid: `AC${"0".repeat(32)}`,
    From: options.from ?? "+819000000000",
    To: options.to ?? "+815000000000",
    Direction: "inbound",
    ApiVersion: "2010-04-01",
  };

  const post = async (path: string, params: Record<string, string>) => {
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (options.authToken) headers["X-Twilio-Signature"] = getExpectedTwilioSignature(options.authToken, publicUrl + path, params);
    return transport(serverUrl + path, new URLSearchParams(params).toString(), headers);
  };
  // Relative URLs in TwiML are resolved against the URL Twilio requested, as Twilio does.
  const pathOf = (url: string, current: string) => {
    const resolved = new URL(url, publicUrl + current);
    return resolved.pathname + resolved.search;
  };
  const finish = async (end: CallEnd) => {
    await post("/api/ivr/status", { ...call, CallStatus: "completed" }).catch(() => undefined);
    return end;
  };

  let path = "/api/ivr/voice";
  let params: Record<string, string> = { ...call, CallStatus: "ringing" };
  for (let request = 0; request < (options.maxRequests ?? 200); request++) {
    const response = await post(path, params);
    if (response.status !== 200) {
      options.print(
        response.status === 403
          ? "サーバーが署名を拒否しました (403)。TWILIO_AUTH_TOKEN と、サーバーの PUBLIC_BASE_URL（--public-url）を確認してください。"
          : `サーバーが ${response.status} を返しました: ${response.text.slice(0, 200)}`,
      );
      return "refused";
    }
    let next: { path: string; params: Record<string, string> } | null = null;
    for (const verb of readTwiml(response.text)) {
      if (verb.verb === "Say") options.print(`音声: ${verb.text}`);
      if (verb.verb === "Gather") {
        for (const text of verb.says) options.print(`音声: ${text}`);
        const keys = await options.keypad(verb);
        if (keys === null) {
          options.print("（電話を切りました）");
          return finish("caller_hung_up");
        }
        let digits = keys.replace(/[^0-9*#]/g, "");
        const finishAt = digits.indexOf(verb.finishOnKey);
        if (finishAt >= 0) digits = digits.slice(0, finishAt);
        if (verb.numDigits) digits = digits.slice(0, verb.numDigits);
        // Nothing pressed: Twilio goes on to the next verb (our <Redirect>).
        if (digits !== "" && verb.action) {
          next = { path: pathOf(verb.action, path), params: { ...call, CallStatus: "in-progress", Digits: digits } };
          break;
        }
      }
      if (verb.verb === "Redirect") {
        next = { path: pathOf(verb.url, path), params: { ...call, CallStatus: "in-progress" } };
        break;
      }
      if (verb.verb === "Hangup") break;
    }
    if (!next) {
      options.print("（通話が終了しました）");
      return finish("hangup");
    }
    path = next.path;
    params = next.params;
  }
  return finish("too_long");
}

/** The terminal side: flags, the keypad read from stdin. */
export async function runIvrSimulate(flags: Record<string, string>, out: (line: string) => void): Promise<CallEnd> {
  const serverUrl = flags["url"] ?? "http://localhost:3000";
  const authToken = process.env.TWILIO_AUTH_TOKEN || null;
  if (!authToken) out("注意: TWILIO_AUTH_TOKEN が未設定のため署名なしで送ります。サーバーは 403 で拒否します。");
  out(`${serverUrl} に電話をかけます。ボタンは数字を入力して Enter（# は省略可）。何も入力せずに Enter で「無入力」、q で電話を切ります。`);

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) });
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on("line", (line) => {
    const resolve = waiting.shift();
    if (resolve) resolve(line);
    else lines.push(line);
  });
  rl.on("close", () => {
    closed = true;
    for (const resolve of waiting.splice(0)) resolve(null);
  });
  const keypad = async (gather: GatherVerb): Promise<string | null> => {
    process.stdout.write(gather.numDigits === 1 ? "ボタン(1桁)> " : "ボタン> ");
    const line = lines.length > 0 ? lines.shift()! : closed ? null : await new Promise<string | null>((resolve) => waiting.push(resolve));
    if (line !== null && !process.stdin.isTTY) out(line);
    if (line === null || line.trim().toLowerCase() === "q") return null;
    return line.trim();
  };
  try {
    return await simulateCall({
      serverUrl,
      publicUrl: flags["public-url"] ?? process.env.PUBLIC_BASE_URL ?? serverUrl,
      authToken,
      from: flags["from"],
      to: flags["to"],
      keypad,
      print: out,
    });
  } finally {
    rl.close();
  }
}
