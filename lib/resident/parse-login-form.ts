// The resident login form (接種券番号 + 生年月日 as year, month, day), as the web login and the LIFF voucher link
// both submit it: full-width digits accepted, each field's error in the resident's language, and a date that
// does not exist (2月30日) refused on the day field.
import { z } from "zod";
import { isValidIsoDate } from "@/lib/domain/dates";
import { digitsOnly } from "@/lib/domain/normalize";
import type { Messages } from "@/lib/i18n";

export type ParsedLoginForm =
  | { ok: true; voucherNumber: string; birthDate: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

const digits = (pattern: RegExp, message: string) => z.string().transform(digitsOnly).pipe(z.string().regex(pattern, message));

export function parseLoginForm(form: FormData, m: Messages): ParsedLoginForm {
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
  return { ok: true, voucherNumber, birthDate };
}
