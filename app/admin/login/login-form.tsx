"use client";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";

const INVALID = "ログインIDまたはパスワードが正しくありません。";

export function StaffLoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      loginId: String(form.get("loginId") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(!result?.error || result.error === "CredentialsSignin" ? INVALID : result.error);
      return;
    }
    const callbackUrl = params.get("callbackUrl");
    router.push(callbackUrl?.startsWith("/admin") ? callbackUrl : "/admin");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div aria-live="assertive">
        {error && (
          <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
            {error}
          </div>
        )}
      </div>
      <div>
        <label htmlFor="loginId" className="mb-1 block font-bold">
          ログインID
        </label>
        <input id="loginId" name="loginId" autoComplete="username" className="field-input" required />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-bold">
          パスワード
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" className="field-input" required />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "確認しています…" : "ログイン"}
      </button>
    </form>
  );
}
