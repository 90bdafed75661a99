"use client";
// New account: login id, name, role, venues. On success the generated password is shown once.
// Typed values survive a refusal (the submit is handled here, so React does not reset the form).
import Link from "next/link";
import { startTransition, useActionState } from "react";
import { LabelledInput } from "@/components/admin/labelled-input";
import { OneTimePassword } from "@/components/admin/one-time-password";
import { ROLE_LABELS, type StaffRole } from "@/lib/auth/roles";
import type { ActionState } from "@/lib/auth/staff-action";
import { createAccountAction, type PasswordShown } from "./actions";

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
        <LabelledInput name="loginId" label="ログインID" hint="半角の英数字と . _ @ -（3〜64文字）" error={errors.loginId} required />
        <LabelledInput name="displayName" label="氏名" error={errors.displayName} required />
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
        <LabelledInput
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
