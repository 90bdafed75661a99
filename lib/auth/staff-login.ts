// Staff login by login id + password (argon2id). Five failures lock the account's login
// for 15 minutes; an unknown id costs the same time as a wrong password.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { staffAccounts, staffAccountVenues } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { clearFailures, readLock, recordFailure } from "./login-throttle";
import { dummyPasswordHash, verifyPassword } from "./password";
import { isStaffRole, type StaffRole } from "./roles";

export const STAFF_MAX_FAILURES = 5;
export const STAFF_LOCK_MINUTES = 15;

export interface StaffIdentity {
  staffId: number;
  loginId: string;
  displayName: string;
  role: StaffRole;
  venueIds: number[];
  mustChangePassword: boolean;
}

export type StaffLoginResult = { ok: true; staff: StaffIdentity } | { ok: false; code: "invalid" | "locked" | "disabled"; reason: string };

export async function loadStaffIdentity(db: Db, staffId: number): Promise<(StaffIdentity & { disabled: boolean }) | null> {
  const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, staffId));
  if (!account || !isStaffRole(account.role)) return null;
  const venues = await db
    .select({ venueId: staffAccountVenues.venueId })
    .from(staffAccountVenues)
    .where(eq(staffAccountVenues.accountId, account.id));
  return {
    staffId: account.id,
    loginId: account.loginId,
    displayName: account.displayName,
    role: account.role,
    venueIds: venues.map((v) => v.venueId).sort((a, b) => a - b),
    mustChangePassword: account.mustChangePassword,
    disabled: account.disabledAt !== null,
  };
}

export async function staffLogin(db: Db, loginId: string, password: string, now = new Date()): Promise<StaffLoginResult> {
  const id = loginId.trim();
  const key = `staff:${id.toLowerCase()}`;
  const lock = await readLock(db, key, now);
  if (lock.lockedUntil) {
    return { ok: false, code: "locked", reason: `ログインに続けて失敗したため、${STAFF_LOCK_MINUTES}分間ログインできません。` };
  }
  const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.loginId, id));
  const valid = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!account || !valid) {
    const state = await recordFailure(db, key, now, STAFF_MAX_FAILURES, STAFF_LOCK_MINUTES);
    if (state.lockedUntil) {
      return { ok: false, code: "locked", reason: `ログインに続けて失敗したため、${STAFF_LOCK_MINUTES}分間ログインできません。` };
    }
    return { ok: false, code: "invalid", reason: "ログインIDまたはパスワードが正しくありません。" };
  }
  if (account.disabledAt) return { ok: false, code: "disabled", reason: "このアカウントは無効になっています。管理者にお問い合わせください。" };
  await clearFailures(db, key);
  await db.update(staffAccounts).set({ lastLoginAt: now }).where(eq(staffAccounts.id, account.id));
  const identity = await loadStaffIdentity(db, account.id);
  await recordAudit(db, { kind: "staff", staffId: account.id, role: identity!.role, venueIds: identity!.venueIds }, {
    action: "staff.login",
    entity: "staff_account",
    entityId: account.id,
  });
  const { disabled: _disabled, ...staff } = identity!;
  void _disabled;
  return { ok: true, staff };
}
