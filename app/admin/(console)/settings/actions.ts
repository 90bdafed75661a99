"use server";
// 設定 (admin only): thin doors to lib/settings. Each returns the service's refusal as a message,
// with field errors for the form and code "needs_confirmation" when existing reservations are
// affected (the form then offers 「変更を確定する」). Nothing caches settings: the resident pages,
// LINE, IVR and the chatbot read them per request, so no revalidation is needed.
import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction, type ActionState } from "@/lib/auth/staff-action";
import type { Refused } from "@/lib/booking/result";
import { addOpening, deleteOpening } from "@/lib/settings/booking-openings";
import { addBoosterRule, withdrawBoosterRule } from "@/lib/settings/booster-rules";
import { SETTING_LABELS } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/update-settings";
import { addVaccineProduct, updateVaccineProduct } from "@/lib/settings/vaccine-products";

function refused(result: Refused & { details?: unknown }): ActionState {
  const details = result.details;
  const fieldErrors =
    result.code === "invalid" || result.code === "duplicate" || result.code === "past_date"
      ? (details as Record<string, string> | undefined)
      : undefined;
  return { ok: false, code: result.code, message: result.reason, fieldErrors };
}

const fields = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
const confirmed = (form: FormData) => form.get("confirmed") === "true";
const positiveId = z.coerce.number().int().positive();

export async function updateSettingsAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    // Unknown keys (e.g. "confirmed") are dropped by the schema.
    const result = await updateSettings(await getDb(), staff, fields(form));
    if (!result.ok) return refused(result);
    if (result.changed.length === 0) return { ok: true, message: "変更はありませんでした。" };
    const names = result.changed.map((k) => SETTING_LABELS[k as keyof typeof SETTING_LABELS] ?? k).join("、");
    return { ok: true, message: `設定を保存しました（${names}）。住民向けページ・LINE・電話にすぐ反映されます。` };
  });
}

export async function updateProductAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const input = fields(form);
    const result = await updateVaccineProduct(await getDb(), staff, input.code ?? "", input, { confirmed: confirmed(form) });
    if (!result.ok) return refused(result);
    if (result.changed.length === 0) return { ok: true, message: "変更はありませんでした。" };
    return { ok: true, message: "ワクチンの設定を保存しました。これからの予約・変更に適用されます。" };
  });
}

export async function addProductAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const result = await addVaccineProduct(await getDb(), staff, fields(form));
    if (!result.ok) return refused(result);
    return { ok: true, message: `ワクチン「${result.product.name}」を追加しました。` };
  });
}

export async function addBoosterRuleAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const result = await addBoosterRule(await getDb(), staff, fields(form), { confirmed: confirmed(form) });
    if (!result.ok) return refused(result);
    return { ok: true, message: `${result.rule.effectiveFrom}から適用する規定（${result.rule.intervalMonths}か月）を追加しました。` };
  });
}

export async function withdrawBoosterRuleAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const id = positiveId.safeParse(form.get("ruleId"));
    if (!id.success) return { ok: false, message: "規定を選んでください。" };
    const result = await withdrawBoosterRule(await getDb(), staff, id.data);
    if (!result.ok) return refused(result);
    return { ok: true, message: "適用前の規定を取り消しました。" };
  });
}

export async function addOpeningAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const result = await addOpening(await getDb(), staff, fields(form));
    if (!result.ok) return refused(result);
    return { ok: true, message: `「${result.opening.label}」の予約受付開始を追加しました。` };
  });
}

export async function deleteOpeningAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("settings", async (staff) => {
    const id = positiveId.safeParse(form.get("openingId"));
    if (!id.success) return { ok: false, message: "削除する設定を選んでください。" };
    const result = await deleteOpening(await getDb(), staff, id.data);
    if (!result.ok) return refused(result);
    return { ok: true, message: `「${result.opening.label}」の予約受付開始を削除しました。` };
  });
}
