// 有効接種券の個別登録 (admin and call center): one voucher typed in, checked exactly as a line of
// the CSV import is (validateVoucherLine: 10 digits, municipality check digit, dates, prior doses),
// including 住所地外 vouchers (another municipality's code). A voucher already registered is
// refused, never overwritten. The operator has just typed the voucher number and birth date, so
// the result carries a caller key: "register a 住所地外 voucher and book it" is one flow.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { vaccineProducts, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadSettings } from "@/lib/booking/context";
import { asResult, pgErrorCode, refusal, type Refused } from "@/lib/booking/result";
import { issueCallerKey } from "@/lib/callers/caller-key";
import { parseDateInput } from "@/lib/callers/date-input";
import { tokyoDate } from "@/lib/domain/dates";
import { digitsOnly } from "@/lib/domain/normalize";
import { validateVoucherLine } from "@/lib/import/vouchers";

export interface RegisterVoucherInput {
  voucherNumber: string;
  birthDate: string;
  /** Empty: this municipality's code. */
  municipalityCode?: string;
  priorDoseCount?: string;
  priorLastDoseDate?: string;
  priorLastProduct?: string;
}

export type RegisterField = keyof RegisterVoucherInput;

const FIELD_BY_LABEL: Record<string, RegisterField> = {
  自治体コード: "municipalityCode",
  接種券番号: "voucherNumber",
  生年月日: "birthDate",
  接種済回数: "priorDoseCount",
  前回接種日: "priorLastDoseDate",
  前回ワクチン: "priorLastProduct",
};

/** Form dates may be typed 19500401 too; the CSV rules take YYYY-MM-DD. */
function dateField(value: string | undefined): string {
  const v = (value ?? "").trim();
  return v === "" ? "" : (parseDateInput(v) ?? v);
}

export async function registerVoucher(db: Db, actor: StaffActor, input: RegisterVoucherInput, now = new Date()) {
  if (!staffMay(actor, "vouchers.register", { venueId: null })) {
    return { ok: false, code: "forbidden", reason: "接種券を登録する権限がありません。" } satisfies Refused;
  }
  const settings = await loadSettings(db);
  const products = await db.select({ code: vaccineProducts.code, name: vaccineProducts.name }).from(vaccineProducts);
  const fieldErrors: Partial<Record<RegisterField, string>> = {};
  const values = validateVoucherLine(
    1,
    {
      municipalityCode: digitsOnly(input.municipalityCode ?? "") || settings.code,
      voucherNumber: input.voucherNumber ?? "",
      birthDate: dateField(input.birthDate),
      priorDoseCount: (input.priorDoseCount ?? "").trim(),
      priorLastDoseDate: dateField(input.priorLastDoseDate),
      priorLastProduct: input.priorLastProduct ?? "",
    },
    { today: tokyoDate(now), products },
    (column: string, reason: string) => {
      const field = FIELD_BY_LABEL[column] ?? "voucherNumber";
      fieldErrors[field] ??= `${reason}。`;
    },
  );
  if (!values) {
    return { ok: false, code: "invalid_input", reason: "入力内容を確認してください。", fieldErrors } as Refused & { fieldErrors: typeof fieldErrors };
  }
  // The import's staged row: [line, code, number, birth date, prior count, last date, last product].
  const [municipalityCode, voucherNumber, birthDate, priorDoseCount, priorLastDoseDate, priorLastProductCode] = values.slice(-6) as [
    string,
    string,
    string,
    number,
    string | null,
    string | null,
  ];
  const outOfArea = municipalityCode !== settings.code;
  const duplicate = () =>
    refusal(
      "duplicate",
      `この接種券（自治体コード ${municipalityCode}・接種券番号 ${voucherNumber}）はすでに登録されています。登録内容を確かめるには、電話予約の画面で接種券番号と生年月日で検索してください。`,
    );
  const result = await asResult(
    () =>
      db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: vouchers.id })
          .from(vouchers)
          .where(and(eq(vouchers.municipalityCode, municipalityCode), eq(vouchers.voucherNumber, voucherNumber)));
        if (existing) duplicate();
        const [voucher] = await tx
          .insert(vouchers)
          .values({ municipalityCode, voucherNumber, birthDate, priorDoseCount, priorLastDoseDate, priorLastProductCode, registeredBy: actor.staffId })
          .returning();
        await recordAudit(tx, actor, {
          action: "voucher.register",
          entity: "voucher",
          entityId: voucher!.id,
          voucherId: voucher!.id,
          after: { municipalityCode, outOfArea, priorDoseCount, priorLastDoseDate, priorLastProductCode },
        });
        return { voucher: voucher!, outOfArea };
      }),
    (e) => {
      const { code, constraint } = pgErrorCode(e);
      if (code === "23505" && constraint === "vouchers_issuer_number_unique") {
        return { ok: false, code: "duplicate", reason: `この接種券（自治体コード ${municipalityCode}・接種券番号 ${voucherNumber}）はすでに登録されています。` };
      }
      return null;
    },
  );
  if (!result.ok) return result;
  return { ...result, key: issueCallerKey(actor, result.voucher.id, now) };
}
