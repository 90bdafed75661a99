/** @jest-environment node */
// FAQ administration through its server actions and route handlers, with real session cookies
// (only Next's request cookie store is stood in for): admin only; every change reaches the chatbot
// (answerQuestion) at once; the CSV upload is all or nothing with a line report.
import { signInAs } from "../support/staff-session";
import iconv from "iconv-lite";
import { eq } from "drizzle-orm";
import { auditLog, chatbotUnanswered, faqEntries, rateLimits } from "@/db/schema";
import { setAppDatabase } from "@/db/client";
import { setUpTestDatabase } from "./harness";
import { createStaff, NOW, setupMunicipality } from "./fixtures";
import type { StaffActor } from "@/lib/auth/actor";
import { answerQuestion } from "@/lib/chatbot/answer";
import { seedDemoFaq } from "@/lib/chatbot/demo-faq";
import { listFaqPage } from "@/lib/chatbot/faq-admin";
import { listUnanswered } from "@/lib/chatbot/unanswered";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

// Imported after the mock is in place.
import { addPhrasingAction, createFaqAction, deleteFaqAction, dismissUnansweredAction, updateFaqAction } from "@/app/admin/(console)/faq/actions";
import { POST as importFaq } from "@/app/admin/(console)/faq/import/route";
import { GET as exportFaq } from "@/app/admin/(console)/faq/export/route";
import { form } from "../support/form-data";

const t = setUpTestDatabase(async (db) => {
  await db.delete(chatbotUnanswered);
  await db.delete(rateLimits);
  await setupMunicipality(db);
  await seedDemoFaq(db);
});
beforeAll(() => setAppDatabase(t));

function upload(csv: string | Uint8Array, keepMissing = false) {
  const f = new FormData();
  f.set("file", new Blob([csv as BlobPart], { type: "text/csv" }), "faq.csv");
  f.set("keepMissing", String(keepMissing));
  return importFaq(new Request("http://localhost/admin/faq/import", { method: "POST", body: f }));
}

const ask = (message: string) => answerQuestion(t.db, message, { channel: "web", now: NOW });
const OUT_OF_FAQ = "会場でWi-Fiは使えますか";

async function faqCount() {
  return (await t.db.select().from(faqEntries)).length;
}

describe("who may manage the FAQ", () => {
  it.each(["call_center", "venue_manager", "venue_staff"] as const)("%s is refused by every FAQ action and route, and nothing changes", async (role) => {
    await ask(OUT_OF_FAQ);
    const [logged] = (await listUnanswered(t.db)).items;
    const staff = await createStaff(t.db, role);
    await signInAs(staff);
    const before = await t.db.select().from(faqEntries);
    const results = [
      await createFaqAction(null, form({ id: "X01", question: "質問", answer: "回答" })),
      await updateFaqAction(null, form({ id: "F13", question: "書き換え", answer: "書き換え" })),
      await deleteFaqAction(null, form({ id: "F13" })),
      await addPhrasingAction(null, form({ unansweredId: logged!.id, faqId: "F30" })),
      await dismissUnansweredAction(null, form({ unansweredId: logged!.id })),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    const imported = await upload("ID,質問,回答\nX1,q,a\n");
    expect(imported.status).toBe(403);
    expect((await exportFaq()).status).toBe(403);
    expect(await t.db.select().from(faqEntries)).toEqual(before);
    expect((await listUnanswered(t.db)).items).toHaveLength(1);
    expect(await t.db.select().from(auditLog)).toHaveLength(0);
  });

  it("refuses without a session", async () => {
    await signInAs(null);
    expect(await deleteFaqAction(null, form({ id: "F13" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await upload("ID,質問,回答\nX1,q,a\n")).status).toBe(401);
    expect((await exportFaq()).status).toBe(401);
  });
});

describe("the admin's FAQ", () => {
  let admin: StaffActor;
  beforeEach(async () => {
    admin = await createStaff(t.db, "admin");
    await signInAs(admin);
  });

  it("adding a logged question as a phrasing makes the chatbot answer it with that entry", async () => {
    expect(await ask(OUT_OF_FAQ)).toMatchObject({ handoff: true, faqId: null });
    const { items } = await listUnanswered(t.db);
    expect(items.map((i) => i.message)).toEqual([OUT_OF_FAQ]);
    const result = await addPhrasingAction(null, form({ unansweredId: items[0]!.id, faqId: "F30", phrasing: OUT_OF_FAQ }));
    expect(result).toMatchObject({ ok: true, message: `「${OUT_OF_FAQ}」をFAQ「F30」の言い換えに追加しました。` });
    expect(await ask(OUT_OF_FAQ)).toMatchObject({ handoff: false, faqId: "F30" });
    expect((await listUnanswered(t.db)).items).toHaveLength(0);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "faq.add_phrasing"));
    expect(audit).toMatchObject({ entityId: "F30", after: { phrasing: OUT_OF_FAQ, added: true } });
  });

  it("another entry's ID can be typed instead of the guess; an unknown ID is refused", async () => {
    await ask(OUT_OF_FAQ);
    const [logged] = (await listUnanswered(t.db)).items;
    expect(await addPhrasingAction(null, form({ unansweredId: logged!.id, faqId: "F30", otherFaqId: "F99X" }))).toMatchObject({
      ok: false,
      code: "not_found",
      fieldErrors: { otherFaqId: "FAQ「F99X」が見つかりません。" },
    });
    expect(await addPhrasingAction(null, form({ unansweredId: logged!.id, faqId: "F30", otherFaqId: "ｆ01".toUpperCase() }))).toMatchObject({ ok: true });
    expect(await ask(OUT_OF_FAQ)).toMatchObject({ faqId: "F01" });
  });

  it("dismisses a logged question once", async () => {
    await ask(OUT_OF_FAQ);
    const [logged] = (await listUnanswered(t.db)).items;
    expect(await dismissUnansweredAction(null, form({ unansweredId: logged!.id }))).toMatchObject({ ok: true });
    expect((await listUnanswered(t.db)).items).toHaveLength(0);
    expect(await dismissUnansweredAction(null, form({ unansweredId: logged!.id }))).toMatchObject({ ok: false, code: "already_resolved" });
  });

  it("edits an entry and the chatbot answers with the new text at once; deleting stops it", async () => {
    const before = await ask("予約をキャンセルしたい");
    expect(before.faqId).toBe("F13");
    const [entry] = await t.db.select().from(faqEntries).where(eq(faqEntries.id, "F13"));
    const edited = await updateFaqAction(
      null,
      form({ id: "F13", question: entry!.question, answer: "キャンセルはマイページの「キャンセルする」からどうぞ（編集後）。", category: entry!.category, alternatives: entry!.alternatives.join("\n"), answerEn: entry!.answerEn ?? "" }),
    );
    expect(edited).toMatchObject({ ok: true });
    expect((await ask("予約をキャンセルしたい")).answer).toBe("キャンセルはマイページの「キャンセルする」からどうぞ（編集後）。");
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "faq.update"));
    expect(Object.keys(audit!.after as object)).toEqual(["answer"]);

    expect(await deleteFaqAction(null, form({ id: "F13" }))).toMatchObject({ ok: true });
    expect((await ask("予約をキャンセルしたい")).faqId).not.toBe("F13");
    const [deleted] = await t.db.select().from(auditLog).where(eq(auditLog.action, "faq.delete"));
    expect(deleted!.before).toMatchObject({ answer: "キャンセルはマイページの「キャンセルする」からどうぞ（編集後）。" });
  });

  it("adds an entry, refusing a taken ID and bad fields with Japanese messages", async () => {
    expect(await createFaqAction(null, form({ id: "F13", question: "q", answer: "a" }))).toMatchObject({ ok: false, code: "duplicate", fieldErrors: { id: "このIDはすでに使われています。" } });
    expect(await createFaqAction(null, form({ id: "ペット", question: "", answer: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { id: "IDは半角英数字・ハイフン・アンダースコアで入力してください（例: F53）。", question: "質問を入力してください。", answer: "回答を入力してください。" },
    });
    const created = await createFaqAction(
      null,
      form({ id: "P01", question: "ペットの予防接種はできますか", answer: "この窓口は新型コロナワクチンの予約専用です。ペットの予防接種は動物病院にお問い合わせください。", alternatives: "犬の狂犬病の注射\n猫のワクチン", category: "その他" }),
    );
    expect(created).toMatchObject({ ok: true });
    expect(await ask("犬の狂犬病の注射はどこ")).toMatchObject({ faqId: "P01", handoff: false });
    const page = await listFaqPage(t.db, { q: "狂犬病", limit: 10, offset: 0 });
    expect(page).toMatchObject({ total: 1, rows: [{ id: "P01", alternatives: ["犬の狂犬病の注射", "猫のワクチン"] }] });
  });

  it("a CSV with bad lines imports nothing and reports every line; a good one replaces the FAQ", async () => {
    const entries = await faqCount();
    const bad = "ID,質問,回答,言い換え,カテゴリ\nA1,質問1,回答1,,\nA2,,回答2,,\nA3,質問3,,,\nA1,質問4,回答4,,\n";
    const refused = await upload(bad);
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.message).toBe("ファイルに誤りが3か所あります。何も登録していません。");
    expect(body.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5]);
    expect(await faqCount()).toBe(entries);

    const sjis = new Uint8Array(Buffer.from(iconv.encode("ID,質問,回答\nA1,接種会場にWi-Fiはありますか,会場にWi-Fiはありません。\nA2,駐車場はありますか,市民体育館に駐車場があります。\n", "Shift_JIS")));
    const accepted = await upload(sjis);
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).message).toContain("FAQを2件取り込みました");
    expect(await faqCount()).toBe(2);
    expect(await ask("接種会場にWi-Fiはありますか")).toMatchObject({ faqId: "A1", answer: "会場にWi-Fiはありません。" });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "faq.import"));
    expect(audit).toMatchObject({ actorId: String(admin.staffId), after: { imported: 2, removed: entries, keepMissing: false } });
  });

  it("exports the FAQ as CSV with a BOM, ready to upload again", async () => {
    const res = await exportFaq();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="faq-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const again = await upload(bytes);
    expect(again.status).toBe(200);
    expect((await again.json()).message).toContain("変更・追加 0件、削除 0件");
  });
});
