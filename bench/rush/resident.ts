// A virtual resident speaking HTTP as the browser does: cookies, the waiting room, the login
// and booking server actions (called with the same wire format React's client uses), and the
// pages in between. Every request's latency and status is recorded.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// React's own encoder for server-action arguments, from the copy bundled with Next.
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

export interface Sample {
  kind: string;
  ms: number;
  status: number;
}

export interface ActionIds {
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

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
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
    let res: Response;
    try {
      res = await fetch(this.base + path, { ...init, headers, redirect: "manual" });
    } catch (e) {
      this.samples.push({ kind, ms: performance.now() - t0, status: 0 });
      throw e;
    }
    const body = await res.arrayBuffer();
    this.samples.push({ kind, ms: performance.now() - t0, status: res.status });
    this.keepCookies(res);
    return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, headers: res.headers });
  }

  /** GET with redirects followed by hand (cookies kept at each hop), through the waiting room. */
  async page(kind: string, path: string): Promise<Response> {
    let target = path;
    for (let hop = 0; hop < 10; hop++) {
      const res = await this.request(target.startsWith("/waiting") ? "waiting" : kind, target);
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get("location")!;
        target = location.startsWith("http") ? new URL(location).pathname + new URL(location).search : location;
        continue;
      }
      if (target.startsWith("/waiting") && res.status === 200) {
        // In the queue: the page refreshes itself after Retry-After seconds; we poll every second.
        const t0 = performance.now();
        await new Promise((r) => setTimeout(r, 1000));
        this.waitedMs += performance.now() - t0;
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

  async login(voucherNumber: string, birthDate: string): Promise<boolean> {
    await this.page("login-page", "/login");
    const [year, month, day] = birthDate.split("-");
    const form = new FormData();
    form.set("voucherNumber", voucherNumber);
    form.set("year", year!);
    form.set("month", String(Number(month)));
    form.set("day", String(Number(day)));
    const { redirect } = await this.action("login", "/login", this.actions.login, [{ ok: true }, form]);
    return redirect === "/mypage";
  }

  /** Review then confirm, as the booking form does. Returns the reservation path, or null if refused. */
  async book(slotId: number): Promise<string | null> {
    const path = `/book/${slotId}`;
    await this.page("book-page", path);
    const personal = { kanaName: "ヤマダ タロウ", phone: "090-1234-5678", email: "" };
    const form = new FormData();
    form.set("slotId", String(slotId));
    form.set("step", "review");
    for (const [k, v] of Object.entries(personal)) form.set(k, v);
    const review = await this.action("book-review", path, this.actions.book, [{ stage: "input" }, form]);
    const key = /"idempotencyKey":"([A-Za-z0-9_-]+)"/.exec(review.text)?.[1];
    if (!key) return null; // refused at review (e.g. the slot filled up meanwhile)
    const confirm = new FormData();
    confirm.set("slotId", String(slotId));
    confirm.set("step", "confirm");
    confirm.set("idempotencyKey", key);
    for (const [k, v] of Object.entries(personal)) confirm.set(k, v);
    const done = await this.action("book-confirm", path, this.actions.book, [{ stage: "input" }, confirm]);
    return done.redirect;
  }
}
