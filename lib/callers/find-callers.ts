// 電話予約: finding the caller. Privacy (SPEC Roles, national guidance against domestic violence):
// nothing about a resident is shown before the birth date matched. Every search form takes the
// birth date with the 接種券番号, the カナ氏名 or the 電話番号, and only vouchers whose birth date
// matches are ever named — a name or phone number alone does not even reveal that someone is
// registered. Matches are shown with a masked voucher number (last 4 digits) and the issuer,
// each with a caller key (caller-key.ts) that opens the caller page. Every attempt is audit-logged,
// failures too, and an operator who fails too often in a short time is paused.
import { and, count, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, vouchers } from "@/db/schema";
import { actorIdForAudit, type StaffActor } from "@/lib/auth/actor";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadSettings } from "@/lib/booking/context";
import type { Refused } from "@/lib/booking/result";
import { normalizeKanaName } from "@/lib/domain/personal-fields";
import { digitsOnly, normalizeVoucherNumber } from "@/lib/domain/normalize";
import { isValidMunicipalityCode } from "@/lib/domain/municipality-code";
import { issueCallerKey } from "./caller-key";
import { parseDateInput } from "./date-input";

export type CallerSearchBy = "voucher" | "kana" | "phone";

export interface CallerSearchInput {
  by: CallerSearchBy;
  /** 接種券番号, カナ氏名 or 電話番号, as typed. */
  query: string;
  birthDate: string;
  /** Only for a voucher search: the issuing municipality (default: any issuer). */
  municipalityCode?: string;
}

export interface CallerMatch {
  voucherId: number;
  key: string;
  /** ●●●●●●1234: enough to tell two matches apart, not enough to log in with. */
  maskedNumber: string;
  municipalityCode: string;
  outOfArea: boolean;
}

export type CallerSearchResult = { ok: true; matches: CallerMatch[] } | (Refused & { fieldErrors?: Record<string, string> });

/** Failed confirmations per operator in the window before the search pauses. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const MAX_MATCHES = 10;

export function maskVoucherNumber(voucherNumber: string): string {
  return "●".repeat(Math.max(0, voucherNumber.length - 4)) + voucherNumber.slice(-4);
}

function invalid(field: string, message: string): CallerSearchResult {
  return { ok: false, code: "invalid_input", reason: "入力内容を確認してください。", fieldErrors: { [field]: message } };
}

async function recentFailures(db: Db, actor: StaffActor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorKind, "staff"),
        eq(auditLog.actorId, actorIdForAudit(actor)),
        // The audit rows carry the database's clock, so the window is measured by it too.
        gte(auditLog.at, sql`now() - make_interval(secs => ${FAILURE_WINDOW_MS / 1000})`),
        eq(auditLog.action, "caller.verify_failed"),
      ),
    );
  return row?.n ?? 0;
}

export async function findCallers(db: Db, actor: StaffActor, input: CallerSearchInput, now = new Date()): Promise<CallerSearchResult> {
  if (!roleMay(actor.role, "booking.forCaller")) return { ok: false, code: "forbidden", reason: "電話予約を行う権限がありません。" };
  // Venue-scoped roles confirm callers by the voucher only: a name or phone search is for the call center.
  if (input.by !== "voucher" && !staffMay(actor, "booking.forCaller", { venueId: null })) {
    return { ok: false, code: "forbidden", reason: "氏名・電話番号での検索は、管理者とコールセンターのみ行えます。接種券番号で検索してください。" };
  }
  const birthDate = parseDateInput(input.birthDate);
  if (!birthDate) return invalid("birthDate", "生年月日を正しく入力してください（例: 1950-04-01）。");

  const conditions = [eq(vouchers.birthDate, birthDate)];
  let logged: Record<string, string>;
  if (input.by === "voucher") {
    const number = normalizeVoucherNumber(input.query);
    if (!number) return invalid("query", "接種券番号は10桁の数字で入力してください。");
    conditions.push(eq(vouchers.voucherNumber, number));
    const code = digitsOnly(input.municipalityCode ?? "");
    if (code) {
      if (!isValidMunicipalityCode(code)) return invalid("municipalityCode", "自治体コードは6桁（検査数字を含む）で正しく入力してください。");
      conditions.push(eq(vouchers.municipalityCode, code));
    }
    logged = { voucherNumber: number, ...(code ? { municipalityCode: code } : {}) };
  } else if (input.by === "kana") {
    const kana = normalizeKanaName(input.query);
    if (!/^[ァ-ヶー・　]{2,60}$/.test(kana)) return invalid("query", "カナ氏名はカタカナで入力してください（例: ヤマダ タロウ）。");
    // Stored with one full-width space between family and given name; the operator may type none.
    conditions.push(sql`replace(${vouchers.kanaName}, '　', '') = ${kana.replace(/　/g, "")}`);
    logged = { kanaName: kana };
  } else {
    const phone = digitsOnly(input.query).replace(/[()（）]/g, "");
    if (!/^0[0-9]{9,10}$/.test(phone)) return invalid("query", "電話番号は0から始まる10桁か11桁の数字で入力してください。");
    conditions.push(eq(vouchers.phone, phone));
    logged = { phone };
  }

  if ((await recentFailures(db, actor)) >= MAX_FAILURES) {
    return { ok: false, code: "too_many_failures", reason: "確認できない検索が続いたため、15分ほど検索を停止しています。管理者にご相談ください。" };
  }

  const settings = await loadSettings(db);
  const rows = await db
    .select({ id: vouchers.id, voucherNumber: vouchers.voucherNumber, municipalityCode: vouchers.municipalityCode })
    .from(vouchers)
    .where(and(...conditions))
    .orderBy(vouchers.municipalityCode, vouchers.voucherNumber)
    .limit(MAX_MATCHES + 1);

  if (rows.length === 0) {
    await recordAudit(db, actor, { action: "caller.verify_failed", entity: "caller_search", entityId: input.by, after: { by: input.by, ...logged } });
    return {
      ok: false,
      code: "not_found",
      reason:
        input.by === "voucher"
          ? "接種券番号または生年月日が一致しません。接種券をご確認いただくか、住所地外の方は自治体コードも入力してください。"
          : "該当する方が見つかりません。入力した内容と生年月日をご確認ください。",
    };
  }
  if (rows.length > MAX_MATCHES) {
    return { ok: false, code: "too_many", reason: "該当する方が多すぎます。接種券番号で検索してください。" };
  }
  for (const row of rows) {
    await recordAudit(db, actor, {
      action: "caller.verify",
      entity: "voucher",
      entityId: row.id,
      voucherId: row.id,
      after: { by: input.by, ...logged },
    });
  }
  return {
    ok: true,
    matches: rows.map((row) => ({
      voucherId: row.id,
      key: issueCallerKey(actor, row.id, now),
      maskedNumber: maskVoucherNumber(row.voucherNumber),
      municipalityCode: row.municipalityCode,
      outOfArea: row.municipalityCode !== settings.code,
    })),
  };
}
