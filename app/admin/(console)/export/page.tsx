import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { and, asc, count, desc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { doseCorrections, venues, vrsExports } from "@/db/schema";
import { currentStaff } from "@/lib/auth/require-staff";
import { roleMay } from "@/lib/auth/permissions";
import { vrsPendingSummary } from "@/lib/export/vrs";

export const metadata: Metadata = { title: "VRS出力" };
export const dynamic = "force-dynamic";

export default async function ExportPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  if (!roleMay(staff.role, "export.vrs")) return <p role="alert">VRS出力を行う権限がありません。</p>;
  const db = await getDb();
  const { error } = await searchParams;
  const venueList = await db.select({ id: venues.id, name: venues.name }).from(venues).orderBy(asc(venues.code));
  const summary = await vrsPendingSummary(db);
  const [reverted] = await db.select({ n: count() }).from(doseCorrections).where(and(eq(doseCorrections.kind, "revert"), eq(doseCorrections.afterExport, true)));
  const recent = await db
    .select()
    .from(vrsExports)
    .where(isNotNull(vrsExports.finishedAt))
    .orderBy(desc(vrsExports.finishedAt))
    .limit(10);
  const venueName = (id: number | null) => (id === null ? "全会場" : (venueList.find((v) => v.id === id)?.name ?? String(id)));

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">VRS出力（予防接種台帳向け）</h1>
      <section aria-labelledby="status" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="status" className="mb-2 text-lg font-bold">
          出力の状況
        </h2>
        <ul className="list-disc pl-6">
          <li>未出力または訂正後に未出力の接種記録：{summary.pending.toLocaleString("ja-JP")}件</li>
          <li>VRSへ出力した後に訂正・取り消しされた記録（再出力が必要。取り消しはVRS側でも削除してください）：{summary.reexport.toLocaleString("ja-JP")}件</li>
          <li>VRSへ出力した後に取り消した接種（VRS側で手作業の修正が必要）：{Number(reverted?.n ?? 0).toLocaleString("ja-JP")}件</li>
        </ul>
      </section>
      <section aria-labelledby="form-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="form-heading" className="mb-2 text-lg font-bold">
          CSVを出力
        </h2>
        {error && (
          <p role="alert" className="mb-2 font-bold text-red-700">
            {error}
          </p>
        )}
        <form method="post" action="/api/admin/export/vrs" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="from" className="block font-bold">
              接種日（から）
            </label>
            <input id="from" name="from" type="date" className="field-input" />
          </div>
          <div>
            <label htmlFor="to" className="block font-bold">
              接種日（まで）
            </label>
            <input id="to" name="to" type="date" className="field-input" />
          </div>
          <div>
            <label htmlFor="venueId" className="block font-bold">
              会場
            </label>
            <select id="venueId" name="venueId" className="field-input" defaultValue="">
              <option value="">全会場</option>
              {venueList.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="encoding" className="block font-bold">
              文字コード
            </label>
            <select id="encoding" name="encoding" className="field-input" defaultValue="utf8">
              <option value="utf8">UTF-8（改行 LF）</option>
              <option value="sjis">Shift_JIS（改行 CRLF）</option>
            </select>
          </div>
          <div className="flex items-center gap-2">
            <input id="onlyPending" name="onlyPending" type="checkbox" className="h-6 w-6" />
            <label htmlFor="onlyPending" className="font-bold">
              未出力・訂正分のみ
            </label>
          </div>
          <button type="submit" className="btn-primary">
            CSVをダウンロード
          </button>
        </form>
        <p className="mt-2 text-sm text-[var(--color-muted)]">
          期間・会場を空欄にするとすべての接種記録を出力します。出力は監査ログに記録され、出力した記録は「出力済み」になります。
        </p>
      </section>
      <section aria-labelledby="recent" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="recent" className="mb-2 text-lg font-bold">
          最近の出力
        </h2>
        {recent.length === 0 ? (
          <p>まだ出力していません。</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">出力日時</th>
                <th scope="col">接種日</th>
                <th scope="col">会場</th>
                <th scope="col">対象</th>
                <th scope="col">文字コード</th>
                <th scope="col">行数（接種件数）</th>
                <th scope="col">出力者</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id} className="border-t border-[var(--color-line)]">
                  <td className="py-1">{r.finishedAt!.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}</td>
                  <td className="py-1">
                    {r.dateFrom ?? "最初"}〜{r.dateTo ?? "最後"}
                  </td>
                  <td className="py-1">{venueName(r.venueId)}</td>
                  <td className="py-1">{r.onlyPending ? "未出力・訂正分" : "すべて"}</td>
                  <td className="py-1">{r.encoding === "sjis" ? "Shift_JIS" : "UTF-8"}</td>
                  <td className="py-1">
                    {r.rows ?? 0}（{r.doses ?? 0}）
                  </td>
                  <td className="py-1">{r.actor === "cli" ? "コマンド" : r.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
