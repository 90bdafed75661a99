import Link from "next/link";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/require-staff";
import { menuFor } from "@/lib/admin/menu";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { LogoutButton } from "./logout-button";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  // First login or a reset password: nothing else until it is changed (server actions refuse too).
  if (staff.mustChangePassword) redirect("/admin/password");
  const menu = [{ href: "/admin", label: "ホーム" }, ...menuFor(staff.role)];
  return (
    <div className="min-h-screen">
      <header className="bg-slate-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="font-bold">予約管理システム</p>
          <div className="flex items-center gap-3 text-sm">
            <span>
              {staff.displayName}（{ROLE_LABELS[staff.role]}）
            </span>
            <Link href="/admin/password" className="rounded-md px-3 py-2 font-bold text-white underline hover:bg-slate-700">
              パスワード変更
            </Link>
            <LogoutButton />
          </div>
        </div>
        <nav aria-label="メニュー" className="mx-auto max-w-6xl px-4 pb-2">
          <ul className="flex flex-wrap gap-1">
            {menu.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="inline-block rounded-md px-4 py-2 font-bold text-white hover:bg-slate-700">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
