// A small fake LINE Platform on 127.0.0.1 for tests (and the e2e run): the Messaging API
// (reply, push, rich menu), the data API (rich menu image) and LINE Login's ID-token verify,
// recording every call. Point LINE_API_BASE_URL and LINE_API_DATA_BASE_URL at `url`.
//
// ID tokens: "fake.<LINE user id>" (see fakeIdToken) verifies as that user for the configured
// login channel; anything else is refused like LINE refuses a bad token (400).
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeLineCall {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, the form fields for form posts, or { bytes, contentType } for binary uploads. */
  body: unknown;
}

export interface FakeLineOptions {
  port?: number;
  channelAccessToken?: string;
  loginChannelId?: string;
}

export interface FakeLine {
  url: string;
  calls: FakeLineCall[];
  /** Calls to one path (e.g. "/v2/bot/message/reply"). */
  callsTo: (path: string) => FakeLineCall[];
  /** Push requests answered 500 from now on (LINE trouble), until set back to 0. */
  failPushes: (count: number) => void;
  reset: () => void;
  close: () => Promise<void>;
}

export function fakeIdToken(lineUserId: string): string {
  return `fake.${lineUserId}`;
}

/** A LINE user id of the right shape: "U" and 32 hexadecimal digits. */
export function fakeLineUserId(n: number): string {
  return `U${n.toString(16).padStart(32, "0")}`;
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeLine(options: FakeLineOptions = {}): Promise<FakeLine> {
  const accessToken = options.channelAccessToken ?? "test-channel-access-token";
  const loginChannelId = options.loginChannelId ?? "1657000000";
  const calls: FakeLineCall[] = [];
  const retryKeys = new Set<string>();
  const richMenus = new Map<string, unknown>();
  let pushFailures = 0;

  const server = http.createServer(async (request, response) => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? "/", "http://fake");
    const path = url.pathname;
    const contentType = request.headers["content-type"] ?? "";
    let body: unknown = null;
    if (contentType.startsWith("application/json")) body = raw.length ? JSON.parse(raw.toString("utf8")) : null;
    else if (contentType.startsWith("application/x-www-form-urlencoded")) body = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
    else if (raw.length) body = { bytes: raw.length, contentType };
    calls.push({ method: request.method ?? "", path, headers: request.headers, body });

    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "Content-Type": "application/json", ...headers });
      response.end(JSON.stringify(json));
    };

    if (path === "/oauth2/v2.1/verify" && request.method === "POST") {
      const form = (body ?? {}) as Record<string, string>;
      const token = form.id_token ?? "";
      const sub = token.startsWith("fake.") ? token.slice(5) : null;
      if (!sub || !/^U[0-9a-f]{32}$/.test(sub)) return send(400, { error: "invalid_request", error_description: "Invalid IdToken." });
      if (form.client_id !== loginChannelId) return send(400, { error: "invalid_request", error_description: "Invalid IdToken Audience." });
      const iat = Math.floor(Date.now() / 1000);
      return send(200, { iss: "https://access.line.me", sub, aud: loginChannelId, exp: iat + 3600, iat, amr: ["linesso"], name: "テスト 利用者" });
    }

    if (request.headers.authorization !== `Bearer ${accessToken}`) {
      return send(401, { message: "Authentication failed. Confirm that the access token in the authorization header is valid." });
    }
    const requestId = randomUUID();
    if (path === "/v2/bot/message/reply" && request.method === "POST") return send(200, { sentMessages: [] }, { "x-line-request-id": requestId });
    if (path === "/v2/bot/message/push" && request.method === "POST") {
      if (pushFailures > 0) return send(500, { message: "An error occurred in the server." });
      const key = request.headers["x-line-retry-key"];
      if (typeof key === "string") {
        // LINE accepts a push with a given retry key once; a retry gets 409 with the first request's id.
        if (retryKeys.has(key)) return send(409, { message: "The retry key is already accepted" }, { "x-line-accepted-request-id": requestId });
        retryKeys.add(key);
      }
      return send(200, { sentMessages: [{ id: requestId }] }, { "x-line-request-id": requestId });
    }
    if (path === "/v2/bot/richmenu" && request.method === "POST") {
      const richMenuId = `richmenu-${randomUUID().replace(/-/g, "")}`;
      richMenus.set(richMenuId, body);
      return send(200, { richMenuId });
    }
    if (path === "/v2/bot/richmenu/list" && request.method === "GET") {
      return send(200, { richmenus: [...richMenus].map(([richMenuId, menu]) => ({ richMenuId, ...(menu as object) })) });
    }
    const content = path.match(/^\/v2\/bot\/richmenu\/([^/]+)\/content$/);
    if (content && request.method === "POST") {
      if (!richMenus.has(content[1]!)) return send(404, { message: "Not found" });
      if (raw.length > 1024 * 1024) return send(400, { message: "The image is too large" });
      return send(200, {});
    }
    const setDefault = path.match(/^\/v2\/bot\/user\/all\/richmenu\/([^/]+)$/);
    if (setDefault && request.method === "POST") return send(richMenus.has(setDefault[1]!) ? 200 : 404, {});
    const remove = path.match(/^\/v2\/bot\/richmenu\/([^/]+)$/);
    if (remove && request.method === "DELETE") return send(richMenus.delete(remove[1]!) ? 200 : 404, {});
    return send(404, { message: "Not found" });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (path) => calls.filter((call) => call.path === path),
    failPushes: (count) => {
      pushFailures = count;
    },
    reset: () => {
      calls.length = 0;
      pushFailures = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
