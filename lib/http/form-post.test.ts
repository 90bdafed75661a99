/** @jest-environment node */
// The forms' JSON routes (/login/submit, /book/{slot}/submit) are outside the proxy's matcher, so
// refusePost is what keeps another site's page and residents without a waiting-room pass out.
import { NextRequest } from "next/server";
import { PASS_COOKIE, signToken } from "@/lib/admission/token";
import { refusePost } from "./form-post";

const SECRET = "form-post-test-secret";

function post(headers: Record<string, string> = {}): NextRequest {
  return new NextRequest("http://localhost:3000/login/submit", { method: "POST", headers: { host: "localhost:3000", ...headers } });
}

function passCookie(exp: number, secret = SECRET): string {
  return `${PASS_COOKIE}=${signToken(secret, { kind: "pass", exp })}`;
}

async function answer(request: NextRequest) {
  const refused = refusePost(request);
  return refused && { status: refused.status, body: await refused.json() };
}

describe("refusePost", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.NEXTAUTH_SECRET = SECRET;
    delete process.env.ADMISSION;
  });
  afterAll(() => {
    process.env = saved;
  });

  it("lets a same-site post with a valid pass go on", async () => {
    expect(await answer(post({ origin: "http://localhost:3000", cookie: passCookie(Date.now() + 60_000) }))).toBeNull();
  });

  it("refuses another site's page with 403 forbidden, pass or not", async () => {
    expect(await answer(post({ origin: "https://evil.example", cookie: passCookie(Date.now() + 60_000) }))).toEqual({ status: 403, body: { error: "forbidden" } });
  });

  it.each([
    ["no pass at all", {}],
    ["an expired pass", { cookie: passCookie(Date.now() - 1) }],
    ["a pass signed with another secret", { cookie: passCookie(Date.now() + 60_000, "someone-else") }],
    ["a waiting ticket instead of a pass", { cookie: `${PASS_COOKIE}=${signToken(SECRET, { kind: "ticket", ticket: 3, exp: Date.now() + 60_000 })}` }],
  ])("sends %s to the waiting room (403 waiting_room, so the form falls back to its action)", async (_label, headers) => {
    expect(await answer(post(headers as Record<string, string>))).toEqual({ status: 403, body: { error: "waiting_room" } });
  });

  it("needs no pass when the waiting room is off", async () => {
    process.env.ADMISSION = "off";
    expect(await answer(post())).toBeNull();
  });
});
