import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { vaccineProducts } from "@/db/schema";
import { currentStaff } from "@/lib/auth/require-staff";
import { roleMay } from "@/lib/auth/permissions";
import { formatDateJa, hhmm, tokyoDate } from "@/lib/domain/dates";
import { STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";
import { loadCorrectionView, revertTarget } from "@/lib/venue/dose-correction";
import { CorrectDoseForm, RevertForm } from "./correction-forms";

export const metadata: Metadata = { title: "接種記録の訂正" };
export const dynamic = "force-dynamic";

function describe(value: unknown): string {
  if (!value || typeof value !== "object") return "—";
  const v = value as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof v.status === "string") parts.push(STATUS_LABELS[v.status as ReservationStatus] ?? v.status);
  if (typeof v.productCode === "string") parts.push(v.productCode);
  if (typeof v.lotNumber === "string") parts.push(`ロット ${v.lotNumber}`);
  if (typeof v.administeredOn === "string") parts.push(v.administeredOn);
  const dose = v.dose as Record<string, unknown> | undefined;
  if (dose && typeof dose.lotNumber === "string") parts.push(`接種記録（ロット ${dose.lotNumber}）を取消`);
  return parts.join("・") || "—";
}

export default async function CorrectionPage({ params }: { params: Promise<{ reservationId: string }> }) {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  if (!roleMay(staff.role, "dose.correct")) return <p role="alert">接種記録を訂正する権限がありません。</p>;
  const id = Number((await params).reservationId);
  if (!Number.isInteger(id) || id <= 0) return <p role="alert">予約が見つかりません。</p>;
  const db = await getDb();
  const view = await loadCorrectionView(db, staff, id);
  if (!view.ok) return <p role="alert">{view.reason}</p>;
  const { reservation, slot, dose } = view;
  const status = reservation.status as ReservationStatus;
  const target = revertTarget(status);
  const products = await db.select({ code: vaccineProducts.code, name: vaccineProducts.name }).from(vaccineProducts).orderBy(asc(vaccineProducts.sortOrder));
  const productName = (code: string) => products.find((p) => p.code === code)?.name ?? code;

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">接種記録の訂正</h1>
      <Link href={`/admin/reception?venue=${slot.venueId}`} className="btn-secondary">
        受付に戻る
      </Link>
      <section aria-labelledby="reservation" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="reservation" className="mb-2 text-lg font-bold">
          予約
        </h2>
        <dl className="grid grid-cols-[10rem_1fr] gap-1">
          <dt className="font-bold">氏名</dt>
          <dd>{view.kanaName ?? "（氏名未登録）"}</dd>
          <dt className="font-bold">予約番号</dt>
          <dd>{reservation.reservationNumber}</dd>
          <dt className="font-bold">接種券番号</dt>
          <dd>{view.voucherNumber}</dd>
          <dt className="font-bold">会場・日時</dt>
          <dd>
            {view.venueName}・{formatDateJa(slot.date, true)} {hhmm(slot.startTime)}〜{hhmm(slot.endTime)}
          </dd>
          <dt className="font-bold">接種回数</dt>
          <dd>{reservation.doseNumber}回目</dd>
          <dt className="font-bold">状態</dt>
          <dd>{STATUS_LABELS[status]}</dd>
          {dose && (
            <>
              <dt className="font-bold">接種記録</dt>
              <dd>
                {productName(dose.productCode)}・ロット {dose.lotNumber}・{formatDateJa(dose.administeredOn, true)}
              </dd>
            </>
          )}
        </dl>
        {view.reexport && (
          <p role="status" className="mt-2 font-bold text-amber-800">
            VRSへ出力した後に訂正されています。次のVRS出力（未出力・訂正分）に含まれます。
          </p>
        )}
      </section>

      {dose && (
        <section aria-labelledby="correct-dose" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="correct-dose" className="mb-2 text-lg font-bold">
            ワクチン・ロット・接種日を訂正
          </h2>
          <CorrectDoseForm doseRecordId={dose.id} productCode={dose.productCode} lotNumber={dose.lotNumber} administeredOn={dose.administeredOn} today={tokyoDate(new Date())} products={products} />
        </section>
      )}

      {target && (
        <section aria-labelledby="revert" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="revert" className="mb-2 text-lg font-bold">
            誤って記録した状態を取り消す
          </h2>
          <p className="mb-2">
            「{STATUS_LABELS[status]}」を取り消して「{STATUS_LABELS[target]}」に戻します。
            {status === "vaccinated" && "接種記録は取り消され、訂正履歴に残ります。"}
            {(status === "screened_only" || status === "no_show") && "一緒に取り消された2回目の予約は元に戻りません（必要なら予約し直してください）。"}
          </p>
          <RevertForm reservationId={reservation.id} label={`「${STATUS_LABELS[target]}」に戻す`} />
        </section>
      )}

      <section aria-labelledby="history" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="history" className="mb-2 text-lg font-bold">
          訂正の履歴
        </h2>
        {view.history.length === 0 ? (
          <p>訂正はありません。</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">訂正者</th>
                <th scope="col">訂正前</th>
                <th scope="col">訂正後</th>
                <th scope="col">理由</th>
              </tr>
            </thead>
            <tbody>
              {view.history.map((h) => (
                <tr key={h.id} className="border-t border-[var(--color-line)] align-top">
                  <td className="py-1">{h.at.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}</td>
                  <td className="py-1">{h.staffName ?? "—"}</td>
                  <td className="py-1">{describe(h.before)}</td>
                  <td className="py-1">{describe(h.after)}</td>
                  <td className="py-1">
                    {h.reason}
                    {h.afterExport && "（VRS出力後）"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
