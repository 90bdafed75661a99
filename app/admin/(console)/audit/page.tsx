import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { actionLabel, auditDiff, ENTITY_LABELS, entityLabel } from "@/lib/audit/audit-labels";
import { listAuditLog, type AuditFilters } from "@/lib/audit/list-audit";

export const metadata: Metadata = { title: "監査ログ" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim().slice(0, 64);

const ENTITY_OPTIONS = Object.entries(ENTITY_LABELS);

function formatAt(at: Date): string {
  return at.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "audit.view")) return <p role="alert">監査ログを見る権限がありません（管理者のみ）。</p>;
  const params = await searchParams;
  const form = { account: one(params.account), from: one(params.from), to: one(params.to), voucher: one(params.voucher), entity: one(params.entity) };
  const before = Number(one(params.before));
  const filters: AuditFilters = {
    account: form.account || undefined,
    from: form.from || undefined,
    to: form.to || undefined,
    voucherNumber: form.voucher || undefined,
    entity: form.entity || undefined,
    before: Number.isInteger(before) && before > 0 ? before : undefined,
  };
  const result = await listAuditLog(await getDb(), staff, filters);
  const problems = !result.ok && result.code === "invalid" ? ((result as { details?: Record<string, string> }).details ?? {}) : {};
  const query = (extra: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...form, ...extra })) if (v !== undefined && v !== "") search.set(k, String(v));
    const qs = search.toString();
    return qs ? `/admin/audit?${qs}` : "/admin/audit";
  };
  const field = (name: keyof typeof form, label: string, props: { type?: string; hint?: string; problem?: string }) => (
    <div>
      <label htmlFor={`audit-${name}`} className="block font-bold">
        {label}
      </label>
      <input
        id={`audit-${name}`}
        name={name}
        type={props.type ?? "text"}
        defaultValue={form[name]}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? `audit-${name}-error` : undefined}
        className="field-input"
        autoComplete="off"
        placeholder={props.hint}
      />
      {props.problem && (
        <p id={`audit-${name}-error`} className="mt-1 font-bold text-red-700">
          {props.problem}
        </p>
      )}
    </div>
  );

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">監査ログ</h1>
      <p>すべての変更と、住民の個人情報の閲覧の記録です（新しい順）。接種券番号での検索も記録されます。</p>
      <form method="get" action="/admin/audit" role="search" aria-label="監査ログの検索" className="rounded-lg bg-white p-4 shadow-sm">
        <div className="grid gap-3 md:grid-cols-3">
          {field("account", "アカウント（ログインID）", { hint: "例: admin", problem: problems.account })}
          {field("voucher", "接種券番号", { hint: "10桁", problem: problems.voucherNumber })}
          <div>
            <label htmlFor="audit-entity" className="block font-bold">
              種類
            </label>
            <select id="audit-entity" name="entity" defaultValue={form.entity} className="field-input">
              <option value="">すべて</option>
              {ENTITY_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {field("from", "開始日", { type: "date", problem: problems.from })}
          {field("to", "終了日", { type: "date", problem: problems.to })}
        </div>
        <div className="mt-3 flex flex-wrap gap-3">
          <button type="submit" className="btn-primary">
            検索する
          </button>
          <Link href="/admin/audit" className="btn-secondary">
            条件をクリア
          </Link>
        </div>
      </form>

      <div aria-live="polite">
        {!result.ok ? (
          <p role="alert" className="font-bold text-red-700">
            {result.reason}
          </p>
        ) : result.notice ? (
          <p role="status">{result.notice}</p>
        ) : result.rows.length === 0 ? (
          <p role="status">条件に合う記録はありません。</p>
        ) : (
          <p role="status">{filters.before ? "続きの" : "新しい順に"}{result.rows.length}件を表示しています。</p>
        )}
      </div>

      {result.ok && result.rows.length > 0 && (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">監査ログ</caption>
            <thead>
              <tr className="border-b bg-slate-50">
                <th scope="col" className="p-2">日時</th>
                <th scope="col" className="p-2">操作した人</th>
                <th scope="col" className="p-2">操作</th>
                <th scope="col" className="p-2">対象</th>
                <th scope="col" className="p-2">変更内容</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => {
                const diff = auditDiff(row.before, row.after);
                return (
                  <tr key={row.id} className="border-b align-top">
                    <td className="whitespace-nowrap p-2">{formatAt(row.at)}</td>
                    <td className="p-2">{row.actorName}</td>
                    <td className="p-2">{actionLabel(row.action)}</td>
                    <td className="p-2">
                      {entityLabel(row.entity)} {row.entityId !== "search" && row.entityId}
                      {row.voucherNumber && <div className="text-[var(--color-muted)]">接種券 {row.voucherNumber}</div>}
                    </td>
                    <td className="p-2">
                      {diff.length === 0 ? (
                        "—"
                      ) : (
                        <ul className="space-y-1">
                          {diff.map((d) => (
                            <li key={d.field}>
                              <span className="font-bold">{d.label}</span>:{" "}
                              {d.before !== null && d.after !== null ? (
                                <>
                                  <del className="text-red-800">{d.before}</del> <span aria-label="から">→</span> <ins className="text-green-800 no-underline">{d.after}</ins>
                                </>
                              ) : (
                                (d.after ?? `（削除前）${d.before}`)
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {result.ok && (
        <nav aria-label="ページ送り" className="flex flex-wrap gap-3">
          {filters.before && (
            <Link href={query({ before: undefined })} className="btn-secondary">
              最新に戻る
            </Link>
          )}
          {result.next && (
            <Link href={query({ before: result.next })} className="btn-secondary">
              次の50件（古い記録）
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
