"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { setSlotStatus, updateSlotCapacity } from "@/lib/slots/update-slot";

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
