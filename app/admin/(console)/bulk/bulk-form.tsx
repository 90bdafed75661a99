"use client";
// 一括予約: the list (pasted or a CSV file), 「確認する」 for the preview, 「予約する」 to book all
// that fit, then the result with a CSV download. The same form fields go to both actions.
import { useActionState, useMemo, useRef } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { FieldError } from "@/components/resident/field-error";
import { FormAlert } from "@/components/resident/form-alert";
import { formatDateJa, hhmm } from "@/lib/domain/dates";
import { commitBulkAction, previewBulkAction, type BulkCommitData, type BulkPreviewData } from "./actions";

type PreviewState = ActionState<BulkPreviewData> | null;
type CommitState = ActionState<BulkCommitData> | null;

function slotText(slot: { date: string; startTime: string; endTime: string; productName: string } | null): string {
  return slot ? `${formatDateJa(slot.date, true)} ${hhmm(slot.startTime)}〜${hhmm(slot.endTime)}（${slot.productName}）` : "";
}

export function BulkForm({ venues, defaultFrom, defaultTo }: { venues: { id: number; name: string }[]; defaultFrom: string; defaultTo: string }) {
  const [preview, previewAction, previewing] = useActionState<PreviewState, FormData>(previewBulkAction, null);
  const [commit, commitAction, committing] = useActionState<CommitState, FormData>(commitBulkAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = preview && !preview.ok ? (preview.fieldErrors ?? {}) : {};
  const csvHref = useMemo(() => (commit?.ok ? URL.createObjectURL(new Blob([commit.csv], { type: "text/csv;charset=utf-8" })) : null), [commit]);
  return (
    <div className="space-y-6">
      <form ref={formRef} action={previewAction} className="space-y-4 rounded-lg bg-white p-4 shadow-sm" noValidate>
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <label htmlFor="bulk-venue" className="block font-bold">会場</label>
            <select id="bulk-venue" name="venueId" className="field-input" aria-invalid={errors.venueId ? true : undefined} aria-describedby={errors.venueId ? "bulk-venue-error" : undefined}>
              {venues.map((v) => (
                <option key={v.id} value={v.id}>{v.name}</option>
              ))}
            </select>
            <FieldError id="bulk-venue-error" message={errors.venueId} />
          </div>
          <div>
            <label htmlFor="bulk-from" className="block font-bold">期間（開始日）</label>
            <input id="bulk-from" type="date" name="from" defaultValue={defaultFrom} className="field-input" aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "bulk-from-error" : undefined} />
            <FieldError id="bulk-from-error" message={errors.from} />
          </div>
          <div>
            <label htmlFor="bulk-to" className="block font-bold">期間（終了日）</label>
            <input id="bulk-to" type="date" name="to" defaultValue={defaultTo} className="field-input" aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "bulk-to-error" : undefined} />
            <FieldError id="bulk-to-error" message={errors.to} />
          </div>
        </div>
        <div>
          <label htmlFor="bulk-list" className="block font-bold">名簿（1行に1人: 接種券番号, 生年月日 [, 住所地外の自治体コード]）</label>
          <textarea
            id="bulk-list"
            name="list"
            rows={8}
            className="field-input font-mono"
            placeholder={"1000000001,1950-04-01\n1000000011\t1955/12/12"}
            aria-describedby={errors.list ? "bulk-list-error bulk-list-hint" : "bulk-list-hint"}
            aria-invalid={errors.list ? true : undefined}
          />
          <p id="bulk-list-hint" className="mt-1 text-sm text-[var(--color-muted)]">
            Excel から貼り付けても読み取れます。見出し行（接種券番号・生年月日・自治体コード）があっても構いません。最大500人。
          </p>
          <FieldError id="bulk-list-error" message={errors.list} />
        </div>
        <div>
          <label htmlFor="bulk-file" className="block font-bold">またはCSVファイル（UTF-8 / Shift_JIS）</label>
          <input id="bulk-file" type="file" name="file" accept=".csv,.txt,text/csv,text/plain" className="block min-h-12 py-2" />
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={previewing || committing} className="btn-secondary">
            {previewing ? "確認しています…" : "確認する（まだ予約しません）"}
          </button>
          {preview?.ok && preview.fits > 0 && preview.problems.length === 0 && (
            <button type="submit" formAction={commitAction} disabled={previewing || committing} className="btn-primary">
              {committing ? "予約しています…" : `${preview.fits}人を予約する`}
            </button>
          )}
        </div>
        <FormAlert message={preview && !preview.ok ? preview.message : commit && !commit.ok ? commit.message : null} />
      </form>

      <div aria-live="polite">
        {commit?.ok ? (
          <section aria-labelledby="bulk-result-h" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
            <h2 id="bulk-result-h" className="text-lg font-bold">予約の結果（{commit.venueName}）</h2>
            <p role="status" className="font-bold text-green-800">{commit.message}</p>
            {csvHref && (
              <a href={csvHref} download="一括予約結果.csv" className="btn-secondary">結果をCSVでダウンロード</a>
            )}
            <ResultTable rows={commit.rows.map((r) => ({ line: r.line, voucherNumber: r.voucherNumber, ok: r.booked, detail: r.booked ? `${slotText(r.slot)} 予約番号 ${r.reservationNumber}` : (r.reason ?? "") }))} okLabel="予約済み" />
          </section>
        ) : (
          preview?.ok && (
            <section aria-labelledby="bulk-preview-h" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
              <h2 id="bulk-preview-h" className="text-lg font-bold">確認（{preview.venueName}）</h2>
              <p role="status" className="font-bold">{preview.message}</p>
              {preview.problems.length > 0 && (
                <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3">
                  <p className="font-bold text-red-800">読めない行</p>
                  <ul className="list-disc pl-6">
                    {preview.problems.map((p) => (
                      <li key={p.line}>{p.line}行目: {p.reason}</li>
                    ))}
                  </ul>
                </div>
              )}
              <ResultTable rows={preview.rows.map((r) => ({ line: r.line, voucherNumber: r.voucherNumber, ok: r.slot !== null, detail: r.slot ? slotText(r.slot) : (r.reason ?? "") }))} okLabel="予約できます" />
            </section>
          )
        )}
      </div>
    </div>
  );
}

function ResultTable({ rows, okLabel }: { rows: { line: number; voucherNumber: string; ok: boolean; detail: string }[]; okLabel: string }) {
  return (
    <table className="w-full text-left">
      <thead>
        <tr>
          <th scope="col">行</th>
          <th scope="col">接種券番号</th>
          <th scope="col">結果</th>
          <th scope="col">予約枠 / 理由</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.line} className="border-t border-[var(--color-line)]">
            <td>{r.line}</td>
            <td>{r.voucherNumber}</td>
            <td className={r.ok ? "font-bold text-green-800" : "font-bold text-red-700"}>{r.ok ? okLabel : "予約できません"}</td>
            <td>{r.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
