"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { residentLogin } from "@/lib/auth/resident-login";
import { isValidIsoDate } from "@/lib/domain/dates";
import { digitsOnly } from "@/lib/domain/normalize";
import { clientAddress, startResidentSession } from "@/lib/resident/session";
import type { LoginState } from "./login-form";

const loginForm = z.object({
  voucherNumber: z.string().transform(digitsOnly).pipe(z.string().regex(/^[0-9]{10}$/, "接種券番号は10桁の数字で入力してください。")),
  year: z.string().transform(digitsOnly).pipe(z.string().regex(/^[0-9]{4}$/, "生まれた年を西暦4桁で入力してください。")),
  month: z.string().transform(digitsOnly).pipe(z.string().regex(/^[0-9]{1,2}$/, "生まれた月を入力してください。")),
  day: z.string().transform(digitsOnly).pipe(z.string().regex(/^[0-9]{1,2}$/, "生まれた日を入力してください。")),
});

export async function residentLoginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const parsed = loginForm.safeParse({
    voucherNumber: String(form.get("voucherNumber") ?? ""),
    year: String(form.get("year") ?? ""),
    month: String(form.get("month") ?? ""),
    day: String(form.get("day") ?? ""),
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, message: "入力内容を確認してください。", fieldErrors };
  }
  const { voucherNumber, year, month, day } = parsed.data;
  const birthDate = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (!isValidIsoDate(birthDate)) {
    return { ok: false, message: "生年月日を正しく入力してください。", fieldErrors: { day: "存在しない日付です。" } };
  }
  const result = await residentLogin(await getDb(), { voucherNumber, birthDate, clientKey: await clientAddress(), channel: "web" });
  if (!result.ok) return { ok: false, message: result.reason };
  await startResidentSession({ voucherId: result.voucherId, channel: "web" });
  redirect("/mypage");
}
