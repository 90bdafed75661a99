"use client";
// CSV upload for the console (接種券・会場・アカウント・予約枠): sends the file as the request
// body (streamed, no multipart) to /api/admin/import/<kind> and reads the NDJSON answer as it
// comes: a progress bar while the server reads the file, then the result — counts, or the bad
// lines with a link to the full report. Accounts' initial passwords can be downloaded once.
//
//   <CsvUpload kind="venues" />   kind: "vouchers" | "venues" | "accounts" | "slots"
import { useId, useRef, useState } from "react";
import { CSV_FORMATS } from "@/lib/import/csv-formats";
import { IMPORT_KIND_LABELS, type ImportEvent, type ImportKind, type ImportOutcome, type ImportProgress, type IssuedPassword } from "@/lib/import/types";

const PHASE_LABELS: Record<ImportProgress["phase"], string> = {
  reading: "ファイルを読み込んで確認しています",
  checking: "重複を確認しています",
  writing: "登録しています",
};

type State =
  | { step: "idle" }
  | { step: "running"; phase: ImportProgress["phase"]; lines: number; percent: number }
  | { step: "done"; outcome: ImportOutcome }
  | { step: "error"; message: string };

export interface CsvUploadProps {
  kind: ImportKind;
  /** where the upload goes (tests and other mounts); default /api/admin/import/<kind> */
  endpoint?: string;
  /** called after a successful import (e.g. router.refresh() of a list beside it) */
  onImported?: (outcome: Extract<ImportOutcome, { ok: true }>) => void;
}

function passwordsCsv(passwords: readonly IssuedPassword[]): string {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return `\uFEFFログインID,氏名,初期パスワード\r\n${passwords.map((p) => [p.loginId, p.displayName, p.password].map(q).join(",")).join("\r\n")}\r\n`;
}

export function CsvUpload({ kind, endpoint, onImported }: CsvUploadProps) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: "idle" });
  const [fileError, setFileError] = useState<string | null>(null);
  const [passwords, setPasswords] = useState<IssuedPassword[] | null>(null);
  const label = IMPORT_KIND_LABELS[kind];
  const format = CSV_FORMATS[kind];
  const running = state.step === "running";

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError("CSVファイルを選んでください。");
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    setPasswords(null);
    setState({ step: "running", phase: "reading", lines: 0, percent: 0 });
    try {
      const response = await fetch(endpoint ?? `/api/admin/import/${kind}`, {
        method: "POST",
        body: file,
        headers: { "Content-Type": "text/csv", "X-File-Name": encodeURIComponent(file.name) },
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setState({ step: "error", message: body?.message ?? `取り込めませんでした（${response.status}）。` });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let finished = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (value) buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          if (!line.trim()) continue;
          const message = JSON.parse(line) as ImportEvent;
          if (message.type === "progress") {
            const percent = file.size > 0 ? Math.min(100, Math.round((message.bytes / file.size) * 100)) : 100;
            setState({ step: "running", phase: message.phase, lines: message.lines, percent: message.phase === "reading" ? percent : 100 });
          } else if (message.type === "result") {
            finished = true;
            setState({ step: "done", outcome: message.outcome });
            if (message.outcome.ok) {
              if (message.outcome.passwords?.length) setPasswords(message.outcome.passwords);
              onImported?.(message.outcome);
            }
          } else {
            finished = true;
            setState({ step: "error", message: message.message });
          }
        }
        if (done) break;
      }
      if (!finished) setState({ step: "error", message: "取り込みの結果を受け取れませんでした。時間をおいて、登録されたかどうかを一覧で確認してください。" });
    } catch {
      setState({ step: "error", message: "通信できませんでした。ネットワークを確認して、もう一度お試しください。" });
    }
  }

  /** The passwords leave the page once: after the download they are forgotten. */
  function downloadPasswords() {
    if (!passwords) return;
    const url = URL.createObjectURL(new Blob([passwordsCsv(passwords)], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `initial-passwords-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setPasswords(null);
  }

  const outcome = state.step === "done" ? state.outcome : null;
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <h2 id={`${id}-heading`} className="text-lg font-bold">
        {label}のCSVを取り込む
      </h2>
      <details className="text-sm">
        <summary className="cursor-pointer font-bold">CSVの形式</summary>
        <p className="mt-2">
          列:{" "}
          {format.columns.map((c, i) => (
            <span key={c.label}>
              {i > 0 && "、"}
              {c.label}
              {!c.required && "（省略可）"}
            </span>
          ))}
        </p>
        <ul className="mt-2 list-disc pl-5">
          {format.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <p className="mt-2">例:</p>
        <pre className="overflow-x-auto rounded bg-slate-100 p-2">{format.example}</pre>
      </details>
      <form onSubmit={upload} className="flex flex-wrap items-end gap-3" noValidate>
        <div>
          <label htmlFor={`${id}-file`} className="mb-1 block font-bold">
            {label}のCSVファイル
          </label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".csv,text/csv"
            disabled={running}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${id}-file-error` : undefined}
            className="block min-h-12 rounded-md border-2 border-[var(--color-line)] bg-white p-2"
          />
          {fileError && (
            <p id={`${id}-file-error`} className="mt-1 text-red-700">
              {fileError}
            </p>
          )}
        </div>
        <button type="submit" className="btn-primary" disabled={running}>
          {running ? "取り込み中…" : "取り込む"}
        </button>
      </form>

      {state.step === "running" && (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="取り込みの進み具合"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={state.percent}
            aria-valuetext={`${state.percent}%（${state.lines.toLocaleString("ja-JP")}行）`}
            className="h-4 w-full overflow-hidden rounded bg-slate-200"
          >
            <div className="h-full bg-[var(--color-brand)] transition-all" style={{ width: `${state.percent}%` }} />
          </div>
          <p aria-live="polite">
            {PHASE_LABELS[state.phase]}…（{state.lines.toLocaleString("ja-JP")}行）
          </p>
        </div>
      )}

      {state.step === "error" && (
        <p role="alert" className="rounded-md bg-red-50 p-3 font-bold text-red-800">
          {state.message}
        </p>
      )}

      {outcome?.ok && (
        <div role="status" className="space-y-2 rounded-md bg-green-50 p-3">
          <p className="font-bold text-green-900">{outcome.message}</p>
          <p>
            読み込んだ行 {outcome.lines.toLocaleString("ja-JP")}行・新規 {outcome.created.toLocaleString("ja-JP")}件
            {kind === "venues" && `・更新 ${outcome.updated.toLocaleString("ja-JP")}件`}
          </p>
          {passwords && (
            <div className="space-y-2 rounded-md border-2 border-amber-500 bg-amber-50 p-3">
              <p className="font-bold">初期パスワードは今回だけダウンロードできます。ダウンロードして安全に本人へ渡してください（初回ログイン時に変更が必要です）。</p>
              <button type="button" className="btn-primary" onClick={downloadPasswords}>
                初期パスワード（{passwords.length}件）をダウンロード
              </button>
            </div>
          )}
          {outcome.created > 0 && kind === "accounts" && !passwords && <p>初期パスワードはダウンロード済みです（再表示はできません。必要なときはパスワードをリセットしてください）。</p>}
        </div>
      )}

      {outcome && !outcome.ok && (
        <div role="alert" className="space-y-2 rounded-md bg-red-50 p-3">
          <p className="font-bold text-red-800">{outcome.message}</p>
          {outcome.code === "invalid_file" && (
            <>
              <p>
                読み込んだ行 {outcome.lines.toLocaleString("ja-JP")}行・誤りのある行 {outcome.badLines.toLocaleString("ja-JP")}行
              </p>
              {outcome.jobId !== null && (
                <p>
                  <a className="font-bold text-[var(--color-brand)] underline" href={`/api/admin/import/jobs/${outcome.jobId}/report`} download>
                    誤りのある行の一覧をダウンロード（CSV・{outcome.badLines.toLocaleString("ja-JP")}行分）
                  </a>
                </p>
              )}
              <table className="w-full text-left text-sm">
                <caption className="text-left">誤りの例（最初の{Math.min(outcome.problems.length, 20)}件）</caption>
                <thead>
                  <tr>
                    <th scope="col" className="py-1 pr-2">行</th>
                    <th scope="col" className="py-1 pr-2">列</th>
                    <th scope="col" className="py-1">内容</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.problems.slice(0, 20).map((p, i) => (
                    <tr key={`${p.line}-${i}`} className="border-t border-[var(--color-line)]">
                      <td className="py-1 pr-2">{p.line}行目</td>
                      <td className="py-1 pr-2">{p.column || "—"}</td>
                      <td className="py-1">{p.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
