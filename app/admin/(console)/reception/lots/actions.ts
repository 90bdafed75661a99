"use server";
// The venue's lots of the day: added and taken off by the venue manager (own venue) or the admin.
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { addLot, removeLot } from "@/lib/venue/lots";

const addForm = z.object({
  venueId: z.coerce.number().int().positive(),
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "日付を選んでください。"),
  productCode: z.string().trim().min(1, "ワクチンを選んでください。"),
  lotNumber: z.string().trim().min(1, "ロット番号を入力してください。").max(40, "ロット番号は20文字以内です。"),
  expiresOn: z.string().trim().optional(),
});
const removeForm = z.object({ lotId: z.coerce.number().int().positive() });

export async function addLotAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("lots.edit", async (staff) => {
    const input = parseForm(addForm, form);
    if (!input.ok) return input.state;
    const result = await addLot(await getDb(), staff, { ...input.data, expiresOn: input.data.expiresOn || null });
    if (!result.ok) {
      const field = result.code === "invalid_lot" || result.code === "duplicate_lot" ? "lotNumber" : result.code === "invalid_expiry" || result.code === "expired" ? "expiresOn" : undefined;
      return { ok: false, code: result.code, message: result.reason, ...(field ? { fieldErrors: { [field]: result.reason } } : {}) };
    }
    return { ok: true, message: `ロット ${result.lot.lotNumber} を登録しました。` };
  });
}

export async function removeLotAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("lots.edit", async (staff) => {
    const input = parseForm(removeForm, form);
    if (!input.ok) return input.state;
    const result = await removeLot(await getDb(), staff, input.data.lotId);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `ロット ${result.lot.lotNumber} を一覧から外しました。` };
  });
}
