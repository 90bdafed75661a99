import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { Pagination } from "@/components/admin/pagination";
import { consoleStaff } from "@/lib/admin/console-staff";
import { pagingFrom, queryFrom } from "@/lib/admin/paging";
import { roleMay } from "@/lib/auth/permissions";
import { VENUE_KIND_LABELS, type VenueKind } from "@/lib/venues/schemas";
import { listVenues } from "@/lib/venues/venues";

export const metadata: Metadata = { title: "会場" };
export const dynamic = "force-dynamic";

export default async function VenuesPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "venues.view")) return <p role="alert">会場を見る権限がありません。</p>;
  const params = await searchParams;
  const paging = pagingFrom(params);
  const q = queryFrom(params);
  const result = await listVenues(await getDb(), staff, { q, paging });
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const canEdit = roleMay(staff.role, "venues.edit");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">会場</h1>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/venues/new" className="btn-primary">
              会場を登録する
            </Link>
            <Link href="/admin/venues/import" className="btn-secondary">
              CSVで一括登録
            </Link>
          </div>
        )}
      </div>
      <form role="search" action="/admin/venues" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="venue-q" className="block font-bold">
            会場コード・会場名・住所で検索
          </label>
          <input id="venue-q" name="q" type="search" defaultValue={q} className="field-input w-72" />
        </div>
        <button type="submit" className="btn-secondary">
          検索
        </button>
      </form>
      {result.rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4">{q ? "条件に合う会場はありません。" : "会場はまだ登録されていません。"}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left">
            <caption className="sr-only">会場の一覧</caption>
            <thead className="border-b-2 border-[var(--color-line)]">
              <tr>
                <th scope="col" className="p-3">会場コード</th>
                <th scope="col" className="p-3">会場名</th>
                <th scope="col" className="p-3">種別</th>
                <th scope="col" className="p-3">住所・電話番号</th>
                <th scope="col" className="p-3">状態</th>
                <th scope="col" className="p-3"><span className="sr-only">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((v) => (
                <tr key={v.id} className="border-b border-[var(--color-line)]">
                  <td className="p-3 font-mono">{v.code}</td>
                  <td className="p-3">
                    <Link href={`/admin/venues/${v.id}`} className="font-bold text-[var(--color-brand)] underline">
                      {v.name}
                    </Link>
                  </td>
                  <td className="p-3">{VENUE_KIND_LABELS[v.kind as VenueKind] ?? v.kind}</td>
                  <td className="p-3 text-sm">
                    {v.address}
                    {v.phone && <div>{v.phone}</div>}
                  </td>
                  <td className="p-3">{v.active ? "受付中" : "休止"}</td>
                  <td className="p-3">
                    <Link href={`/admin/slots?venue=${v.id}`} className="inline-block rounded-md border border-slate-400 px-3 py-2 font-bold" aria-label={`${v.name}の予約枠`}>
                      予約枠
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/admin/venues" params={{ q }} page={paging.page} pageSize={paging.limit} total={result.total} />
    </div>
  );
}
