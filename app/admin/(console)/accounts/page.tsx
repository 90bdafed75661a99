import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { Pagination } from "@/components/admin/pagination";
import { consoleStaff } from "@/lib/admin/console-staff";
import { pagingFrom, queryFrom } from "@/lib/admin/paging";
import { listAccounts } from "@/lib/accounts/accounts";
import { roleMay } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { tokyoDate, tokyoTime } from "@/lib/domain/dates";

export const metadata: Metadata = { title: "アカウント" };
export const dynamic = "force-dynamic";

export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "accounts")) return <p role="alert">アカウントを管理する権限がありません。</p>;
  const params = await searchParams;
  const paging = pagingFrom(params);
  const q = queryFrom(params);
  const result = await listAccounts(await getDb(), staff, { q, paging });
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">アカウント</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/accounts/new" className="btn-primary">
            アカウントを作成する
          </Link>
          {staff.role === "admin" && (
            <Link href="/admin/accounts/import" className="btn-secondary">
              CSVで一括登録
            </Link>
          )}
        </div>
      </div>
      {staff.role === "venue_manager" && <p>担当会場の会場一般アカウントを管理できます。</p>}
      <form role="search" action="/admin/accounts" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="account-q" className="block font-bold">
            ログインID・氏名で検索
          </label>
          <input id="account-q" name="q" type="search" defaultValue={q} className="field-input w-72" />
        </div>
        <button type="submit" className="btn-secondary">
          検索
        </button>
      </form>
      {result.rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4">{q ? "条件に合うアカウントはありません。" : "アカウントはありません。"}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left">
            <caption className="sr-only">アカウントの一覧</caption>
            <thead className="border-b-2 border-[var(--color-line)]">
              <tr>
                <th scope="col" className="p-3">ログインID</th>
                <th scope="col" className="p-3">氏名</th>
                <th scope="col" className="p-3">権限</th>
                <th scope="col" className="p-3">担当会場</th>
                <th scope="col" className="p-3">状態</th>
                <th scope="col" className="p-3">最終ログイン</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((a) => (
                <tr key={a.id} className={`border-b border-[var(--color-line)] ${a.disabled ? "text-[var(--color-muted)]" : ""}`}>
                  <td className="p-3 font-mono">
                    {a.canManage || a.id === staff.staffId ? (
                      <Link href={`/admin/accounts/${a.id}`} className="font-bold text-[var(--color-brand)] underline">
                        {a.loginId}
                      </Link>
                    ) : (
                      a.loginId
                    )}
                  </td>
                  <td className="p-3">{a.displayName}</td>
                  <td className="p-3">{ROLE_LABELS[a.role]}</td>
                  <td className="p-3 text-sm">{a.venues.length > 0 ? a.venues.map((v) => v.name).join("、") : a.role === "admin" || a.role === "call_center" ? "全会場" : "（未設定）"}</td>
                  <td className="p-3">
                    {a.disabled ? "無効" : a.mustChangePassword ? "有効（初回パスワード変更待ち）" : "有効"}
                    {!a.canManage && a.id !== staff.staffId && staff.role !== "admin" && <div className="text-sm">他の会場にも所属（管理者が変更します）</div>}
                  </td>
                  <td className="p-3 text-sm">{a.lastLoginAt ? `${tokyoDate(a.lastLoginAt)} ${tokyoTime(a.lastLoginAt)}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/admin/accounts" params={{ q }} page={paging.page} pageSize={paging.limit} total={result.total} />
    </div>
  );
}
