"use server";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { currentLineUser } from "@/lib/line/current-line-user";
import { liffDestination, liffEntryPath, parseLiffDestination } from "@/lib/line/liff-destination";
import { linkVoucherByLogin } from "@/lib/line/links";
import { parseLoginForm } from "@/lib/resident/parse-login-form";
import { clientAddress, startResidentSession } from "@/lib/resident/session";
import type { LoginState } from "@/app/(resident)/login/login-form";

/** The voucher login inside LIFF: on success the voucher is linked to the LINE user and the resident flow opens. */
export async function linkVoucherAction(toValue: string, _prev: LoginState, form: FormData): Promise<LoginState> {
  const to = parseLiffDestination(toValue);
  const lineUserId = await currentLineUser();
  if (!lineUserId) redirect(liffEntryPath(to));
  const { m } = await getMessages();
  const login = parseLoginForm(form, m);
  if (!login.ok) return login;
  const { voucherNumber, birthDate } = login;

  const result = await linkVoucherByLogin(await getResidentDb(), { lineUserId, voucherNumber, birthDate, clientKey: await clientAddress() });
  if (!result.ok) return { ok: false, message: result.code === "too_many" ? result.reason : refusalText(m, result) };
  await startResidentSession({ voucherId: result.voucherId, channel: "line" });
  redirect(liffDestination(to));
}
