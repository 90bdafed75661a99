import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consoleStaff } from "@/lib/admin/console-staff";
import { assignableVenues } from "@/lib/accounts/accounts";
import { roleMay } from "@/lib/auth/permissions";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { AccountCreateForm } from "../account-create-form";

export const metadata: Metadata = { title: "アカウントの作成" };
export const dynamic = "force-dynamic";

export default async function NewAccountPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "accounts")) return <p role="alert">アカウントを管理する権限がありません。</p>;
  const venues = await assignableVenues(await getDb(), staff);
  if (venues && venues.length === 0) return <p role="alert">担当の会場がありません。管理者にお問い合わせください。</p>;
  // The admin may create any role; a venue manager only 会場一般 of their own venues.
  const roles = staff.role === "admin" ? [...STAFF_ROLES] : (["venue_staff"] as const);
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/accounts" className="text-[var(--color-brand)] underline">
          アカウントの一覧に戻る
        </Link>
      </p>
      <h1 className="text-2xl font-bold">アカウントの作成</h1>
      <p>初期パスワードは自動で作成し、作成後に一度だけ表示します。最初のログインで変更していただきます。</p>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <AccountCreateForm roles={[...roles]} ownVenues={venues ? venues.map((v) => ({ code: v.code, name: v.name })) : null} />
      </section>
    </div>
  );
}
