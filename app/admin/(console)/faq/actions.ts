"use server";
// FAQ (admin only): thin doors to lib/chatbot/faq-admin.ts. The chatbot answers with a change
// from the next question on (the services drop its index).
import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction, type ActionState } from "@/lib/auth/staff-action";
import { addUnansweredAsPhrasing, deleteFaqEntry, dismissUnansweredQuestion, saveFaqEntry } from "@/lib/chatbot/faq-admin";

const fields = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
const unansweredId = z.coerce.number().int().positive();

function fieldErrorsOf(details: unknown): Record<string, string> | undefined {
  return details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, string>) : undefined;
}

export async function createFaqAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const result = await saveFaqEntry(await getDb(), staff, fields(form), { isNew: true });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason, fieldErrors: fieldErrorsOf(result.details) };
    return { ok: true, message: `FAQ「${result.id}」を追加しました。チャットボットはすぐにこの内容で答えます。` };
  });
}

export async function updateFaqAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const result = await saveFaqEntry(await getDb(), staff, fields(form), { isNew: false });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason, fieldErrors: fieldErrorsOf(result.details) };
    if (!result.changed) return { ok: true, message: "変更はありませんでした。" };
    return { ok: true, message: `FAQ「${result.id}」を保存しました。チャットボットはすぐにこの内容で答えます。` };
  });
}

export async function deleteFaqAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const id = String(form.get("id") ?? "");
    const result = await deleteFaqEntry(await getDb(), staff, id);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `FAQ「${id}」を削除しました。` };
  });
}

export async function addPhrasingAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const id = unansweredId.safeParse(form.get("unansweredId"));
    if (!id.success) return { ok: false, message: "質問を選んでください。" };
    const other = String(form.get("otherFaqId") ?? "").normalize("NFKC").trim();
    const faqId = other || String(form.get("faqId") ?? "").trim();
    if (!faqId) return { ok: false, message: "どのFAQの言い換えにするかを選んでください。", fieldErrors: { faqId: "FAQを選んでください。" } };
    const phrasing = String(form.get("phrasing") ?? "");
    const result = await addUnansweredAsPhrasing(await getDb(), staff, { unansweredId: id.data, faqId, phrasing });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason, fieldErrors: { [other ? "otherFaqId" : "faqId"]: result.reason } };
    return {
      ok: true,
      message: result.added ? `「${result.phrasing}」をFAQ「${result.faqId}」の言い換えに追加しました。` : `FAQ「${result.faqId}」にはすでに同じ言い換えがあります（対応済みにしました）。`,
    };
  });
}

export async function dismissUnansweredAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const id = unansweredId.safeParse(form.get("unansweredId"));
    if (!id.success) return { ok: false, message: "質問を選んでください。" };
    const result = await dismissUnansweredQuestion(await getDb(), staff, id.data);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "対象外にしました。" };
  });
}
