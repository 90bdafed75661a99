"use client";
// New account: login id, name, role, venues. On success the generated password is shown once.
// Typed values survive a refusal (the submit is handled here, so React does not reset the form).
import Link from "next/link";
import { startTransition, useActionState, useId } from "react";
import { OneTimePassword } from "@/components/admin/one-time-password";
import { ROLE_LABELS, type StaffRole } from "@/lib/auth/roles";
import type { ActionState } from "@/lib/auth/staff-action";
import { createAccountAction, type PasswordShown } from "./actions";

function Field({ name, label, hint, error, ...input }: { name: string; label: string; hint?: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
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
        className="field-input"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 font-bold text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function AccountCreateForm({ roles, ownVenues }: { roles: StaffRole[]; ownVenues: { code: string; name: string }[] | null }) {
  const [state, formAction, pending] = useActionState<ActionState<PasswordShown> | null, FormData>(createAccountAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const venueError = errors.venueCodes;
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <p role="status" className="font-bold text-green-800">
          {state.message}
        </p>
        <OneTimePassword loginId={state.loginId} password={state.password} heading={`${state.displayName}さんの初期パスワード`} />
        <p>
          <Link href="/admin/accounts" className="btn-secondary">
            アカウントの一覧へ
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form
      aria-label="アカウントの作成"
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="loginId" label="ログインID" hint="半角の英数字と . _ @ -（3〜64文字）" error={errors.loginId} required />
        <Field name="displayName" label="氏名" error={errors.displayName} required />
      </div>
      <fieldset aria-invalid={errors.role ? true : undefined} aria-describedby={errors.role ? "role-error" : undefined}>
        <legend className="font-bold">権限</legend>
        <div className="flex flex-wrap gap-2">
          {roles.map((r, i) => (
            <label key={r} className="flex min-h-12 cursor-pointer items-center gap-2 rounded-md border-2 border-[var(--color-line)] bg-white px-3 py-2">
              <input type="radio" name="role" value={r} defaultChecked={i === roles.length - 1} className="h-5 w-5" />
              {ROLE_LABELS[r]}
            </label>
          ))}
        </div>
        {errors.role && (
          <p id="role-error" className="mt-1 font-bold text-red-700">
            {errors.role}
          </p>
        )}
      </fieldset>
      {ownVenues ? (
        <fieldset aria-invalid={venueError ? true : undefined} aria-describedby={venueError ? "venue-error" : undefined}>
          <legend className="font-bold">担当会場</legend>
          <div className="flex flex-wrap gap-2">
            {ownVenues.map((v) => (
              <label key={v.code} className="flex min-h-12 cursor-pointer items-center gap-2 rounded-md border-2 border-[var(--color-line)] bg-white px-3 py-2">
                <input type="checkbox" name="venueCode" value={v.code} defaultChecked={ownVenues.length === 1} className="h-5 w-5" />
                {v.name}（{v.code}）
              </label>
            ))}
          </div>
          {venueError && (
            <p id="venue-error" className="mt-1 font-bold text-red-700">
              {venueError}
            </p>
          )}
        </fieldset>
      ) : (
        <Field
          name="venueCodes"
          label="担当会場の会場コード"
          hint="会場責任者・会場一般のときに入力します。複数のときは「M01, C01」のように区切ってください。"
          error={venueError}
        />
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "処理中…" : "作成して初期パスワードを発行する"}
      </button>
      <div aria-live="polite">
        {state && !state.ok && (
          <p role="alert" className="font-bold text-red-700">
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
