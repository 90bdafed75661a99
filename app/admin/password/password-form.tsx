"use client";
// Current password, new password twice. Typed values survive a refusal (no automatic form reset).
import { startTransition, useActionState, useId } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { changePasswordAction } from "./actions";

function PasswordField({ name, label, autoComplete, hint, error }: { name: string; label: string; autoComplete: string; hint?: string; error?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-bold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-[var(--color-muted)]">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        className="field-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 font-bold text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

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
      <PasswordField name="currentPassword" label="今のパスワード" autoComplete="current-password" hint="初めてのログインでは、お知らせした初期パスワードです。" error={errors.currentPassword} />
      <PasswordField name="newPassword" label="新しいパスワード" autoComplete="new-password" hint={`${minLength}文字以上。ログインIDと同じものや、今と同じものは使えません。`} error={errors.newPassword} />
      <PasswordField name="newPasswordConfirm" label="新しいパスワード（確認のためもう一度）" autoComplete="new-password" error={errors.newPasswordConfirm} />
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
