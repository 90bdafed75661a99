// A staff member changes their own password: required at the first login and after a reset
// (mustChangePassword), and possible at any time from /admin/password.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { staffAccounts } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { clearFailures, readLock, recordFailure } from "@/lib/auth/login-throttle";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";
import { STAFF_LOCK_MINUTES, STAFF_MAX_FAILURES } from "@/lib/auth/staff-login";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal } from "@/lib/booking/result";

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

const invalid = (fieldErrors: Record<string, string>) => refusal("invalid_input", "入力内容を確認してください。", { fieldErrors });

export async function changeOwnPassword(db: Db, actor: StaffActor, input: PasswordChangeInput, now = new Date()) {
  return asResult(async () => {
    const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, actor.staffId));
    if (!account || account.disabledAt) refusal("unauthenticated", "ログインしてください。");
    if (!input.currentPassword) invalid({ currentPassword: "今のパスワードを入力してください。" });
    const problem = passwordProblem(input.newPassword ?? "");
    if (problem) invalid({ newPassword: problem });
    if (input.newPassword !== input.newPasswordConfirm) invalid({ newPasswordConfirm: "確認用のパスワードが一致しません。" });
    if (input.newPassword === input.currentPassword) invalid({ newPassword: "今と違うパスワードにしてください。" });
    if (input.newPassword.trim().toLowerCase() === account.loginId.toLowerCase()) invalid({ newPassword: "ログインIDと同じパスワードは使えません。" });
    // Wrong current passwords count like failed logins (a left-open session must not become a way to guess).
    const lockKey = `staff:${account.loginId.toLowerCase()}`;
    if ((await readLock(db, lockKey, now)).lockedUntil) refusal("locked", `続けて失敗したため、${STAFF_LOCK_MINUTES}分間パスワードを変更できません。`);
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      await recordFailure(db, lockKey, now, STAFF_MAX_FAILURES, STAFF_LOCK_MINUTES);
      invalid({ currentPassword: "今のパスワードが正しくありません。" });
    }
    const passwordHash = await hashPassword(input.newPassword);
    await db.transaction(async (tx) => {
      // Only if nobody changed or reset it meanwhile (the hash we verified against is still the one stored).
      const [updated] = await tx
        .update(staffAccounts)
        .set({ passwordHash, mustChangePassword: false, updatedAt: now })
        .where(and(eq(staffAccounts.id, actor.staffId), eq(staffAccounts.passwordHash, account.passwordHash)))
        .returning({ id: staffAccounts.id });
      if (!updated) refusal("conflict", "パスワードが別の画面で変更されました。もう一度お試しください。");
      await recordAudit(tx, actor, {
        action: "account.change_password",
        entity: "staff_account",
        entityId: actor.staffId,
        before: { mustChangePassword: account.mustChangePassword },
        after: { mustChangePassword: false },
      });
    });
    await clearFailures(db, lockKey);
    return {};
  });
}
