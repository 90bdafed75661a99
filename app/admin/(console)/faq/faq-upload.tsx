"use client";
// The FAQ CSV upload: posts the file to /admin/faq/import and shows the result, with every bad
// line when the file was refused (nothing is written then).
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { LineReport } from "@/components/admin/form-kit";

interface Reply {
  ok: boolean;
  message: string;
  problems?: { line: number; message: string }[];
}

export function FaqUpload() {
  const router = useRouter();
  const id = useId();
  const [reply, setReply] = useState<Reply | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      aria-label="FAQのCSV取り込み"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setReply(null);
        try {
          const res = await fetch("/admin/faq/import", { method: "POST", body: new FormData(e.currentTarget) });
          const body = (await res.json().catch(() => null)) as Reply | null;
          setReply(body ?? { ok: false, message: `取り込めませんでした（${res.status}）。` });
          if (body?.ok) router.refresh();
        } catch {
          setReply({ ok: false, message: "通信できませんでした。もう一度お試しください。" });
        } finally {
          setPending(false);
        }
      }}
      className="space-y-3"
    >
      <div>
        <label htmlFor={`${id}-file`} className="block font-bold">
          CSVファイル
        </label>
        <p id={`${id}-hint`} className="text-sm text-[var(--color-muted)]">
          列: ID, 質問, 回答, 言い換え（| 区切り）, カテゴリ [, 回答(英語)]。UTF-8 または Shift_JIS。誤りが1行でもあれば何も登録しません。
        </p>
        <input id={`${id}-file`} name="file" type="file" accept=".csv,text/csv" required aria-describedby={`${id}-hint`} className="field-input" />
      </div>
      <fieldset>
        <legend className="font-bold">ファイルにないFAQ</legend>
        <div className="flex flex-wrap gap-2">
          <label className="flex min-h-12 items-center gap-2 rounded-md border-2 border-[var(--color-line)] bg-white px-3 py-2">
            <input type="radio" name="keepMissing" value="false" defaultChecked className="h-5 w-5" />
            削除する（ファイルの内容で置き換える）
          </label>
          <label className="flex min-h-12 items-center gap-2 rounded-md border-2 border-[var(--color-line)] bg-white px-3 py-2">
            <input type="radio" name="keepMissing" value="true" className="h-5 w-5" />
            残す（追加・更新のみ）
          </label>
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="btn-primary">
        {pending ? "取り込み中…" : "取り込む"}
      </button>
      <div aria-live="polite">
        {reply &&
          (reply.ok ? (
            <p role="status" className="font-bold text-green-800">
              {reply.message}
            </p>
          ) : (
            <div role="alert">
              <p className="font-bold text-red-700">{reply.message}</p>
              <LineReport problems={reply.problems ?? []} />
            </div>
          ))}
      </div>
    </form>
  );
}
