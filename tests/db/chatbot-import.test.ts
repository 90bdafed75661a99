/** @jest-environment node */
import { eq, sql } from "drizzle-orm";
import { chatbotUnanswered, faqEntries, rateLimits } from "@/db/schema";
import { answerQuestion } from "@/lib/chatbot/answer";
import { seedDemoFaq } from "@/lib/chatbot/demo-faq";
import { addPhrasing, exportFaqCsv, FAQ_CHECK_INTERVAL_MS, importFaqCsv, listFaqEntries, loadFaqIndex } from "@/lib/chatbot/faq-store";
import { setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase(async (db) => {
  await db.delete(chatbotUnanswered);
  await db.delete(rateLimits);
  await setupMunicipality(db);
});

const HEADER = "ID,質問,回答,言い換え,カテゴリ";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\r\n") + "\r\n";
const GOOD = csv("F01,駐車場はありますか,無料駐車場があります。,車で行けますか|駐輪場,会場", "F02,予約をキャンセルしたい,マイページからキャンセルできます。,,変更・キャンセル");

// GOOD's two lines in Shift_JIS (CP932), as Excel in Japan saves them.
const GOOD_SHIFT_JIS = Buffer.from(
  "49442c8ebf96e22c89f1939a2c8cbe82a28ab782a62c834a83658353838a0d0a4630312c92938ed48fea82cd82a082e8" +
  "82dc82b782a92c96b397bf92938ed48fea82aa82a082e882dc82b781422c8ed482c58d7382af82dc82b782a97c929397" +
  "d68fea2c89ef8fea0d0a4630322c975c96f182f0834c83838393835a838b82b582bd82a22c837d83438379815b835782" +
  "a982e7834c83838393835a838b82c582ab82dc82b781422c2c95cf8d588145834c83838393835a838b0d0a",
  "hex",
);

async function ids() {
  return (await listFaqEntries(t.db)).map((e) => e.id);
}

describe("importFaqCsv", () => {
  it("writes a good file (UTF-8 without BOM)", async () => {
    expect(await importFaqCsv(t.db, GOOD)).toEqual({ ok: true, imported: 2, changed: 2, removed: 0 });
    const [entry] = await t.db.select().from(faqEntries).where(eq(faqEntries.id, "F01"));
    expect(entry).toMatchObject({ question: "駐車場はありますか", alternatives: ["車で行けますか", "駐輪場"], category: "会場", answerEn: null });
  });

  it("reads UTF-8 with a BOM and Shift_JIS bytes to the same entries", async () => {
    await importFaqCsv(t.db, GOOD);
    const expected = await listFaqEntries(t.db);
    await t.db.delete(faqEntries);
    expect(await importFaqCsv(t.db, Buffer.from(`\uFEFF${GOOD}`, "utf8"))).toMatchObject({ ok: true, imported: 2 });
    expect(await listFaqEntries(t.db)).toEqual(expected);
    await t.db.delete(faqEntries);
    expect(await importFaqCsv(t.db, GOOD_SHIFT_JIS)).toMatchObject({ ok: true, imported: 2 });
    expect(await listFaqEntries(t.db)).toEqual(expected);
  });

  it("refuses a file with bad rows, with every line number, and writes nothing", async () => {
    await importFaqCsv(t.db, GOOD);
    const before = await listFaqEntries(t.db);
    const result = await importFaqCsv(t.db, csv("F01,新しい質問,新しい回答,,", "F09,,回答,,", "F10,質問,,,", "F01,重複,回答,,"));
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, message: "質問が空です" },
        { line: 4, message: "回答が空です" },
        { line: 5, message: "ID「F01」は2行目と重複しています" },
      ],
    });
    expect(await listFaqEntries(t.db)).toEqual(before);
  });

  it("replaces the FAQ: entries missing from the file are removed, unchanged ones are not rewritten", async () => {
    await importFaqCsv(t.db, GOOD);
    await t.db.execute(sql`update faq_entries set updated_at = '2026-01-01T00:00:00Z'`);
    const result = await importFaqCsv(t.db, csv("F01,駐車場はありますか,無料駐車場があります。,車で行けますか|駐輪場,会場", "F03,新しい質問,新しい回答,,"));
    expect(result).toEqual({ ok: true, imported: 2, changed: 1, removed: 1 });
    expect(await ids()).toEqual(["F01", "F03"]);
    const [f01] = await t.db.select().from(faqEntries).where(eq(faqEntries.id, "F01"));
    expect(f01!.updatedAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("keeps entries missing from the file when asked to", async () => {
    await importFaqCsv(t.db, GOOD);
    await importFaqCsv(t.db, csv("F03,新しい質問,新しい回答,,"), { keepMissing: true });
    expect(await ids()).toEqual(["F01", "F02", "F03"]);
  });

  it("exports what it imports", async () => {
    await importFaqCsv(t.db, GOOD);
    const before = await listFaqEntries(t.db);
    await importFaqCsv(t.db, await exportFaqCsv(t.db));
    expect(await listFaqEntries(t.db)).toEqual(before);
  });
});

describe("the demo FAQ", () => {
  it("loads db/seed/faq-demo.csv (40+ entries), twice without change", async () => {
    const count = await seedDemoFaq(t.db);
    expect(count).toBeGreaterThanOrEqual(40);
    expect(await importFaqCsv(t.db, await exportFaqCsv(t.db))).toMatchObject({ ok: true, changed: 0, removed: 0 });
    expect(await seedDemoFaq(t.db)).toBe(count);
    expect((await answerQuestion(t.db, "駐車場ある？", { channel: "web" })).faqId).toBe("F28");
  });
});

describe("the in-memory index follows the table", () => {
  it("is rebuilt at once after an import in this process", async () => {
    await importFaqCsv(t.db, GOOD);
    expect((await answerQuestion(t.db, "副反応はありますか", { channel: "web" })).handoff).toBe(true);
    await importFaqCsv(t.db, csv("F05,どんな副反応がありますか,痛みや発熱があります。,,副反応"), { keepMissing: true });
    expect(await answerQuestion(t.db, "副反応はありますか", { channel: "web" })).toMatchObject({ faqId: "F05", handoff: false });
  });

  it("notices another instance's change by the table's fingerprint, checked at most once per interval", async () => {
    await importFaqCsv(t.db, GOOD);
    const now = Date.now();
    const first = await loadFaqIndex(t.db, now);
    // Another app instance edits an entry (this process's index is not told).
    await t.db.update(faqEntries).set({ alternatives: ["ペットを連れて行けますか"] }).where(eq(faqEntries.id, "F01"));
    expect(await loadFaqIndex(t.db, now + 10)).toBe(first);
    const later = await loadFaqIndex(t.db, now + FAQ_CHECK_INTERVAL_MS + 10);
    expect(later).not.toBe(first);
    expect(later.entry("F01")!.alternatives).toEqual(["ペットを連れて行けますか"]);
    expect(await loadFaqIndex(t.db, now + 2 * FAQ_CHECK_INTERVAL_MS + 20)).toBe(later); // unchanged: same index
  });
});

describe("addPhrasing", () => {
  it("adds a phrasing once (same words after normalising count as the same)", async () => {
    await importFaqCsv(t.db, GOOD);
    expect(await addPhrasing(t.db, "F02", "  予約やめたい ")).toEqual({ ok: true, added: true, alternatives: ["予約やめたい"] });
    expect(await addPhrasing(t.db, "F02", "予約やめたい！")).toEqual({ ok: true, added: false, alternatives: ["予約やめたい"] });
    expect(await addPhrasing(t.db, "F02", "予約をキャンセルしたいです")).toMatchObject({ ok: true, added: false });
  });

  it("refuses an unknown entry and an empty or over-long phrasing", async () => {
    await importFaqCsv(t.db, GOOD);
    expect(await addPhrasing(t.db, "F99", "何か")).toMatchObject({ ok: false, code: "not_found" });
    expect(await addPhrasing(t.db, "F01", "   ")).toMatchObject({ ok: false, code: "invalid" });
    expect(await addPhrasing(t.db, "F01", "あ".repeat(201))).toMatchObject({ ok: false, code: "invalid" });
    expect(await addPhrasing(t.db, "F01", "a|b")).toMatchObject({ ok: false, code: "invalid" });
  });
});
