"use server";
// Corrections by the venue manager (own venue) or the admin, each with a required reason.
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";
import { correctDose, revertStatus } from "@/lib/venue/dose-correction";

const reason = z.string().trim().min(1, "訂正の理由を入力してください。").max(500, "理由は500文字以内で入力してください。");
const correctForm = z.object({
  doseRecordId: z.coerce.number().int().positive(),
  productCode: z.string().trim().optional(),
  lotNumber: z.string().trim().max(40).optional(),
  administeredOn: z.string().trim().optional(),
  reason,
});
const revertForm = z.object({ reservationId: z.coerce.number().int().positive(), reason });

const REEXPORT_NOTE = "VRSへ出力済みの記録のため、再出力の対象にしました。";

export async function correctDoseAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("dose.correct", async (staff) => {
    const input = parseForm(correctForm, form);
    if (!input.ok) return input.state;
    const result = await correctDose(await getDb(), staff, input.data);
    if (!result.ok) {
      const field = result.code === "invalid_lot" ? "lotNumber" : result.code === "invalid_date" || result.code === "future_date" ? "administeredOn" : result.code.startsWith("reason") ? "reason" : undefined;
      return { ok: false, code: result.code, message: result.reason, ...(field ? { fieldErrors: { [field]: result.reason } } : {}) };
    }
    return { ok: true, message: `接種記録を訂正しました。${result.reexport ? REEXPORT_NOTE : ""}` };
  });
}

export async function revertStatusAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("dose.correct", async (staff) => {
    const input = parseForm(revertForm, form);
    if (!input.ok) return input.state;
    const result = await revertStatus(await getDb(), staff, input.data);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason, ...(result.code.startsWith("reason") ? { fieldErrors: { reason: result.reason } } : {}) };
    return {
      ok: true,
      message: `「${STATUS_LABELS[result.from as ReservationStatus]}」を取り消し、「${STATUS_LABELS[result.to]}」に戻しました。${result.reexport ? REEXPORT_NOTE : ""}`,
    };
  });
}
