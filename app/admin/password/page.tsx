import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/require-staff";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { LogoutButton } from "../(console)/logout-button";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "パスワードの変更" };
export const dynamic = "force-dynamic";

// Outside the console layout on purpose: the layout sends an account that must change its
// password here, and this page must not send it back.
export default async function PasswordPage() {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  const required = staff.mustChangePassword;
  return (
    <div className="min-h-screen">
      <header className="bg-slate-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="font-bold">予約管理システム</p>
          <div className="flex items-center gap-3 text-sm">
            <span>{staff.displayName}</span>
            <LogoutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-md px-4 py-8">
        {!required && (
          <p className="mb-4">
            <Link href="/admin" className="text-[var(--color-brand)] underline">
              管理画面に戻る
            </Link>
          </p>
        )}
        <h1 className="mb-2 text-2xl font-bold">パスワードの変更</h1>
        {required && (
          <p role="status" className="mb-4 rounded-lg border-2 border-amber-600 bg-amber-50 p-3 font-bold">
            初めてのログイン、またはパスワードの再発行のあとです。続けるには、新しいパスワードを設定してください。
          </p>
        )}
        <div className="rounded-lg bg-white p-6 shadow-sm">
          <PasswordForm minLength={PASSWORD_MIN_LENGTH} loginId={staff.loginId} />
        </div>
      </main>
    </div>
  );
}
