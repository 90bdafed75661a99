// The server-side guard every admin server action, page and route handler calls.
// proxy.ts only keeps anonymous visitors away from /admin; this is the security boundary:
// it decodes the session cookie and re-reads the account (disabled? role or venues changed?).
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getDb } from "@/db/client";
import type { StaffActor } from "./actor";
import { roleMay, type Permission } from "./permissions";
import { authSecret } from "./secret";
import { loadStaffIdentity } from "./staff-login";

export const STAFF_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export class StaffAuthError extends Error {
  constructor(
    readonly code: "unauthenticated" | "forbidden" | "password_change_required",
    message: string,
  ) {
    super(message);
    this.name = "StaffAuthError";
  }
}

export interface CurrentStaff extends StaffActor {
  loginId: string;
  displayName: string;
  mustChangePassword: boolean;
}

/** The signed-in staff member, or null (no cookie, forged, expired, disabled account). */
export async function currentStaff(): Promise<CurrentStaff | null> {
  const jar = await cookies();
  const value = STAFF_COOKIE_NAMES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!value) return null;
  let staffId: number;
  try {
    const token = await decode({ token: value, secret: authSecret() });
    staffId = Number(token?.staffId);
  } catch {
    return null;
  }
  if (!Number.isInteger(staffId) || staffId <= 0) return null;
  const identity = await loadStaffIdentity(await getDb(), staffId);
  if (!identity || identity.disabled) return null;
  return {
    kind: "staff",
    staffId: identity.staffId,
    role: identity.role,
    venueIds: identity.venueIds,
    loginId: identity.loginId,
    displayName: identity.displayName,
    mustChangePassword: identity.mustChangePassword,
  };
}

/**
 * The signed-in staff member if their role has `permission` at all; otherwise StaffAuthError.
 * An account that must change its password (first login, after a reset) is refused everything
 * but the password change itself (`allowPasswordChangePending`, used only by /admin/password).
 */
export async function requireStaff(permission?: Permission, options: { allowPasswordChangePending?: boolean } = {}): Promise<CurrentStaff> {
  const staff = await currentStaff();
  if (!staff) throw new StaffAuthError("unauthenticated", "ログインしてください。");
  if (staff.mustChangePassword && !options.allowPasswordChangePending) {
    throw new StaffAuthError("password_change_required", "初めにパスワードを変更してください（パスワード変更画面）。");
  }
  if (permission && !roleMay(staff.role, permission)) {
    throw new StaffAuthError("forbidden", "この操作を行う権限がありません。");
  }
  return staff;
}
