"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { setSlotStatus, updateSlotCapacity } from "@/lib/slots/update-slot";
import { redirect } from "next/navigation";
import { formValues, refusedState } from "@/lib/admin/action-state";
import { formatDateJa, hhmm } from "@/lib/domain/dates";
import { WEEKDAY_LABELS } from "@/lib/slots/schemas";
import { editSlot } from "@/lib/slots/edit-slot";
import { createSlot, createSlotPattern, previewSlotPattern, type PatternPreview } from "@/lib/slots/create-slots";

const capacityForm = z.object({
  slotId: z.coerce.number().int().positive(),
  capacity: z.coerce.number({ message: "定員は数字で入力してください。" }).int("定員は整数で入力してください。").min(0).max(10000),
});
const statusForm = z.object({ slotId: z.coerce.number().int().positive(), status: z.enum(["open", "closed"]) });

export async function updateSlotCapacityAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("slots.edit", async (staff) => {
    const parsed = parseForm(capacityForm, form);
    if (!parsed.ok) return { ...parsed.state, message: Object.values(parsed.state.fieldErrors ?? {})[0] ?? parsed.state.message };
    const result = await updateSlotCapacity(await getDb(), staff, parsed.data.slotId, parsed.data.capacity);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `定員を${parsed.data.capacity}人にしました。` };
  });
}

export async function setSlotStatusAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("slots.edit", async (staff) => {
    const parsed = parseForm(statusForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await setSlotStatus(await getDb(), staff, parsed.data.slotId, parsed.data.status);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: parsed.data.status === "closed" ? "予約枠の受付を停止しました。" : "予約枠の受付を再開しました。" };
  });
}

// ── Slot pages (issue 9): edit capacity and time, create one slot, create a recurring pattern ──
const slotIdField = z.coerce.number().int().positive();
const venueIdField = z.coerce.number().int().positive();

export async function editSlotAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("slots.edit", async (staff) => {
    const id = slotIdField.safeParse(form.get("slotId"));
    if (!id.success) return { ok: false, message: "予約枠が見つかりません。" };
    const result = await editSlot(await getDb(), staff, id.data, formValues(form));
    if (!result.ok) return refusedState(result);
    return { ok: true, message: `定員${result.slot.capacity}人、${hhmm(result.slot.startTime)}〜${hhmm(result.slot.endTime)}で保存しました。` };
  });
}

export async function createSlotAction(_prev: ActionState | null, form: FormData): Promise<ActionState<{ slotId: number }>> {
  const state = await staffAction<{ slotId: number }>("slots.edit", async (staff) => {
    const venue = venueIdField.safeParse(form.get("venueId"));
    if (!venue.success) return { ok: false, message: "会場を選んでください。" };
    const result = await createSlot(await getDb(), staff, venue.data, formValues(form));
    if (!result.ok) return refusedState(result);
    return { ok: true, message: "予約枠を作成しました。", slotId: result.slot.id };
  });
  if (state.ok) redirect(`/admin/slots/${state.slotId}?saved=created`);
  return state;
}

export type SlotPatternState = ActionState<{ created: number }>;

function describePreview(p: PatternPreview): string {
  const days = p.pattern.weekdays.map((d) => WEEKDAY_LABELS[d]).join("・");
  const parts = [
    `${formatDateJa(p.pattern.fromDate, true)}〜${formatDateJa(p.pattern.toDate, true)}の${days}曜日、` +
      `${p.pattern.startTime}〜${p.pattern.endTime}に${p.pattern.intervalMinutes}分ごと（1日${p.times.length}枠）、定員${p.pattern.capacity}人、${p.product.name}。`,
    `対象${p.planned.toLocaleString("ja-JP")}枠`,
  ];
  if (p.holidays.length > 0) parts.push(`祝日${p.holidays.length}日（${p.holidays.slice(0, 5).map((h) => `${formatDateJa(h.date)} ${h.name}`).join("、")}${p.holidays.length > 5 ? " ほか" : ""}）を除外`);
  if (p.existing > 0) parts.push(`作成済みの${p.existing.toLocaleString("ja-JP")}枠を除外`);
  return `${parts[0]}${parts.slice(1).join("、")}。`;
}

/**
 * Without confirmed=true: the counts only (code "needs_confirmation": the form's button becomes
 * 「作成する（確定）」). With it: writes the slots (one statement) and says how many.
 */
export async function slotPatternAction(_prev: ActionState | null, form: FormData): Promise<SlotPatternState> {
  return staffAction<{ created: number }>("slots.edit", async (staff) => {
    const venue = venueIdField.safeParse(form.get("venueId"));
    if (!venue.success) return { ok: false, message: "会場を選んでください。" };
    const input = { ...formValues(form), weekdays: form.getAll("weekdays").map(String) };
    const db = await getDb();
    if (form.get("confirmed") !== "true") {
      const result = await previewSlotPattern(db, staff, venue.data, input);
      if (!result.ok) return refusedState(result);
      const p = result.preview;
      if (p.toCreate === 0) return { ok: false, code: "nothing_to_create", message: `${describePreview(p)}作成する予約枠はありません。` };
      return {
        ok: false,
        code: "needs_confirmation",
        message: `${describePreview(p)}${p.toCreate.toLocaleString("ja-JP")}件の予約枠を作成します。よろしければもう一度ボタンを押してください。`,
      };
    }
    const result = await createSlotPattern(db, staff, venue.data, input);
    if (!result.ok) return refusedState(result);
    const skipped = [
      result.skippedHolidays > 0 ? `祝日${result.skippedHolidays}日` : "",
      result.skippedExisting > 0 ? `作成済みの枠${result.skippedExisting.toLocaleString("ja-JP")}件` : "",
    ].filter(Boolean);
    return {
      ok: true,
      message: `${result.created.toLocaleString("ja-JP")}件の予約枠を作成しました。${skipped.length > 0 ? `（${skipped.join("、")}は除きました）` : ""}`,
      created: result.created,
    };
  });
}
