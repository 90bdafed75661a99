/** @jest-environment node */
import { setAppDatabase } from "@/db/client";
import { chatbotUnanswered, rateLimits } from "@/db/schema";
import { POST } from "@/app/api/chatbot/route";
import { seedDemoFaq } from "@/lib/chatbot/demo-faq";
import { CHATBOT_RATE_RULE, takeRateLimit } from "@/lib/chatbot/rate-limit";
import { setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase(async (db) => {
  await db.delete(chatbotUnanswered);
  await db.delete(rateLimits);
  await setupMunicipality(db, { callCenterPhone: "0120-000-000", callCenterHours: "毎日 9:00〜17:00" });
  await seedDemoFaq(db);
});
beforeAll(() => setAppDatabase(t));

let addressSeq = 0;
/** Each test asks from its own client address (the load balancer appends it to X-Forwarded-For). */
function client() {
  const address = `203.0.113.${++addressSeq}`;
  return (body: string | object) =>
    POST(
      new Request("http://localhost/api/chatbot", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `6.6.6.6, ${address}` },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
}

describe("POST /api/chatbot", () => {
  it("answers a question with the FAQ entry, its id and the confidence", async () => {
    const res = await client()({ message: "予約をキャンセルしたいんですけど" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["answer", "confidence", "faqId", "handoff"]);
    expect(body).toMatchObject({ faqId: "F13", handoff: false });
    expect(body.answer).toContain("マイページ");
    expect(body.confidence).toBeGreaterThan(0);
    expect(body.confidence).toBeLessThanOrEqual(1);
  });

  it("answers an English question with the English answer", async () => {
    const body = await (await client()({ message: "Is there parking at the venue?" })).json();
    expect(body).toMatchObject({ faqId: "F28", handoff: false });
    expect(body.answer).toMatch(/parking/i);
  });

  it("hands off an out-of-scope question with the call-center number and hours from the settings", async () => {
    const body = await (await client()({ message: "ゴミの収集日を教えて" })).json();
    expect(body).toMatchObject({ faqId: null, handoff: true });
    expect(body.answer).toContain("0120-000-000");
    expect(body.answer).toContain("毎日 9:00〜17:00");
    expect(body.confidence).toBeLessThan(0.5);
    const english = await (await client()({ message: "where can I recycle batteries" })).json();
    expect(english).toMatchObject({ faqId: null, handoff: true });
    expect(english.answer).toMatch(/^Sorry.*0120-000-000/);
  });

  it.each([
    ["not JSON", "{message:", "invalid_json"],
    ["an empty body", "", "invalid_json"],
    ["JSON that is not an object", "[]", "invalid_message"],
    ["no message", {}, "invalid_message"],
    ["a message that is not a string", { message: 42 }, "invalid_message"],
    ["an empty message", { message: "   " }, "invalid_message"],
    ["a message over 500 characters", { message: "あ".repeat(501) }, "too_long"],
    ["a body over 8 KB", JSON.stringify({ message: "a".repeat(9000) }), "too_long"],
  ])("answers 400 with a JSON error for %s", async (_, body, error) => {
    const res = await client()(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json).toMatchObject({ error });
    expect(json.message).toMatch(/[ぁ-んァ-ン]/);
  });

  it("accepts a message of exactly 500 characters", async () => {
    expect((await client()({ message: "予".repeat(500) })).status).toBe(200);
  });

  it("limits each client address (429 with Retry-After), not the others", async () => {
    const ask = client();
    for (let i = 0; i < CHATBOT_RATE_RULE.limit; i++) expect((await ask({ message: "駐車場はありますか" })).status).toBe(200);
    const limited = await ask({ message: "駐車場はありますか" });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(CHATBOT_RATE_RULE.windowSeconds);
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
    expect((await ask("not even JSON")).status).toBe(429); // counted before the body is read
    expect((await client()({ message: "駐車場はありますか" })).status).toBe(200);
  });
});

describe("takeRateLimit", () => {
  it("counts in PostgreSQL per key and window, and starts again when the window has passed", async () => {
    const rule = { limit: 2, windowSeconds: 60 };
    const at = new Date("2026-12-01T00:00:00Z");
    const later = (s: number) => new Date(at.getTime() + s * 1000);
    expect(await takeRateLimit(t.db, "k", rule, at)).toEqual({ ok: true, remaining: 1 });
    expect(await takeRateLimit(t.db, "k", rule, later(10))).toEqual({ ok: true, remaining: 0 });
    expect(await takeRateLimit(t.db, "k", rule, later(20))).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(await takeRateLimit(t.db, "other", rule, later(20))).toEqual({ ok: true, remaining: 1 });
    expect(await takeRateLimit(t.db, "k", rule, later(60))).toEqual({ ok: true, remaining: 1 });
  });
});
