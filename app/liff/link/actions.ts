"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { isValidIsoDate } from "@/lib/domain/dates";
import { digitsOnly } from "@/lib/domain/normalize";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { currentLineUser } from "@/lib/line/current-line-user";
import { liffDestination, liffEntryPath, parseLiffDestination } from "@/lib/line/liff-destination";
import { linkVoucherByLogin } from "@/lib/line/links";
import { clientAddress, startResidentSession } from "@/lib/resident/session";
import type { LoginState } from "@/app/(resident)/login/login-form";

const digits = (pattern: RegExp, message: string) => z.string().transform(digitsOnly).pipe(z.string().regex(pattern, message));

/** The voucher login inside LIFF: on success the voucher is linked to the LINE user and the resident flow opens. */
export async function linkVoucherAction(toValue: string, _prev: LoginState, form: FormData): Promise<LoginState> {
  const to = parseLiffDestination(toValue);
  const lineUserId = await currentLineUser();
  if (!lineUserId) redirect(liffEntryPath(to));
  const { m } = await getMessages();
  const t = m.login;
  const parsed = z
    .object({
      voucherNumber: digits(/^[0-9]{10}$/, t.errVoucher),
      year: digits(/^[0-9]{4}$/, t.errYear),
      month: digits(/^[0-9]{1,2}$/, t.errMonth),
      day: digits(/^[0-9]{1,2}$/, t.errDay),
    })
    .safeParse({
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
  if (!isValidIsoDate(birthDate)) return { ok: false, message: t.errDate, fieldErrors: { day: t.errNoSuchDay } };

  const result = await linkVoucherByLogin(await getResidentDb(), { lineUserId, voucherNumber, birthDate, clientKey: await clientAddress() });
  if (!result.ok) return { ok: false, message: result.code === "too_many" ? result.reason : refusalText(m, result) };
  await startResidentSession({ voucherId: result.voucherId, channel: "line" });
  redirect(liffDestination(to));
}
