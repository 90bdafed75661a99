"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { changeOwnPassword } from "@/lib/accounts/change-password";
import { refusedState } from "@/lib/admin/action-state";
import { requireStaff, StaffAuthError } from "@/lib/auth/require-staff";
import type { ActionState } from "@/lib/auth/staff-action";

/** The one console action an account that must change its password may call. */
export async function changePasswordAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  let state: ActionState;
  try {
    const staff = await requireStaff(undefined, { allowPasswordChangePending: true });
    const text = (name: string) => String(form.get(name) ?? "");
    const result = await changeOwnPassword(await getDb(), staff, {
      currentPassword: text("currentPassword"),
      newPassword: text("newPassword"),
      newPasswordConfirm: text("newPasswordConfirm"),
    });
    state = result.ok ? { ok: true, message: "パスワードを変更しました。" } : refusedState(result);
  } catch (e) {
    if (e instanceof StaffAuthError) return { ok: false, code: e.code, message: e.message };
    const requestId = Math.random().toString(36).slice(2, 10);
    console.error(`[password-change ${requestId}]`, e);
    return { ok: false, code: "error", message: `処理中にエラーが発生しました（受付番号 ${requestId}）。もう一度お試しください。` };
  }
  if (state.ok && form.get("then") === "home") redirect("/admin?password=changed");
  return state;
}
