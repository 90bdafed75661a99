"use server";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { residentLogin } from "@/lib/auth/resident-login";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { parseLoginForm } from "@/lib/resident/parse-login-form";
import { clientAddress, startResidentSession } from "@/lib/resident/session";
import type { LoginState } from "./login-form";

export async function residentLoginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const { m } = await getMessages();
  const login = parseLoginForm(form, m);
  if (!login.ok) return login;
  const { voucherNumber, birthDate } = login;
  const result = await residentLogin(await getResidentDb(), { voucherNumber, birthDate, clientKey: await clientAddress(), channel: "web" });
  if (!result.ok) return { ok: false, message: refusalText(m, result) };
  await startResidentSession({ voucherId: result.voucherId, channel: "web" });
  redirect("/mypage");
}
