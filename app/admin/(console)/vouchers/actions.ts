"use server";
// 有効接種券の個別登録 (admin and call center), including 住所地外 vouchers.
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { registerVoucher } from "@/lib/vouchers/register-voucher";

const text = (max: number) => z.string().trim().max(max, "入力が長すぎます。").optional();
const registerForm = z.object({
  voucherNumber: z.string().trim().min(1, "接種券番号を入力してください。").max(30, "接種券番号は10桁の数字で入力してください。"),
  birthDate: z.string().trim().min(1, "生年月日を入力してください。").max(20, "生年月日を正しく入力してください。"),
  municipalityCode: text(12),
  priorDoseCount: text(4),
  priorLastDoseDate: text(20),
  priorLastProduct: text(60),
  next: z.enum(["book", "stay"]).optional(),
});

export type RegisterState = ActionState<{ callerKey: string; next: "book" | "stay"; outOfArea: boolean }>;

export async function registerVoucherAction(_prev: RegisterState | null, form: FormData): Promise<RegisterState> {
  return staffAction<{ callerKey: string; next: "book" | "stay"; outOfArea: boolean }>("vouchers.register", async (staff) => {
    const parsed = parseForm(registerForm, form);
    if (!parsed.ok) return parsed.state;
    const { next, ...input } = parsed.data;
    const result = await registerVoucher(await getDb(), staff, input);
    if (!result.ok) {
      return { ok: false, code: result.code, message: result.reason, fieldErrors: "fieldErrors" in result ? (result.fieldErrors as Record<string, string>) : undefined };
    }
    return {
      ok: true,
      callerKey: result.key,
      next: next ?? "stay",
      outOfArea: result.outOfArea,
      message: `接種券（${result.outOfArea ? `住所地外・自治体コード ${result.voucher.municipalityCode}` : "本市"}・接種券番号 ${result.voucher.voucherNumber}）を登録しました。`,
    };
  });
}
