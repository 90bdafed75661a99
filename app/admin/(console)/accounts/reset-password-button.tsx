"use client";
// 「パスワードを再発行する」: asks once more, then shows the new password once.
import { startTransition, useActionState, useState } from "react";
import { OneTimePassword } from "@/components/admin/one-time-password";
import type { ActionState } from "@/lib/auth/staff-action";
import { resetPasswordAction, type PasswordShown } from "./actions";

export function ResetPasswordButton({ accountId, loginId }: { accountId: number; loginId: string }) {
  const [state, formAction, pending] = useActionState<ActionState<PasswordShown> | null, FormData>(resetPasswordAction, null);
  const [asking, setAsking] = useState(false);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <p role="status" className="font-bold text-green-800">
          {state.message}
        </p>
        <OneTimePassword loginId={state.loginId} password={state.password} heading="新しい初期パスワード" />
      </div>
    );
  }
  return (
    <form
      aria-label="パスワードの再発行"
      onSubmit={(e) => {
        e.preventDefault();
        if (!asking) {
          setAsking(true);
          return;
        }
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="accountId" value={accountId} />
      <div aria-live="polite">
        {asking && !state && <p className="mb-2 font-bold text-amber-800">「{loginId}」の今のパスワードは使えなくなります。よろしければもう一度押してください。</p>}
        {state && !state.ok && (
          <p role="alert" className="mb-2 font-bold text-red-700">
            {state.message}
          </p>
        )}
      </div>
      <button type="submit" className={asking ? "btn-primary bg-amber-700" : "btn-secondary"} disabled={pending}>
        {pending ? "処理中…" : asking ? "パスワードを再発行する（確定）" : "パスワードを再発行する"}
      </button>
    </form>
  );
}
