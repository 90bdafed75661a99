import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";
import { formatDateJa, hhmm, tokyoDate } from "@/lib/domain/dates";
import { STATUS_LABELS } from "@/lib/domain/reservation-status";
import { loadResidentStatus } from "@/lib/resident/status";
import { currentResident } from "@/lib/resident/session";
import { residentLogoutAction } from "./actions";

export const metadata: Metadata = { title: "マイページ" };
export const dynamic = "force-dynamic";

export default async function MyPage({ searchParams }: { searchParams: Promise<{ booked?: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const db = await getDb();
  const status = await loadResidentStatus(db, session.voucherId);
  if (!status) redirect("/login");
  const settings = await loadSettings(db);
  const today = tokyoDate(new Date());
  const masked = `******${status.voucherNumber.slice(-4)}`;
  const booked = (await searchParams).booked;
  const justBooked = booked ? status.reservations.find((r) => r.reservationNumber === booked) : undefined;

  return (
    <div className="space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">マイページ</h1>
          <p className="text-[var(--color-muted)]">接種券番号 {masked}</p>
        </div>
        <form action={residentLogoutAction}>
          <button type="submit" className="btn-secondary">
            ログアウト
          </button>
        </form>
      </div>

      {justBooked && (
        <div role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4">
          <p className="text-lg font-bold text-green-900">予約が完了しました</p>
          <p>
            予約番号 <span className="font-mono text-xl font-bold tracking-wider">{justBooked.reservationNumber}</span>
          </p>
          <p className="text-sm">当日は接種券と本人確認書類（マイナンバーカード・運転免許証・健康保険証など）をお持ちください。</p>
        </div>
      )}

      <section aria-labelledby="next-dose" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="next-dose" className="mb-2 text-lg font-bold">次の接種</h2>
        <p className="text-xl font-bold">{status.nextDose}回目の接種</p>
        <p>
          これまでの接種: {status.history.count}回
          {status.history.lastDoseDate && `（前回 ${formatDateJa(status.history.lastDoseDate, true)}）`}
        </p>
        {status.earliestDate === null ? (
          <p className="mt-2">{status.nextDose === 1 ? "予約できる枠があれば、いつでも予約できます。" : "前回の接種の記録が不足しているため、コールセンターにお問い合わせください。"}</p>
        ) : status.earliestDate <= today ? (
          <p className="mt-2">{formatDateJa(status.earliestDate, true)}以降の日に接種を受けられます。</p>
        ) : (
          <p className="mt-2 font-bold">
            {formatDateJa(status.earliestDate, true)}から接種を受けられます。それより前の日は予約できません。
          </p>
        )}
      </section>

      <section aria-labelledby="reservations" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="reservations" className="mb-2 text-lg font-bold">現在の予約</h2>
        {status.reservations.length === 0 ? (
          <div className="space-y-3">
            <p>現在、予約はありません。</p>
            <Link href="/slots" className="btn-primary w-full">
              日付から探して予約する
            </Link>
            <Link href="/venues" className="btn-secondary w-full">
              会場から探して予約する
            </Link>
          </div>
        ) : (
          <ul className="space-y-3">
            {status.reservations.map((r) => (
              <li key={r.id} className="rounded-lg border-2 border-[var(--color-line)] p-3">
                <p className="text-lg font-bold">
                  {formatDateJa(r.date, true)} {hhmm(r.startTime)}〜{hhmm(r.endTime)}
                </p>
                <p>{r.venueName}</p>
                <p className="text-sm text-[var(--color-muted)]">{r.venueAddress}</p>
                <p>
                  {r.doseNumber}回目・{r.productName}
                </p>
                <p>
                  予約番号 <span className="font-mono text-lg font-bold tracking-wider">{r.reservationNumber}</span>（{STATUS_LABELS[r.status]}）
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="by-phone" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="by-phone" className="mb-2 text-lg font-bold">予約・変更・キャンセルについて</h2>
        <p>お電話でも予約・変更・キャンセルを承ります。</p>
        {settings.callCenterPhone && (
          <p className="mt-1 text-lg font-bold">
            <a href={`tel:${settings.callCenterPhone.replace(/[^0-9+]/g, "")}`} className="text-[var(--color-brand)] underline">
              {settings.callCenterPhone}
            </a>
            <span className="ml-2 text-sm font-normal text-[var(--color-muted)]">{settings.callCenterHours}</span>
          </p>
        )}
      </section>
    </div>
  );
}
