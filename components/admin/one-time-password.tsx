"use client";
// A generated password, shown once after an account is created or its password reset, with a
// copy button. It is never stored in clear and cannot be shown again.
import { useState } from "react";

export function OneTimePassword({ loginId, password, heading }: { loginId: string; password: string; heading: string }) {
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <section aria-labelledby="otp-heading" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-4">
      <h2 id="otp-heading" className="text-lg font-bold">
        {heading}
      </h2>
      <dl className="my-3 grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
        <dt className="font-bold">ログインID</dt>
        <dd className="font-mono text-lg">{loginId}</dd>
        <dt className="font-bold">初期パスワード</dt>
        <dd>
          <span className="rounded bg-white px-2 py-1 font-mono text-2xl tracking-widest" data-testid="one-time-password">
            {password}
          </span>
        </dd>
      </dl>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={copy} className="btn-secondary">
          パスワードをコピー
        </button>
        <p aria-live="polite" className="font-bold">
          {copied === "ok" ? "コピーしました。" : copied === "failed" ? "コピーできませんでした。画面の文字を書き写してください。" : ""}
        </p>
      </div>
      <p className="mt-3">
        このパスワードは<strong>この画面でしか表示されません</strong>。ご本人に安全な方法でお伝えください。最初のログインで新しいパスワードへの変更が必要です。
      </p>
    </section>
  );
}
