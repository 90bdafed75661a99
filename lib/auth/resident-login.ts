// Resident login: 接種券番号 + 生年月日, checked against the registered valid vouchers of
// this municipality (住所地外 vouchers book through the call center only). 5 failures on one
// voucher lock it for 15 minutes; failures from one client slow it down, then block it.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { vouchers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadSettings } from "@/lib/booking/context";
import { isValidIsoDate, tokyoTime } from "@/lib/domain/dates";
import { normalizeVoucherNumber } from "@/lib/domain/normalize";
import { limitLogin } from "@/lib/rush/limits";
import {
  CLIENT_MAX_FAILURES,
  CLIENT_WINDOW_MINUTES,
  clearFailures,
  readLocks,
  recordFailure,
  slowDownMs,
  VOUCHER_LOCK_MINUTES,
  VOUCHER_MAX_FAILURES,
} from "./login-throttle";

export type ResidentLoginResult =
  | { ok: true; voucherId: number }
  | { ok: false; code: "invalid_input" | "invalid" | "locked" | "client_blocked" | "rate_limited"; reason: string; params?: Record<string, string | number> };

export interface ResidentLoginInput {
  voucherNumber: string;
  birthDate: string;
  /** The client's address (or another stable key for the caller, e.g. the IVR caller id). */
  clientKey: string;
  channel: "web" | "line" | "ivr";
  now?: Date;
  /** How the pause for repeated failures is waited out (tests record it instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Logs a resident in: the credential check below, plus the audit row of the login. */
export async function residentLogin(db: Db, input: ResidentLoginInput & { channel: "web" | "line" }): Promise<ResidentLoginResult> {
  const result = await verifyVoucherCredentials(db, input);
  if (result.ok) {
    await recordAudit(db, { kind: "resident", voucherId: result.voucherId, channel: input.channel }, {
      action: "resident.login",
      entity: "voucher",
      entityId: result.voucherId,
      voucherId: result.voucherId,
      after: { channel: input.channel },
    });
  }
  return result;
}

/**
 * 接種券番号 + 生年月日 checked with the same lockout, slow-down and client block wherever a
 * voucher is named by them (login, family members in 同時予約). Writes no audit row: the caller
 * says what the check was for.
 */
export async function verifyVoucherCredentials(db: Db, input: ResidentLoginInput): Promise<ResidentLoginResult> {
  const now = input.now ?? new Date();
  const sleep = input.sleep ?? realSleep;
  const voucherNumber = normalizeVoucherNumber(input.voucherNumber);
  if (!voucherNumber) return { ok: false, code: "invalid_input", reason: "接種券番号は10桁の数字で入力してください。" };
  if (!isValidIsoDate(input.birthDate)) return { ok: false, code: "invalid_input", reason: "生年月日を正しく入力してください。" };

  const limited = await limitLogin(db, input.clientKey, voucherNumber, now);
  if (limited) return limited;

  const clientKey = `client:${input.clientKey}`;
  const voucherKey = `voucher:${voucherNumber}`;
  const locks = await readLocks(db, [clientKey, voucherKey], now);
  const client = locks.get(clientKey)!;
  if (client.lockedUntil) {
    return {
      ok: false,
      code: "client_blocked",
      reason: `ログインの失敗が続いたため、しばらくログインできません。${tokyoTime(client.lockedUntil)}以降にもう一度お試しください。`,
      params: { time: tokyoTime(client.lockedUntil) },
    };
  }
  const settings = await loadSettings(db);
  const locked = locks.get(voucherKey)!;
  if (locked.lockedUntil) {
    await recordFailure(db, clientKey, now, CLIENT_MAX_FAILURES, CLIENT_WINDOW_MINUTES);
    return lockedResult(locked.lockedUntil, settings.callCenterPhone);
  }

  const [voucher] = await db
    .select({ id: vouchers.id, birthDate: vouchers.birthDate })
    .from(vouchers)
    .where(and(eq(vouchers.municipalityCode, settings.code), eq(vouchers.voucherNumber, voucherNumber)));
  if (voucher && voucher.birthDate === input.birthDate) {
    if (locked.recorded) await clearFailures(db, voucherKey);
    return { ok: true, voucherId: voucher.id };
  }

  // An unknown number counts exactly like a wrong birth date: the answer never tells which.
  const voucherState = await recordFailure(db, voucherKey, now, VOUCHER_MAX_FAILURES, VOUCHER_LOCK_MINUTES);
  const clientState = await recordFailure(db, clientKey, now, CLIENT_MAX_FAILURES, CLIENT_WINDOW_MINUTES);
  const pause = slowDownMs(clientState.failures);
  if (pause > 0) await sleep(pause);
  if (voucherState.lockedUntil) return lockedResult(voucherState.lockedUntil, settings.callCenterPhone);
  const remaining = VOUCHER_MAX_FAILURES - voucherState.failures;
  return {
    ok: false,
    code: "invalid",
    reason:
      "接種券番号または生年月日が正しくありません。" +
      (remaining <= 2 ? `あと${remaining}回間違えると、${VOUCHER_LOCK_MINUTES}分間ログインできなくなります。` : ""),
    params: { remaining, minutes: VOUCHER_LOCK_MINUTES },
  };
}

function lockedResult(until: Date, callCenterPhone: string): ResidentLoginResult {
  return {
    ok: false,
    code: "locked",
    reason:
      `ログインに続けて失敗したため、この接種券番号は${tokyoTime(until)}までログインできません。` +
      `時間をおいてお試しいただくか、コールセンター（${callCenterPhone}）にお電話ください。`,
    params: { time: tokyoTime(until), phone: callCenterPhone },
  };
}
