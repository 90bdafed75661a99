import type { Metadata } from "next";
import { Suspense } from "react";
import { StaffLoginForm } from "./login-form";

export const metadata: Metadata = { title: "職員ログイン" };

export default function StaffLoginPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="mb-2 text-2xl font-bold">職員ログイン</h1>
      <p className="mb-6 text-[var(--color-muted)]">予約管理システム（自治体・コールセンター・接種会場の職員用）</p>
      <div className="rounded-lg bg-white p-6 shadow-sm">
        <Suspense>
          <StaffLoginForm />
        </Suspense>
      </div>
    </main>
  );
}
