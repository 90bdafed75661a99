/** @jest-environment node */
// The LINE webhook against a fake LINE Platform on 127.0.0.1: signed events as LINE sends them
// (HMAC-SHA256 of the raw body with the channel secret), the replies the fake records.
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { setAppDatabase } from "@/db/client";
import { chatbotUnanswered, lineLinks, lineUsers, rateLimits } from "@/db/schema";
import { POST } from "@/app/api/line/webhook/route";
import { seedDemoFaq } from "@/lib/chatbot/demo-faq";
import { CHATBOT_RATE_RULE } from "@/lib/chatbot/rate-limit";
import { fakeLineUserId, startFakeLine, type FakeLine } from "../support/fake-line";
import { createVoucher, setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const SECRET = "test-channel-secret";
const TOKEN = "test-channel-access-token";
const LIFF_ID = "1657000000-AbCdEfGh";

const t = setUpTestDatabase(async (db) => {
  await setupMunicipality(db, { callCenterPhone: "0120-000-000", callCenterHours: "毎日 9:00〜17:00" });
  await seedDemoFaq(db);
});
let line: FakeLine;
const savedEnv = { ...process.env };
beforeAll(async () => {
  line = await startFakeLine({ channelAccessToken: TOKEN });
  Object.assign(process.env, { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LIFF_ID, LINE_API_BASE_URL: line.url, LINE_API_DATA_BASE_URL: line.url });
});
beforeEach(() => {
  setAppDatabase(t);
  line.reset();
});
afterAll(async () => {
  process.env = savedEnv;
  await line?.close();
});

let eventSeq = 0;
function event(type: string, userId: string, extra: Record<string, unknown> = {}) {
  eventSeq++;
  return {
    type,
    mode: "active",
    timestamp: Date.now(),
    source: { type: "user", userId },
    webhookEventId: `01HZEVENT${String(eventSeq).padStart(17, "0")}`,
    deliveryContext: { isRedelivery: false },
    ...(type === "unfollow" ? {} : { replyToken: `reply-token-${eventSeq}` }),
    ...extra,
  };
}
const textEvent = (userId: string, text: string) => event("message", userId, { message: { type: "text", id: String(eventSeq), quoteToken: "q", text } });

function sign(body: string, secret = SECRET) {
  return createHmac("sha256", secret).update(body).digest("base64");
}

async function deliver(events: object[], options: { signature?: string | null; body?: string } = {}) {
  const body = options.body ?? JSON.stringify({ destination: "Udestination", events });
  const headers = new Headers({ "content-type": "application/json" });
  const signature = options.signature === undefined ? sign(body) : options.signature;
  if (signature !== null) headers.set("x-line-signature", signature);
  return POST(new Request("http://localhost/api/line/webhook", { method: "POST", headers, body }));
}

interface ReplyBody {
  replyToken: string;
  messages: { type: string; text?: string; altText?: string; template?: { text: string; actions: { type: string; uri?: string; label: string }[] }; quickReply?: { items: { action: { label: string; data?: string } }[] } }[];
}
const replies = () => line.callsTo("/v2/bot/message/reply").map((call) => call.body as ReplyBody);
const allText = (reply: ReplyBody) => reply.messages.map((m) => m.text ?? m.altText ?? "").join("\n");

describe("POST /api/line/webhook", () => {
  it("welcomes a new friend with the menu and records that they follow", async () => {
    const user = fakeLineUserId(1);
    const res = await deliver([event("follow", user, { follow: { isUnblocked: false } })]);
    expect(res.status).toBe(200);
    const [reply] = replies();
    expect(reply!.replyToken).toMatch(/^reply-token-/);
    expect(reply!.messages.length).toBeLessThanOrEqual(5);
    expect(allText(reply!)).toContain("友だち追加ありがとうございます");
    expect(allText(reply!)).toContain("八王子市");
    const labels = reply!.messages.at(-1)!.quickReply!.items.map((i) => i.action.label);
    expect(labels).toEqual(["予約する", "予約の確認・キャンセル", "よくある質問", "問い合わせ"]);
    const call = line.callsTo("/v2/bot/message/reply")[0]!;
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const [row] = await t.db.select().from(lineUsers).where(eq(lineUsers.lineUserId, user));
    expect(row!.following).toBe(true);
  });

  it("answers a text message with the FAQ chatbot's answer", async () => {
    const res = await deliver([textEvent(fakeLineUserId(2), "予約をキャンセルしたいんですけど")]);
    expect(res.status).toBe(200);
    const [reply] = replies();
    expect(reply!.messages).toHaveLength(1);
    expect(reply!.messages[0]!.text).toContain("マイページ");
    expect(reply!.messages[0]!.text!.length).toBeLessThanOrEqual(5000);
  });

  it("hands off an out-of-scope question with the call-center number and hours, logged as channel line", async () => {
    await deliver([textEvent(fakeLineUserId(3), "ゴミの収集日を教えて")]);
    const text = replies()[0]!.messages[0]!.text!;
    expect(text).toContain("0120-000-000");
    expect(text).toContain("毎日 9:00〜17:00");
    const logged = await t.db.select().from(chatbotUnanswered);
    expect(logged.map((r) => r.channel)).toEqual(["line"]);
  });

  it("answers the rich menu's postbacks with LIFF links and the call center", async () => {
    const user = fakeLineUserId(4);
    await deliver([
      event("postback", user, { postback: { data: "menu=book" } }),
      event("postback", user, { postback: { data: "menu=reservations" } }),
      event("postback", user, { postback: { data: "menu=faq" } }),
      event("postback", user, { postback: { data: "menu=contact" } }),
    ]);
    const [book, reservations, faq, contact] = replies();
    expect(book!.messages[0]!.template!.actions[0]!.uri).toBe(`https://liff.line.me/${LIFF_ID}/book`);
    expect(reservations!.messages[0]!.template!.actions[0]!.uri).toBe(`https://liff.line.me/${LIFF_ID}/reservations`);
    expect(faq!.messages[0]!.text).toContain("文字で送ってください");
    expect(faq!.messages[0]!.quickReply!.items.length).toBeGreaterThan(0);
    expect(contact!.messages[0]!.text).toContain("0120-000-000");
    expect(contact!.messages[0]!.text).toContain("毎日 9:00〜17:00");
  });

  it("refuses a wrongly signed, unsigned or tampered body with 401 and does nothing", async () => {
    const user = fakeLineUserId(5);
    const body = JSON.stringify({ destination: "U", events: [event("follow", user, { follow: { isUnblocked: false } })] });
    expect((await deliver([], { body, signature: sign(body, "another-secret") })).status).toBe(401);
    expect((await deliver([], { body, signature: null })).status).toBe(401);
    expect((await deliver([], { body: body.replace("follow", "unfollow"), signature: sign(body) })).status).toBe(401);
    expect(line.calls).toHaveLength(0);
    expect(await t.db.select().from(lineUsers)).toHaveLength(0);
  });

  it("handles a redelivered event only once", async () => {
    const user = fakeLineUserId(6);
    const first = textEvent(user, "当日の持ち物は？");
    await deliver([first]);
    await deliver([{ ...first, deliveryContext: { isRedelivery: true } }]);
    expect(replies()).toHaveLength(1);
  });

  it("keeps the links on unfollow but marks the user as not following", async () => {
    const user = fakeLineUserId(7);
    await deliver([event("follow", user, { follow: { isUnblocked: false } })]);
    const voucher = await createVoucher(t.db);
    await t.db.insert(lineLinks).values({ lineUserId: user, voucherId: voucher.id });
    await deliver([event("unfollow", user)]);
    const [row] = await t.db.select().from(lineUsers).where(eq(lineUsers.lineUserId, user));
    expect(row!.following).toBe(false);
    expect(await t.db.select().from(lineLinks).where(eq(lineLinks.lineUserId, user))).toEqual([expect.objectContaining({ voucherId: voucher.id })]);
    expect(replies()).toHaveLength(1); // the welcome only: nothing is said to someone who left
  });

  it("rate-limits one LINE user's questions", async () => {
    await t.db.delete(rateLimits);
    const user = fakeLineUserId(8);
    for (let i = 0; i < CHATBOT_RATE_RULE.limit + 1; i++) await deliver([textEvent(user, "副反応が心配です")]);
    const texts = replies().map((r) => r.messages[0]!.text!);
    expect(texts).toHaveLength(CHATBOT_RATE_RULE.limit + 1);
    expect(texts.at(-1)).toContain("少し時間をおいて");
    expect(texts[0]).not.toContain("少し時間をおいて");
  });

  it("answers 503 when the channel is not configured", async () => {
    delete process.env.LINE_CHANNEL_SECRET;
    try {
      expect((await deliver([textEvent(fakeLineUserId(9), "こんにちは")])).status).toBe(503);
    } finally {
      process.env.LINE_CHANNEL_SECRET = SECRET;
    }
  });
});
