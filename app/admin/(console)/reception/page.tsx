import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { asc, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { venues } from "@/db/schema";
import { currentStaff } from "@/lib/auth/require-staff";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { isVenueScoped } from "@/lib/auth/roles";
import { formatDateJa, hhmm, tokyoDate } from "@/lib/domain/dates";
import { mayRecordNoShow } from "@/lib/domain/no-show";
import { STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";
import { listVenueDay } from "@/lib/venue/day-list";
import { listLots } from "@/lib/venue/lots";
import { revertTarget } from "@/lib/venue/dose-correction";
import { ReceptionActions } from "./reception-actions";
import { ScanPanel } from "./scan-panel";

export const metadata: Metadata = { title: "受付" };
export const dynamic = "force-dynamic";

const ORDER: ReservationStatus[] = ["booked", "checked_in", "vaccinated", "screened_only", "no_show", "cancelled"];

function countsText(rows: readonly { status: string }[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  return ORDER.map((s) => `${STATUS_LABELS[s]} ${counts.get(s) ?? 0}`).join(" / ");
}

export default async function ReceptionPage({ searchParams }: { searchParams: Promise<{ venue?: string }> }) {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  if (!roleMay(staff.role, "reception")) {
    return <p role="alert">受付を操作する権限がありません。</p>;
  }
  const db = await getDb();
  const choices = isVenueScoped(staff.role)
    ? staff.venueIds.length > 0
      ? await db.select({ id: venues.id, name: venues.name }).from(venues).where(inArray(venues.id, [...staff.venueIds])).orderBy(asc(venues.code))
      : []
    : await db.select({ id: venues.id, name: venues.name }).from(venues).orderBy(asc(venues.code));
  if (choices.length === 0) return <p role="alert">担当の会場がありません。管理者にお問い合わせください。</p>;
  const requested = Number((await searchParams).venue);
  const venueId = choices.some((c) => c.id === requested) ? requested : choices[0]!.id;
  const now = new Date();
  const today = tokyoDate(now);
  const result = await listVenueDay(db, staff, venueId, today);
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const lotsResult = await listLots(db, staff, venueId, today);
  const lots = lotsResult.ok ? lotsResult.lots : [];
  const mayEditLots = staffMay(staff, "lots.edit", { venueId });
  const mayCorrect = staffMay(staff, "dose.correct", { venueId });

  const bySlot = new Map<string, typeof result.rows>();
  for (const row of result.rows) {
    const key = `${hhmm(row.startTime)}〜${hhmm(row.endTime)}`;
    bySlot.set(key, [...(bySlot.get(key) ?? []), row]);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">受付 — {result.venue.name}</h1>
        <p className="text-lg">{formatDateJa(today, true)}</p>
      </div>
      {choices.length > 1 && (
        <nav aria-label="会場の切り替え" className="flex flex-wrap gap-2">
          {choices.map((c) => (
            <Link key={c.id} href={`/admin/reception?venue=${c.id}`} aria-current={c.id === venueId ? "page" : undefined} className={c.id === venueId ? "btn-primary" : "btn-secondary"}>
              {c.name}
            </Link>
          ))}
        </nav>
      )}

      <ScanPanel venueId={venueId} lots={lots} />

      <section aria-labelledby="lots-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="lots-heading" className="text-lg font-bold">
            本日のロット
          </h2>
          {mayEditLots && (
            <Link href={`/admin/reception/lots?venue=${venueId}`} className="btn-secondary">
              ロットを登録・変更
            </Link>
          )}
        </div>
        {lots.length === 0 ? (
          <p>本日のロットは登録されていません。{mayEditLots ? "" : "接種時にロット番号を入力してください。"}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {lots.map((lot) => (
              <li key={lot.id} className="rounded bg-slate-100 px-3 py-1">
                {lot.productName}：{lot.lotNumber}
                {lot.expiresOn ? `（有効期限 ${formatDateJa(lot.expiresOn, true)}）` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <p aria-label="件数">
        予約 {result.rows.length}件：{countsText(result.rows)}
      </p>
      {result.rows.length === 0 && <p className="rounded-lg bg-white p-4">本日の予約はありません。</p>}
      {[...bySlot.entries()].map(([time, rows]) => (
        <section key={time} aria-label={time} className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="text-lg font-bold">
            {time}（{rows.length}人）
          </h2>
          <p className="mb-2 text-sm text-[var(--color-muted)]">{countsText(rows)}</p>
          <ul className="divide-y divide-[var(--color-line)]">
            {rows.map((r) => (
              <li key={r.reservationId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="font-bold">
                    {r.kanaName ?? "（氏名未登録）"} <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm">{STATUS_LABELS[r.status as ReservationStatus]}</span>
                  </p>
                  <p className="text-sm text-[var(--color-muted)]">
                    予約番号 {r.reservationNumber}・接種券番号 {r.voucherNumber}・{r.doseNumber}回目
                  </p>
                </div>
                <div className="flex flex-wrap items-start gap-2">
                  <ReceptionActions
                    reservationId={r.reservationId}
                    status={r.status}
                    productCode={r.productCode}
                    lots={lots}
                    noShowAllowed={mayRecordNoShow({ date: today, endTime: r.endTime }, now)}
                  />
                  {mayCorrect && (r.status === "vaccinated" || revertTarget(r.status)) && (
                    <Link href={`/admin/reception/correct/${r.reservationId}`} className="btn-secondary" aria-label={`訂正（予約番号 ${r.reservationNumber}）`}>
                      訂正
                    </Link>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
