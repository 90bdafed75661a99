import type { Metadata } from "next";
import Link from "next/link";
import { sql, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { chatbotUnanswered } from "@/db/schema";
import { Pagination } from "@/components/admin/pagination";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { pagingFrom, queryFrom } from "@/lib/admin/paging";
import { listFaqCategories, listFaqPage } from "@/lib/chatbot/faq-admin";
import { FaqUpload } from "./faq-upload";

export const metadata: Metadata = { title: "FAQ" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 30;

export default async function FaqPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "settings")) return <p role="alert">FAQを管理する権限がありません（管理者のみ）。</p>;
  const params = await searchParams;
  const q = queryFrom(params as { q?: string });
  const category = queryFrom({ q: params.category });
  const paging = pagingFrom(params as { page?: string }, PAGE_SIZE);
  const deleted = queryFrom({ q: params.deleted });
  const db = await getDb();
  const [{ rows, total }, categories, [open]] = await Promise.all([
    listFaqPage(db, { q, category, limit: paging.limit, offset: paging.offset }),
    listFaqCategories(db),
    db.select({ n: sql<number>`count(*)::int` }).from(chatbotUnanswered).where(isNull(chatbotUnanswered.resolvedAt)),
  ]);
  const unanswered = Number(open?.n ?? 0);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">FAQ（チャットボット）</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/faq/new" className="btn-primary">
            FAQを追加する
          </Link>
          <Link href="/admin/faq/unanswered" className="btn-secondary">
            答えられなかった質問（{unanswered.toLocaleString("ja-JP")}件）
          </Link>
        </div>
      </div>
      {deleted && (
        <p role="status" className="font-bold text-green-800">
          FAQ「{deleted}」を削除しました。
        </p>
      )}

      <form method="get" action="/admin/faq" role="search" aria-label="FAQの検索" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <div className="min-w-64 flex-1">
          <label htmlFor="faq-q" className="block font-bold">
            キーワード
          </label>
          <input id="faq-q" name="q" type="search" defaultValue={q} className="field-input" placeholder="ID・質問・回答・言い換え" />
        </div>
        <div>
          <label htmlFor="faq-category" className="block font-bold">
            カテゴリ
          </label>
          <select id="faq-category" name="category" defaultValue={category} className="field-input">
            <option value="">すべて</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          検索する
        </button>
      </form>

      <section aria-labelledby="faq-list" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="faq-list" className="sr-only">
          FAQの一覧
        </h2>
        {rows.length === 0 ? (
          <p role="status">{q || category ? "条件に合うFAQはありません。" : "FAQはまだ登録されていません。CSVで取り込むか、「FAQを追加する」から登録してください。"}</p>
        ) : (
          <table className="w-full text-left">
            <caption className="sr-only">FAQ（ID順）</caption>
            <thead>
              <tr className="border-b">
                <th scope="col" className="py-2">ID</th>
                <th scope="col">質問</th>
                <th scope="col">カテゴリ</th>
                <th scope="col">言い換え</th>
                <th scope="col">英語</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b align-top">
                  <td className="py-2">
                    <Link href={`/admin/faq/${encodeURIComponent(r.id)}`} className="font-bold underline">
                      {r.id}
                    </Link>
                  </td>
                  <td>
                    <Link href={`/admin/faq/${encodeURIComponent(r.id)}`} className="underline" aria-label={`${r.id} ${r.question} を編集`}>
                      {r.question}
                    </Link>
                  </td>
                  <td>{r.category}</td>
                  <td>{r.alternatives.length}件</td>
                  <td>{r.answerEn ? "あり" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination basePath="/admin/faq" params={{ q, category }} page={paging.page} pageSize={PAGE_SIZE} total={total} />
      </section>

      <section aria-labelledby="faq-csv" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="faq-csv" className="mb-2 text-xl font-bold">
          CSVで取り込む・書き出す
        </h2>
        <p className="mb-3">
          <a href="/admin/faq/export" className="btn-secondary" download>
            いまのFAQをCSVで書き出す
          </a>
        </p>
        <FaqUpload />
      </section>
    </div>
  );
}
