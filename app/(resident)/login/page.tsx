import type { Metadata } from "next";
import { residentLoginAction } from "./actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "ログイン" };

export default function LoginPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">接種券番号でログイン</h1>
      <p>接種券に書かれている接種券番号と、接種を受ける方の生年月日を入力してください。</p>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <LoginForm action={residentLoginAction} />
      </div>
      <p className="text-sm text-[var(--color-muted)]">
        5回続けて間違えると、その接種券番号では15分間ログインできなくなります。
      </p>
    </div>
  );
}
