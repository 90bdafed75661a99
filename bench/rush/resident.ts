// A virtual resident speaking HTTP as the browser does: cookies, the waiting room, the login
// and booking server actions (called with the same wire format React's client uses), and the
// pages in between. Every request's latency and status is recorded.
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

// Resolved from the project root, so that this works under tsx and under jest alike.
const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
// React's own encoder for server-action arguments, from the copy bundled with Next.
const { encodeReply } = requireFromRoot("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};
// The router's `_rsc` parameter, which the server checks against the request's router headers.
const { computeCacheBustingSearchParam } = requireFromRoot("next/dist/shared/lib/router/utils/cache-busting-search-param.js") as {
  computeCacheBustingSearchParam: (prefetch?: string, segmentPrefetch?: string, stateTree?: string, nextUrl?: string) => Promise<string>;
};

/** A route segment as Next's router state names it: "login", or a dynamic one as [name, value, "d", null]. */
export type Segment = string | [string, string, "d", null];

/** The router's state tree (Next-Router-State-Tree) of the page at `segments` under the root layout. */
export function routerStateTree(segments: Segment[]): string {
  let node: unknown[] = ["__PAGE__", {}];
  for (const segment of [...segments].reverse()) node = [segment, { children: node }];
  return encodeURIComponent(JSON.stringify(["", { children: node }, null, null]));
}

export interface Sample {
  kind: string;
  ms: number;
  status: number;
  /** For a failed request (5xx, or no answer at all): did the resident get a clear answer? */
  clear?: boolean;
  /** When the request started (performance.now(); the rush makes it relative to its start). */
  at: number;
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Keep-alive connections per instance, as a browser keeps its connection to the site. node:http
 * rather than fetch: the load generator shares the two cores with the app, and undici's fetch
 * (WHATWG streams, AbortSignal, Request objects) took about twice node:http's CPU per request in
 * bench/rush/burst.ts (160–380 against 90–190 ms for 256 requests), CPU the app's answers then
 * waited for. A browser on the resident's own device costs the server nothing.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** `init.body` as bytes and its content type (FormData as multipart, the way fetch would send it). */
async function encodeBody(body: RequestInit["body"]): Promise<{ bytes: Buffer; type: string | null } | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return { bytes: Buffer.from(body), type: "text/plain;charset=UTF-8" };
  const encoded = new Response(body as BodyInit);
  return { bytes: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get("content-type") };
}

type Exchange = { status: number; headers: Headers; body: Buffer };

/**
 * One HTTP exchange without following redirects: status, headers (Set-Cookie kept apart) and body.
 * A request sent on a kept-alive connection that the server closed at that moment (its
 * keep-alive timeout, 5 s, against a queued page checking again every 2–30 s) fails before any
 * answer: it is sent again once on a new connection, as browsers do (Node's documentation of
 * `request.reusedSocket` shows the same). The server never saw the first one.
 */
async function send(url: string, init: RequestInit, headers: Headers): Promise<Exchange> {
  const payload = await encodeBody(init.body);
  if (payload?.type && !headers.has("content-type")) headers.set("content-type", payload.type);
  const outgoing: Record<string, string> = {};
  headers.forEach((value, name) => (outgoing[name] = value));
  if (payload) outgoing["content-length"] = String(payload.bytes.length);
  try {
    return await exchange(url, init.method ?? "GET", outgoing, payload?.bytes);
  } catch (e) {
    if (!(e instanceof StaleConnection)) throw e;
    return exchange(url, init.method ?? "GET", outgoing, payload?.bytes);
  }
}

/** The server had closed the kept-alive connection the request went out on: nothing reached it. */
class StaleConnection extends Error {}

function exchange(url: string, method: string, outgoing: Record<string, string>, bytes: Buffer | undefined): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { method, headers: outgoing, agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const answer = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) answer.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        resolve({ status: res.statusCode ?? 0, headers: answer, body: Buffer.concat(chunks) });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", (e: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !answered && (e.code === "ECONNRESET" || e.code === "EPIPE");
      reject(stale ? new StaleConnection(e.message) : e);
    });
    req.end(bytes);
  });
}

/** What the app says when it cannot work for a moment (app/error.tsx, the waiting room's 503 page). */
const CLEAR_FAILURE = /ただいまご利用いただけません|ただいま接続しにくくなっています/;

/**
 * A 5xx is a clear answer when the resident sees a Japanese explanation: an HTML page saying so;
 * Next's error shell (`<html id="__next_error__">`, a page that failed to render), which the
 * browser hydrates into app/error.tsx (checked in Chromium: 「ただいまご利用いただけません」);
 * or a server action's error, which React's client throws into the same app/error.tsx.
 */
function clearFailure(headers: Headers, body: string): boolean {
  const type = headers.get("content-type") ?? "";
  if (type.includes("text/x-component")) return /"digest"/.test(body);
  return CLEAR_FAILURE.test(body) || body.includes('<html id="__next_error__"');
}

export interface Answer {
  /** Where the action sent the resident (x-action-redirect), if anywhere. */
  redirect: string | null;
  /** The message the action's state carried (a refusal), if any. */
  message: string | null;
  status: number;
}

/** The `message` of the state a server action returned, from its RSC payload. */
export function stateMessage(text: string): string | null {
  const found = /"message":("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
  return found ? (JSON.parse(found) as string) : null;
}

function jsonOrNull<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Where a booking action's `done` state sends the browser, from its RSC payload. */
export function doneHref(text: string): string | null {
  if (!text.includes('"stage":"done"')) return null;
  const found = /"href":("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
  return found ? (JSON.parse(found) as string) : null;
}

export interface ActionIds {
  /** The login form's server action (used without JavaScript; the script posts to /login/submit). */
  login: string;
  book: string;
}

export class Resident {
  private cookies = new Map<string, string>();
  readonly samples: Sample[] = [];
  waitedMs = 0;

  /**
   * `address` stands for the resident's own IP as a load balancer would pass it on
   * (X-Forwarded-For, TRUSTED_PROXY_HOPS=1): without it every virtual resident would share
   * 127.0.0.1 and meet the per-address login limit after 60 logins.
   */
  constructor(
    readonly base: string,
    private readonly actions: ActionIds,
    private readonly address?: string,
  ) {}

  /** A cookie as if the app had set it (bench set-up: a waiting-room pass signed with the instances' secret). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(headers: Headers): void {
    for (const c of headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(kind: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    if (this.address) headers.set("x-forwarded-for", this.address);
    const t0 = performance.now();
    const at = t0;
    let res: Exchange;
    try {
      // A browser gives up too: no answer in REQUEST_TIMEOUT_MS counts as no answer at all.
      res = await send(this.base + path, init, headers);
    } catch (e) {
      this.samples.push({ kind, ms: performance.now() - t0, status: 0, clear: false, at });
      throw e;
    }
    const sample: Sample = { kind, ms: performance.now() - t0, status: res.status, at };
    if (res.status >= 500) sample.clear = clearFailure(res.headers, res.body.toString("utf8"));
    this.samples.push(sample);
    this.keepCookies(res.headers);
    return new Response(res.status === 204 || res.status === 304 ? null : new Uint8Array(res.body), { status: res.status, headers: res.headers });
  }

  /**
   * GET with redirects followed by hand (cookies kept at each hop), through the waiting room.
   * The waiting room's page reloads itself, also when it says the database is unreachable (503);
   * a resident gives up after `patienceMs` there.
   */
  async page(kind: string, path: string, patienceMs = 120_000): Promise<Response> {
    let target = path;
    const end = performance.now() + patienceMs;
    for (let hop = 0; hop < 10; hop++) {
      const res = await this.request(target.startsWith("/waiting") ? "waiting" : kind, target);
      // The waiting room answers at /waiting, or in place of the page for a visitor without a pass
      // (proxy.ts): its answers are the queue, counted apart from the pages.
      // Let in at a page, the page itself follows in the same answer: that one counts as the page.
      const room = res.headers.get("x-waiting-room");
      if (room && (room !== "admitted" || (res.status >= 300 && res.status < 400))) this.samples.at(-1)!.kind = "waiting";
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get("location")!;
        target = location.startsWith("http") ? new URL(location).pathname + new URL(location).search : location;
        if (target.startsWith("/waiting")) this.samples.at(-1)!.kind = "waiting";
        continue;
      }
      if ((room === "queued" || room === "unavailable") && performance.now() < end) {
        // In the queue: the page refreshes itself after Retry-After seconds (its meta refresh says the same,
        // to /waiting), and so does this resident, as the browser would.
        const retryAfter = Number(res.headers.get("retry-after"));
        const t0 = performance.now();
        await new Promise((r) => setTimeout(r, (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1) * 1000));
        this.waitedMs += performance.now() - t0;
        if (!target.startsWith("/waiting")) target = `/waiting?next=${encodeURIComponent(target)}`;
        hop--;
        continue;
      }
      return res;
    }
    throw new Error(`too many redirects from ${path}`);
  }

  /** Calls a server action the way the React client does; returns the response and its redirect, if any. */
  async action(kind: string, path: string, actionId: string, args: unknown[]): Promise<{ res: Response; text: string; redirect: string | null }> {
    const body = await encodeReply(args);
    const res = await this.request(kind, path, {
      method: "POST",
      headers: { "Next-Action": actionId, Accept: "text/x-component" },
      body: body as BodyInit,
    });
    const text = await res.text();
    const redirect = res.headers.get("x-action-redirect")?.split(";")[0] ?? null;
    return { res, text, redirect };
  }

  /**
   * A client-side navigation as Next's router makes it after a login or a booking: the page's RSC
   * payload (`RSC: 1`, `_rsc`), with the state tree of the page it leaves (`from`), so that the
   * server renders only the segments that change, as for the browser. Without `from` the server
   * renders the whole tree, layout included.
   */
  async navigate(kind: string, path: string, from?: Segment[]): Promise<Response> {
    const headers: Record<string, string> = { RSC: "1" };
    if (from) headers["Next-Router-State-Tree"] = routerStateTree(from);
    const hash = await computeCacheBustingSearchParam(undefined, undefined, headers["Next-Router-State-Tree"], undefined);
    return this.request(kind, `${path}${path.includes("?") ? "&" : "?"}_rsc${hash ? `=${hash}` : ""}`, { headers });
  }

  /** The login page, then the form's script: POST /login/submit (JSON), and on to My page as the router goes. */
  async login(voucherNumber: string, birthDate: string): Promise<Answer> {
    await this.page("login-page", "/login");
    return this.submitLogin(voucherNumber, birthDate);
  }

  /** The login form's submit (see login); `follow: false` stops before My page. */
  async submitLogin(voucherNumber: string, birthDate: string, follow = true): Promise<Answer> {
    const [year, month, day] = birthDate.split("-");
    const form = new FormData();
    form.set("voucherNumber", voucherNumber);
    form.set("year", year!);
    form.set("month", String(Number(month)));
    form.set("day", String(Number(day)));
    const res = await this.request("login", "/login/submit", { method: "POST", body: form, headers: { Accept: "application/json" } });
    const text = await res.text();
    const body = res.ok && res.headers.get("content-type")?.includes("application/json") ? jsonOrNull<{ redirect?: string; message?: string }>(text) : null;
    if (!body) {
      // As the form does: no JSON answer (an error, the waiting room) → the server action, whose
      // answer is what the resident sees (app/error.tsx on an error).
      const sample = this.samples.at(-1)!;
      const fallback = await this.action("login", "/login", this.actions.login, [null, form]);
      if (sample.status >= 500) sample.clear = fallback.res.status < 500 || this.samples.at(-1)!.clear === true;
      return { redirect: fallback.redirect, message: stateMessage(fallback.text), status: fallback.res.status };
    }
    if (body.redirect && follow) await this.navigate("mypage", body.redirect, ["(resident)", "login"]);
    return { redirect: body.redirect ?? null, message: body.message ?? null, status: res.status };
  }

  private bookingForm(slotId: number, step: "review" | "confirm", key?: string): FormData {
    const form = new FormData();
    form.set("slotId", String(slotId));
    form.set("step", step);
    if (key) form.set("idempotencyKey", key);
    for (const [k, v] of Object.entries({ kanaName: "ヤマダ タロウ", phone: "090-1234-5678", email: "" })) form.set(k, v);
    return form;
  }

  /**
   * One step of the booking form as its script sends it: POST /book/{slot}/submit (JSON, the
   * form's next state); no JSON answer (an error, the waiting room) → the server action, as the
   * form falls back to it. Both answers carry the state's fields as JSON text.
   */
  private async bookingStep(kind: string, slotId: number, form: FormData): Promise<{ status: number; text: string; redirect: string | null }> {
    const res = await this.request(kind, `/book/${slotId}/submit`, { method: "POST", body: form, headers: { Accept: "application/json" } });
    const text = await res.text();
    if (res.ok && res.headers.get("content-type")?.includes("application/json")) return { status: res.status, text, redirect: null };
    const sample = this.samples.at(-1)!;
    const fallback = await this.action(kind, `/book/${slotId}`, this.actions.book, [{ stage: "input" }, form]);
    if (sample.status >= 500) sample.clear = fallback.res.status < 500 || this.samples.at(-1)!.clear === true;
    return { status: fallback.res.status, text: fallback.text, redirect: fallback.redirect };
  }

  /** The booking page and its review step, as the form does: the one-time key, or the refusal. */
  async review(slotId: number, loadPage = true): Promise<{ key: string | null; answer: Answer }> {
    if (loadPage) await this.page("book-page", `/book/${slotId}`);
    const { status, text, redirect } = await this.bookingStep("book-review", slotId, this.bookingForm(slotId, "review"));
    const key = /"idempotencyKey":"([A-Za-z0-9_-]+)"/.exec(text)?.[1] ?? null;
    return { key, answer: { redirect, message: stateMessage(text), status } };
  }

  /**
   * Presses 確定 with the one-time key `key`. Booked, the form's next state says where to go
   * (`stage: "done"`), and the browser goes there as the router does; `follow: false` stops
   * before that (a double submit's second press, whose page the first one's replaces).
   */
  async confirm(slotId: number, key: string, follow = true): Promise<Answer> {
    const { status, text, redirect } = await this.bookingStep("book-confirm", slotId, this.bookingForm(slotId, "confirm", key));
    const href = redirect ?? doneHref(text);
    if (href && follow) await this.navigate("reservation", href, ["(resident)", "book", ["slotId", String(slotId), "d", null]]);
    return { redirect: href, message: stateMessage(text), status };
  }
}
