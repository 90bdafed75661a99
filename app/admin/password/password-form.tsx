"use client";
// Current password, new password twice. Typed values survive a refusal (no automatic form reset).
import { startTransition, useActionState } from "react";
import { LabelledInput } from "@/components/admin/labelled-input";
import type { ActionState } from "@/lib/auth/staff-action";
import { changePasswordAction } from "./actions";

export function PasswordForm({ minLength, loginId }: { minLength: number; loginId: string }) {
  const [state, formAction, pending] = useActionState<ActionState | null, FormData>(changePasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form
      aria-label="パスワードの変更"
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {/* For password managers: which account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={loginId} readOnly hidden />
      <input type="hidden" name="then" value="home" />
      <LabelledInput name="currentPassword" label="今のパスワード" autoComplete="current-password" hint="初めてのログインでは、お知らせした初期パスワードです。" error={errors.currentPassword} type="password" required />
      <LabelledInput name="newPassword" label="新しいパスワード" autoComplete="new-password" hint={`${minLength}文字以上。ログインIDと同じものや、今と同じものは使えません。`} error={errors.newPassword} type="password" required />
      <LabelledInput name="newPasswordConfirm" label="新しいパスワード（確認のためもう一度）" autoComplete="new-password" error={errors.newPasswordConfirm} type="password" required />
      <div aria-live="assertive">
        {state && !state.ok && (
          <p role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
            {state.message}
          </p>
        )}
        {state?.ok && (
          <p role="status" className="font-bold text-green-800">
            {state.message}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "変更しています…" : "パスワードを変更する"}
      </button>
    </form>
  );
}
