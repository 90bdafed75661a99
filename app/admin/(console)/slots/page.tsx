import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { Pagination } from "@/components/admin/pagination";
import { consoleStaff } from "@/lib/admin/console-staff";
import { pagingFrom, queryFrom } from "@/lib/admin/paging";
import { roleMay } from "@/lib/auth/permissions";
import { addDays, formatDateJa, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { mondayOf, slotWeek } from "@/lib/slots/slot-week";
import { listVenues } from "@/lib/venues/venues";
import { WeekGrid } from "./week-grid";

export const metadata: Metadata = { title: "予約枠" };
export const dynamic = "force-dynamic";

type Params = { venue?: string; week?: string; q?: string; page?: string };

export default async function SlotsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "slots.view")) return <p role="alert">予約枠を見る権限がありません。</p>;
  const params = await searchParams;
  const db = await getDb();
  const venueId = Number(params.venue);
  if (!Number.isInteger(venueId) || venueId <= 0) {
    // First choose a venue: the list is paged and searched on the server like the venue page.
    const paging = pagingFrom(params);
    const q = queryFrom(params);
    const list = await listVenues(db, staff, { q, paging });
    if (!list.ok) return <p role="alert">{list.reason}</p>;
    if (list.total === 1 && !q) {
      const only = list.rows[0]!;
      return <VenueWeek staffVenueId={only.id} week={params.week} />;
    }
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">予約枠</h1>
        <p>予約枠を見る会場を選んでください。</p>
        <form role="search" action="/admin/slots" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="slot-venue-q" className="block font-bold">
              会場コード・会場名で検索
            </label>
            <input id="slot-venue-q" name="q" type="search" defaultValue={q} className="field-input w-72" />
          </div>
          <button type="submit" className="btn-secondary">
            検索
          </button>
        </form>
        {list.rows.length === 0 ? (
          <p className="rounded-lg bg-white p-4">会場がありません。</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {list.rows.map((v) => (
              <li key={v.id}>
                <Link href={`/admin/slots?venue=${v.id}`} className="block min-h-12 rounded-lg border-2 border-[var(--color-line)] bg-white p-3 font-bold hover:border-[var(--color-brand)]">
                  <span className="mr-2 font-mono">{v.code}</span>
                  {v.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Pagination basePath="/admin/slots" params={{ q }} page={paging.page} pageSize={paging.limit} total={list.total} />
        {roleMay(staff.role, "slots.edit") && (
          <p>
            <Link href="/admin/slots/import" className="btn-secondary">
              CSVで一括登録
            </Link>
          </p>
        )}
      </div>
    );
  }
  return <VenueWeek staffVenueId={venueId} week={params.week} />;
}

async function VenueWeek({ staffVenueId, week }: { staffVenueId: number; week?: string }) {
  const staff = await consoleStaff();
  const today = tokyoDate(new Date());
  const day = week && isValidIsoDate(week) ? week : today;
  const result = await slotWeek(await getDb(), staff, staffVenueId, day);
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const { venue, monday, days, times, slots, vials, canEdit } = result;
  const weekHref = (d: string) => `/admin/slots?venue=${venue.id}&week=${d}`;
  const booked = slots.reduce((n, s) => n + s.bookedCount, 0);
  const capacity = slots.reduce((n, s) => n + s.capacity, 0);
  const overbook = slots.reduce((n, s) => n + s.overbookSeats, 0);
  const held = slots.reduce((n, s) => n + s.heldCount, 0);
  // Seats still to be had: open slots from today on (offer-only slots are booked through offers only).
  const left = slots.reduce((n, s) => n + (s.status === "open" && !s.offerOnly && s.date >= today ? Math.max(0, s.seatsLeft) : 0), 0);
  const wasted = vials.reduce((n, v) => n + v.wasted, 0);
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/slots" className="text-[var(--color-brand)] underline">
          会場を選び直す
        </Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">予約枠 — {venue.name}</h1>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            <Link href={`/admin/slots/pattern?venue=${venue.id}`} className="btn-primary">
              繰り返しで作成
            </Link>
            <Link href={`/admin/slots/new?venue=${venue.id}`} className="btn-secondary">
              1枠を作成
            </Link>
            <Link href="/admin/slots/import" className="btn-secondary">
              CSVで一括登録
            </Link>
          </div>
        )}
      </div>
      <nav aria-label="週の切り替え" className="flex flex-wrap items-center gap-2">
        <Link href={weekHref(addDays(monday, -7))} className="btn-secondary">
          ← 前の週
        </Link>
        <p className="px-2 text-lg font-bold" aria-live="polite">
          {formatDateJa(monday, true)}〜{formatDateJa(addDays(monday, 6))}
        </p>
        <Link href={weekHref(addDays(monday, 7))} className="btn-secondary">
          次の週 →
        </Link>
        {mondayOf(today) !== monday && (
          <Link href={weekHref(today)} className="btn-secondary">
            今週
          </Link>
        )}
      </nav>
      <p>
        この週: {slots.length}枠、予約 {booked.toLocaleString("ja-JP")}人／定員 {capacity.toLocaleString("ja-JP")}人
        {overbook > 0 && `（オーバーブッキング枠 +${overbook.toLocaleString("ja-JP")}人）`}
        {held > 0 && `、案内中の保留 ${held.toLocaleString("ja-JP")}人`}、今日以降の受付中の残り {left.toLocaleString("ja-JP")}人。
        {wasted > 0 && `今の予約のままでは、この週に${wasted.toLocaleString("ja-JP")}回分のワクチンが廃棄見込みです（下の「バイアル」の行）。`}
        枠を選ぶと詳細{canEdit ? "・定員や時間の変更・受付停止" : ""}を表示します。
        <span className="ml-2 inline-block rounded border-2 border-red-700 bg-red-50 px-1 text-sm">満席</span>
        <span className="ml-2 inline-block rounded border-2 border-slate-400 bg-slate-200 px-1 text-sm">受付停止</span>
      </p>
      {slots.length === 0 ? <p className="rounded-lg bg-white p-4">この週の予約枠はありません。</p> : <WeekGrid days={days} times={times} slots={slots} vials={vials} />}
      {slots.length > 0 && (
        <p className="text-sm text-[var(--color-muted)]">
          「超過枠」は会場のオーバーブッキングで定員を超えて受け付ける人数、「保留」はキャンセル待ちの方へ案内中で押さえている人数です。
          バイアルは、その日のワクチンごとの予約数から「開けるバイアルの本数（予約数÷1本の回数、切り上げ）」と「最後のバイアルで余る回数」を出しています。開けたバイアルは当日中に使い切る必要があります。
        </p>
      )}
    </div>
  );
}
