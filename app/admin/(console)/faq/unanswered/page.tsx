import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ActionForm, SelectField, TextField } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { candidatesFor, getFaqEntry } from "@/lib/chatbot/faq-admin";
import { listUnanswered } from "@/lib/chatbot/unanswered";
import { addPhrasingAction, dismissUnansweredAction } from "../actions";

export const metadata: Metadata = { title: "答えられなかった質問" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 30;

function formatAt(at: Date): string {
  return at.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export default async function UnansweredPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "settings")) return <p role="alert">FAQを管理する権限がありません（管理者のみ）。</p>;
  const params = await searchParams;
  const after = typeof params.after === "string" && !Number.isNaN(Date.parse(params.after)) ? params.after : null;
  const afterId = Number(params.afterId);
  const done = params.done === "phrasing" ? "言い換えを追加しました。チャットボットは次の質問からこの言い換えで答えます。" : params.done === "dismissed" ? "対象外にしました。" : null;
  const db = await getDb();
  const { items, next } = await listUnanswered(db, {
    limit: PAGE_SIZE,
    after: after && Number.isInteger(afterId) && afterId > 0 ? { lastAskedAt: after, id: afterId } : undefined,
  });
  const rows = await Promise.all(
    items.map(async (item) => {
      const ranked = await candidatesFor(db, item.message);
      // The engine's best guess when it was asked comes first, even if the FAQ changed since.
      const best = item.bestFaqId && !ranked.some((c) => c.id === item.bestFaqId) ? await getFaqEntry(db, item.bestFaqId) : null;
      const candidates = best ? [{ id: best.id, question: best.question }, ...ranked] : ranked;
      return { item, candidates };
    }),
  );

  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/faq" className="underline">
          ← FAQの一覧へ
        </Link>
      </p>
      <h1 className="text-2xl font-bold">答えられなかった質問</h1>
      <p>
        チャットボットがコールセンターを案内した質問と、自信の低かった質問です（新しい順、電話番号・接種券番号・メールアドレスは＊＊＊に置き換えています）。
        「この言い換えとして追加」を押すと、選んだFAQの言い換えになり、次から同じ質問にそのFAQで答えます。
      </p>
      <div aria-live="polite">
        {done && (
          <p role="status" className="font-bold text-green-800">
            {done}
          </p>
        )}
      </div>
      {rows.length === 0 ? (
        <p role="status" className="rounded-lg bg-white p-4">
          対応が必要な質問はありません。
        </p>
      ) : (
        <ul className="space-y-4">
          {rows.map(({ item, candidates }) => (
            <li key={item.id} className="rounded-lg bg-white p-4 shadow-sm">
              <p className="text-lg font-bold">「{item.message}」</p>
              <p className="text-sm text-[var(--color-muted)]">
                {item.occurrences}回・最後は{formatAt(item.lastAskedAt)}・{item.channel === "line" ? "LINE" : "Web"}・
                {item.handedOff ? "コールセンターを案内" : "回答（自信が低い）"}・確信度 {Math.round(item.bestConfidence * 100)}%
              </p>
              <div className="mt-3 grid gap-4 lg:grid-cols-[2fr_1fr]">
                <ActionForm action={addPhrasingAction} submitLabel="この言い換えとして追加" ariaLabel={`「${item.message}」を言い換えとして追加`} redirectTo="/admin/faq/unanswered?done=phrasing">
                  <input type="hidden" name="unansweredId" value={item.id} />
                  <div className="grid gap-3 md:grid-cols-2">
                    {candidates.length > 0 ? (
                      <SelectField
                        name="faqId"
                        label="追加先のFAQ"
                        defaultValue={item.bestFaqId ?? candidates[0]!.id}
                        options={candidates.map((c) => ({ value: c.id, label: `${c.id}: ${c.question}` }))}
                      />
                    ) : (
                      <p>近いFAQが見つかりません。右の欄にFAQのIDを入力してください。</p>
                    )}
                    <TextField name="otherFaqId" label="別のFAQのID（入力したときはこちら）" hint="例: F12" />
                    <TextField className="md:col-span-2" name="phrasing" label="言い換えの文" defaultValue={item.message} hint="必要なら直してから追加できます（＊＊＊は消してください）。" />
                  </div>
                </ActionForm>
                <ActionForm action={dismissUnansweredAction} submitLabel="対象外にする" tone="secondary" ariaLabel={`「${item.message}」を対象外にする`} redirectTo="/admin/faq/unanswered?done=dismissed">
                  <input type="hidden" name="unansweredId" value={item.id} />
                  <p className="text-sm text-[var(--color-muted)]">FAQで答える内容でないとき（いたずら・対象外の質問）。</p>
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="ページ送り" className="flex flex-wrap gap-3">
        {after && (
          <Link href="/admin/faq/unanswered" className="btn-secondary">
            最新に戻る
          </Link>
        )}
        {next && (
          <Link href={`/admin/faq/unanswered?after=${encodeURIComponent(next.lastAskedAt)}&afterId=${next.id}`} className="btn-secondary">
            次の{PAGE_SIZE}件
          </Link>
        )}
      </nav>
    </div>
  );
}
