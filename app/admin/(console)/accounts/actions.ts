"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formValues, refusedState } from "@/lib/admin/action-state";
import { createAccount, resetAccountPassword, setAccountDisabled } from "@/lib/accounts/accounts";
import { splitVenueCodes } from "@/lib/accounts/schemas";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { staffAction, type ActionState } from "@/lib/auth/staff-action";

/** What the page shows once: the login id and the generated password (never stored in clear). */
export type PasswordShown = { loginId: string; displayName: string; password: string };

export async function createAccountAction(_prev: ActionState<PasswordShown> | null, form: FormData): Promise<ActionState<PasswordShown>> {
  return staffAction<PasswordShown>("accounts", async (staff) => {
    const values = formValues(form);
    // Venue managers tick their venues (venueCode, repeated); the admin types codes (venueCodes).
    const venueCodes = [...form.getAll("venueCode").map(String), ...splitVenueCodes(values.venueCodes ?? "")];
    const result = await createAccount(await getDb(), staff, { loginId: values.loginId ?? "", displayName: values.displayName ?? "", role: values.role as never, venueCodes });
    if (!result.ok) {
      if (result.code === "duplicate_login_id") return { ok: false, code: result.code, message: "入力内容を確認してください。", fieldErrors: { loginId: result.reason } };
      return refusedState(result);
    }
    return {
      ok: true,
      message: `${ROLE_LABELS[result.account.role]}のアカウント「${result.account.loginId}」を作成しました。`,
      loginId: result.account.loginId,
      displayName: result.account.displayName,
      password: result.password,
    };
  });
}

const accountId = z.coerce.number().int().positive();

export async function setAccountDisabledAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("accounts", async (staff) => {
    const id = accountId.safeParse(form.get("accountId"));
    const disabled = form.get("disabled");
    if (!id.success || (disabled !== "true" && disabled !== "false")) return { ok: false, message: "アカウントが見つかりません。" };
    const result = await setAccountDisabled(await getDb(), staff, id.data, disabled === "true");
    if (!result.ok) return refusedState(result);
    return { ok: true, message: `「${result.account.loginId}」を${disabled === "true" ? "無効" : "有効"}にしました。` };
  });
}

export async function resetPasswordAction(_prev: ActionState<PasswordShown> | null, form: FormData): Promise<ActionState<PasswordShown>> {
  return staffAction<PasswordShown>("accounts", async (staff) => {
    const id = accountId.safeParse(form.get("accountId"));
    if (!id.success) return { ok: false, message: "アカウントが見つかりません。" };
    const result = await resetAccountPassword(await getDb(), staff, id.data);
    if (!result.ok) return refusedState(result);
    return {
      ok: true,
      message: `「${result.account.loginId}」のパスワードを再発行しました。`,
      loginId: result.account.loginId,
      displayName: result.account.displayName,
      password: result.password,
    };
  });
}
