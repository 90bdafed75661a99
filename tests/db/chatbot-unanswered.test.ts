/** @jest-environment node */
import { chatbotUnanswered, rateLimits } from "@/db/schema";
import { answerQuestion } from "@/lib/chatbot/answer";
import { seedDemoFaq } from "@/lib/chatbot/demo-faq";
import { addPhrasing } from "@/lib/chatbot/faq-store";
import { dismissUnanswered, listUnanswered, logUnanswered, scrubPersonalData } from "@/lib/chatbot/unanswered";
import { NOW, setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase(async (db) => {
  await db.delete(chatbotUnanswered);
  await db.delete(rateLimits);
  await setupMunicipality(db);
  await seedDemoFaq(db);
});

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("scrubPersonalData", () => {
  it.each([
    ["接種券番号1234567890でログインできない", "接種券番号＊＊＊でログインできない"],
    ["電話は090-1234-5678です", "電話は＊＊＊です"],
    ["０９０ １２３４ ５６７８に電話ください", "＊＊＊に電話ください"],
    ["(042)000-1001 の病院", "＊＊＊ の病院"],
    ["taro.yamada+vax@example.co.jp に送って", "＊＊＊ に送って"],
    ["〒192-0001 に住んでいます", "〒＊＊＊ に住んでいます"],
    ["1985年生まれです", "＊＊＊年生まれです"],
    ["〇九〇一二三四五六七八", "＊＊＊"],
  ])("%s", (message, expected) => {
    expect(scrubPersonalData(message)).toBe(expected);
  });

  it("keeps the short numbers a question needs", () => {
    expect(scrubPersonalData("2回目は3週間後？12歳の子ども、37.5℃")).toBe("2回目は3週間後?12歳の子ども、37.5°C");
  });
});

describe("logging what the chatbot could not answer", () => {
  it("logs a hand-off without digits or e-mail addresses, and counts the same question once", async () => {
    const message = "ペットの狂犬病の予防接種はどこ？ 0426001234 taro@example.com";
    const reply = await answerQuestion(t.db, message, { channel: "web", now: minutes(0) });
    expect(reply.handoff).toBe(true);
    await answerQuestion(t.db, `${message}！`, { channel: "line", now: minutes(5) });
    const rows = await t.db.select().from(chatbotUnanswered);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ occurrences: 2, channel: "web", handedOff: true, bestConfidence: expect.any(Number) });
    expect(rows[0]!.message).not.toMatch(/[0-9]{4}|@|taro/);
    expect(rows[0]!.message).toContain("狂犬病");
    expect(rows[0]!.lastAskedAt.toISOString()).toBe(minutes(5).toISOString());
  });

  it("does not log a confident answer", async () => {
    const reply = await answerQuestion(t.db, "予約をキャンセルしたい", { channel: "web" });
    expect(reply).toMatchObject({ handoff: false, faqId: "F13" });
    expect(await t.db.select().from(chatbotUnanswered)).toEqual([]);
  });

  it("logs an answer given with low confidence, marked as not handed off", async () => {
    await logUnanswered(t.db, { message: "ラインの友達登録のしかた", channel: "web", bestFaqId: "F45", confidence: 0.42, handedOff: false });
    const { items } = await listUnanswered(t.db);
    expect(items).toEqual([expect.objectContaining({ bestFaqId: "F45", handedOff: false, bestConfidence: expect.closeTo(0.42, 5) })]);
  });

  it("lists open questions newest first, a page at a time, and drops dismissed ones", async () => {
    for (const [i, message] of ["ペットは連れて行ける？", "会場にトイレはある？", "マスクは必要？"].entries()) {
      await logUnanswered(t.db, { message, channel: "web", bestFaqId: null, confidence: 0.1, handedOff: true }, minutes(i));
    }
    const first = await listUnanswered(t.db, { limit: 2 });
    expect(first.items.map((r) => r.message)).toEqual(["マスクは必要?", "会場にトイレはある?"]);
    const second = await listUnanswered(t.db, { limit: 2, after: first.next! });
    expect(second.items.map((r) => r.message)).toEqual(["ペットは連れて行ける?"]);
    expect(second.next).toBeNull();
    expect(await dismissUnanswered(t.db, first.items[0]!.id)).toBe(true);
    expect(await dismissUnanswered(t.db, first.items[0]!.id)).toBe(false);
    expect((await listUnanswered(t.db)).items.map((r) => r.message)).toEqual(["会場にトイレはある?", "ペットは連れて行ける?"]);
  });

  it("adding a logged question as a phrasing resolves it, and the chatbot then answers it", async () => {
    const question = "会場でトイレは使えますか";
    expect((await answerQuestion(t.db, question, { channel: "web" })).handoff).toBe(true);
    const [logged] = (await listUnanswered(t.db)).items;
    expect(await addPhrasing(t.db, "F30", logged!.message)).toMatchObject({ ok: true, added: true });
    expect((await listUnanswered(t.db)).items).toEqual([]);
    expect(await answerQuestion(t.db, question, { channel: "web" })).toMatchObject({ faqId: "F30", handoff: false });
  });
});
