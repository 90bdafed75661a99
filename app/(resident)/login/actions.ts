"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { residentLogin } from "@/lib/auth/resident-login";
import { isValidIsoDate } from "@/lib/domain/dates";
import { digitsOnly } from "@/lib/domain/normalize";
import { refusalText, type Messages } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { clientAddress, startResidentSession } from "@/lib/resident/session";
import type { LoginState } from "./login-form";

const digits = (pattern: RegExp, message: string) => z.string().transform(digitsOnly).pipe(z.string().regex(pattern, message));

function loginForm(t: Messages["login"]) {
  return z.object({
    voucherNumber: digits(/^[0-9]{10}$/, t.errVoucher),
    year: digits(/^[0-9]{4}$/, t.errYear),
    month: digits(/^[0-9]{1,2}$/, t.errMonth),
    day: digits(/^[0-9]{1,2}$/, t.errDay),
  });
}

export async function residentLoginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const { m } = await getMessages();
  const parsed = loginForm(m.login).safeParse({
    voucherNumber: String(form.get("voucherNumber") ?? ""),
    year: String(form.get("year") ?? ""),
    month: String(form.get("month") ?? ""),
    day: String(form.get("day") ?? ""),
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, message: m.common.checkInput, fieldErrors };
  }
  const { voucherNumber, year, month, day } = parsed.data;
  const birthDate = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (!isValidIsoDate(birthDate)) {
    return { ok: false, message: m.login.errDate, fieldErrors: { day: m.login.errNoSuchDay } };
  }
  const result = await residentLogin(await getResidentDb(), { voucherNumber, birthDate, clientKey: await clientAddress(), channel: "web" });
  if (!result.ok) return { ok: false, message: refusalText(m, result) };
  await startResidentSession({ voucherId: result.voucherId, channel: "web" });
  redirect("/mypage");
}
