// Reads the TwiML our IVR answers (Say, Gather, Redirect, Hangup) into plain objects, for the
// terminal simulator (`npm run cli -- ivr simulate`) and the tests that play calls.

export interface GatherVerb {
  verb: "Gather";
  action: string | null;
  method: string;
  numDigits: number | null;
  finishOnKey: string;
  timeout: number;
  input: string;
  says: string[];
}

export type TwimlVerb =
  | { verb: "Say"; text: string; language: string | null; voice: string | null }
  | GatherVerb
  | { verb: "Redirect"; url: string; method: string }
  | { verb: "Hangup" }
  | { verb: "Other"; name: string };

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: (Element | string)[];
}

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity === "lt") return "<";
    if (entity === "gt") return ">";
    if (entity === "amp") return "&";
    if (entity === "quot") return '"';
    if (entity === "apos") return "'";
    return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });
}

function parse(xml: string): Element {
  const root: Element = { name: "#document", attributes: {}, children: [] };
  const stack: Element[] = [root];
  const token = /<\?[^>]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(token)) {
    const [, closing, name, attrs, selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      if (text.trim()) top.children.push(decode(text));
      continue;
    }
    if (!name) continue; // declaration or comment
    if (closing) {
      if (top.name !== name) throw new Error(`TwiML: </${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of (attrs ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]!] = decode(a[2] ?? a[3] ?? "");
    const element: Element = { name, attributes, children: [] };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`TwiML: <${stack[stack.length - 1]!.name}> is not closed`);
  return root;
}

function textOf(element: Element): string {
  return element.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}

function verbOf(element: Element): TwimlVerb {
  const a = element.attributes;
  switch (element.name) {
    case "Say":
      return { verb: "Say", text: textOf(element).trim(), language: a.language ?? null, voice: a.voice ?? null };
    case "Gather":
      // Twilio's defaults: finishOnKey #, timeout 5 s, POST, keypad and speech off unless asked.
      return {
        verb: "Gather",
        action: a.action ?? null,
        method: (a.method ?? "POST").toUpperCase(),
        numDigits: a.numDigits ? Number(a.numDigits) : null,
        finishOnKey: a.finishOnKey ?? "#",
        timeout: a.timeout ? Number(a.timeout) : 5,
        input: a.input ?? "dtmf",
        says: element.children.filter((c): c is Element => typeof c !== "string" && c.name === "Say").map((c) => textOf(c).trim()),
      };
    case "Redirect":
      return { verb: "Redirect", url: textOf(element).trim(), method: (a.method ?? "POST").toUpperCase() };
    case "Hangup":
      return { verb: "Hangup" };
    default:
      return { verb: "Other", name: element.name };
  }
}

/** The verbs of a TwiML <Response>, in order. */
export function readTwiml(xml: string): TwimlVerb[] {
  const response = parse(xml).children.find((c): c is Element => typeof c !== "string" && c.name === "Response");
  if (!response) throw new Error("TwiML: no <Response>");
  return response.children.filter((c): c is Element => typeof c !== "string").map(verbOf);
}
