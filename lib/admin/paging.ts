// Server-side paging for the console's tables: ?page=N&q=..., never a whole table in the page.
export const PAGE_SIZE = 50;

export interface Paging {
  page: number;
  limit: number;
  offset: number;
}

export function pagingFrom(params: { page?: string | string[] }, pageSize = PAGE_SIZE): Paging {
  const raw = Array.isArray(params.page) ? params.page[0] : params.page;
  const n = Number(raw);
  const page = Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}

/** A search box's value: trimmed, at most 100 characters, or "" when absent. */
export function queryFrom(params: { q?: string | string[] }): string {
  const raw = Array.isArray(params.q) ? params.q[0] : params.q;
  return (raw ?? "").trim().slice(0, 100);
}
