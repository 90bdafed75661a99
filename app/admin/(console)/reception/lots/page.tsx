import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { vaccineProducts, venues } from "@/db/schema";
import { currentStaff } from "@/lib/auth/require-staff";
import { roleMay } from "@/lib/auth/permissions";
import { isVenueScoped } from "@/lib/auth/roles";
import { addDays, formatDateJa, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { listLots } from "@/lib/venue/lots";
import { AddLotForm, RemoveLotButton } from "./lot-forms";

export const metadata: Metadata = { title: "本日のロット" };
export const dynamic = "force-dynamic";

export default async function LotsPage({ searchParams }: { searchParams: Promise<{ venue?: string; date?: string }> }) {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  if (!roleMay(staff.role, "lots.edit")) return <p role="alert">ロットを登録する権限がありません。</p>;
  const db = await getDb();
  const choices = isVenueScoped(staff.role)
    ? staff.venueIds.length > 0
      ? await db.select({ id: venues.id, name: venues.name }).from(venues).where(inArray(venues.id, [...staff.venueIds])).orderBy(asc(venues.code))
      : []
    : await db.select({ id: venues.id, name: venues.name }).from(venues).orderBy(asc(venues.code));
  if (choices.length === 0) return <p role="alert">担当の会場がありません。管理者にお問い合わせください。</p>;
  const params = await searchParams;
  const venueId = choices.some((c) => c.id === Number(params.venue)) ? Number(params.venue) : choices[0]!.id;
  const today = tokyoDate(new Date());
  const date = params.date && isValidIsoDate(params.date) ? params.date : today;
  const venue = choices.find((c) => c.id === venueId)!;
  const result = await listLots(db, staff, venueId, date);
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const products = await db.select({ code: vaccineProducts.code, name: vaccineProducts.name }).from(vaccineProducts).where(eq(vaccineProducts.active, true)).orderBy(asc(vaccineProducts.sortOrder));

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">
        ロット — {venue.name}・{formatDateJa(date, true)}
      </h1>
      <nav aria-label="日付" className="flex flex-wrap gap-2">
        <Link href={`/admin/reception/lots?venue=${venueId}&date=${addDays(date, -1)}`} className="btn-secondary">
          ‹ 前の日
        </Link>
        <Link href={`/admin/reception/lots?venue=${venueId}&date=${today}`} className="btn-secondary" aria-current={date === today ? "date" : undefined}>
          本日
        </Link>
        <Link href={`/admin/reception/lots?venue=${venueId}&date=${addDays(date, 1)}`} className="btn-secondary">
          次の日 ›
        </Link>
        <Link href={`/admin/reception?venue=${venueId}`} className="btn-secondary">
          受付に戻る
        </Link>
      </nav>
      {choices.length > 1 && (
        <nav aria-label="会場の切り替え" className="flex flex-wrap gap-2">
          {choices.map((c) => (
            <Link key={c.id} href={`/admin/reception/lots?venue=${c.id}&date=${date}`} aria-current={c.id === venueId ? "page" : undefined} className={c.id === venueId ? "btn-primary" : "btn-secondary"}>
              {c.name}
            </Link>
          ))}
        </nav>
      )}
      <section aria-labelledby="lot-list" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="lot-list" className="mb-2 text-lg font-bold">
          登録済みのロット
        </h2>
        {result.lots.length === 0 ? (
          <p>この日のロットはまだありません。</p>
        ) : (
          <table className="w-full text-left">
            <thead>
              <tr>
                <th scope="col">ワクチン</th>
                <th scope="col">ロット番号</th>
                <th scope="col">有効期限</th>
                <th scope="col">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.lots.map((lot) => (
                <tr key={lot.id} className="border-t border-[var(--color-line)]">
                  <td className="py-2">{lot.productName}</td>
                  <td className="py-2 font-bold">{lot.lotNumber}</td>
                  <td className="py-2">{lot.expiresOn ? formatDateJa(lot.expiresOn, true) : "—"}</td>
                  <td className="py-2 text-right">
                    <RemoveLotButton lotId={lot.id} lotNumber={lot.lotNumber} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="lot-add" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="lot-add" className="mb-2 text-lg font-bold">
          ロットを登録
        </h2>
        <AddLotForm venueId={venueId} date={date} products={products} />
      </section>
    </div>
  );
}
