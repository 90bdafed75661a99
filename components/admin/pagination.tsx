// Previous / next links for a server-paged table; keeps the other search parameters.
import Link from "next/link";

export function Pagination({
  basePath,
  params,
  page,
  pageSize,
  total,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "page") search.set(k, v);
    if (p > 1) search.set("page", String(p));
    const qs = search.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label="ページ送り" className="mt-3 flex flex-wrap items-center gap-3">
      <p>
        全{total.toLocaleString("ja-JP")}件中 {from.toLocaleString("ja-JP")}〜{to.toLocaleString("ja-JP")}件（{page}/{pages}ページ）
      </p>
      {page > 1 && (
        <Link href={href(page - 1)} className="rounded-md border border-slate-400 px-3 py-2 font-bold">
          前へ
        </Link>
      )}
      {page < pages && (
        <Link href={href(page + 1)} className="rounded-md border border-slate-400 px-3 py-2 font-bold">
          次へ
        </Link>
      )}
    </nav>
  );
}
