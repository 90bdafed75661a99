// The proof that this operator confirmed this caller: after the voucher number (or a candidate
// from a name/phone search) and the birth date matched, the operator gets a short-lived key
// for the caller page, signed with the session secret and bound to the operator's account.
// The caller page and the book/change/cancel actions take the key, never a bare voucher id,
// so nobody sees or touches a resident's bookings without the birth date (SPEC: Roles, privacy).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { StaffActor } from "@/lib/auth/actor";
import { authSecret } from "@/lib/auth/secret";
import { roleMay } from "@/lib/auth/permissions";
import type { Refused } from "@/lib/booking/result";

/** Long enough for a call and its follow-up; after it the operator confirms the birth date again. */
export const CALLER_KEY_TTL_MS = 60 * 60 * 1000;

function sign(staffId: number, voucherId: number, expiresAt: number): string {
  return createHmac("sha256", authSecret())
    .update(`caller-key:v1:${staffId}:${voucherId}:${expiresAt}`)
    .digest("base64url")
    .slice(0, 32);
}

export function issueCallerKey(actor: StaffActor, voucherId: number, now = new Date()): string {
  const expiresAt = Math.floor((now.getTime() + CALLER_KEY_TTL_MS) / 1000);
  return `${voucherId}.${expiresAt}.${sign(actor.staffId, voucherId, expiresAt)}`;
}

/** The voucher id the key was issued for, when it is this operator's, untampered and unexpired. */
export function readCallerKey(actor: StaffActor, key: string | null | undefined, now = new Date()): number | null {
  const match = /^([1-9][0-9]{0,15})\.([0-9]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(key ?? "");
  if (!match) return null;
  const voucherId = Number(match[1]);
  const expiresAt = Number(match[2]);
  const expected = Buffer.from(sign(actor.staffId, voucherId, expiresAt));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (expiresAt * 1000 <= now.getTime()) return null;
  return voucherId;
}

const KEY_INVALID: Refused = {
  ok: false,
  code: "key_invalid",
  reason: "確認の有効期限が切れました。もう一度、接種券番号と生年月日で検索してください。",
};

/** The confirmed caller's voucher for a staff member who may book for callers, or why not. */
export function voucherOfCaller(actor: StaffActor, key: string, now: Date): number | Refused {
  if (!roleMay(actor.role, "booking.forCaller")) return { ok: false, code: "forbidden", reason: "電話予約を行う権限がありません。" };
  return readCallerKey(actor, key, now) ?? KEY_INVALID;
}
