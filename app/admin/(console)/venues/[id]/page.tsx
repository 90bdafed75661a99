import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { VENUE_KIND_LABELS, type VenueKind } from "@/lib/venues/schemas";
import { formatDateJa } from "@/lib/domain/dates";
import { percentJa, RELIABLE_OUTCOMES, type OverbookingRisk } from "@/lib/domain/overbooking";
import { MEASURE_DAYS, venueOverbooking, type OverbookingView } from "@/lib/venues/overbooking";
import { getVenue } from "@/lib/venues/venues";
import { setOverbookingAction, updateVenueAction } from "../actions";
import { VenueFields } from "../venue-fields";
import { OverbookPercentField } from "./overbook-field";

export const metadata: Metadata = { title: "会場" };
export const dynamic = "force-dynamic";

export default async function VenuePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "venues.view")) return <p role="alert">会場を見る権限がありません。</p>;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return <p role="alert">会場が見つかりません。</p>;
  const db = await getDb();
  const result = await getVenue(db, staff, id);
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const { venue } = result;
  const overbooking = await venueOverbooking(db, staff, venue.id);
  const canEdit = staffMay(staff, "venues.edit", { venueId: venue.id });
  const created = (await searchParams).saved === "created";
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/venues" className="text-[var(--color-brand)] underline">
          会場の一覧に戻る
        </Link>
      </p>
      {created && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-3 font-bold text-green-900">
          会場「{venue.name}」を登録しました。続けて予約枠を作成できます。
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          {venue.name}（{venue.code}）
        </h1>
        <Link href={`/admin/slots?venue=${venue.id}`} className="btn-primary">
          この会場の予約枠
        </Link>
      </div>
      {canEdit ? (
        <section aria-labelledby="edit-venue" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="edit-venue" className="mb-3 text-lg font-bold">
            会場の情報を変更する
          </h2>
          <ActionForm action={updateVenueAction} submitLabel="保存する" ariaLabel="会場の情報">
            <input type="hidden" name="venueId" value={venue.id} />
            <VenueFields venue={venue} />
          </ActionForm>
        </section>
      ) : (
        <section aria-labelledby="venue-info" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="venue-info" className="sr-only">
            会場の情報
          </h2>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
            <dt className="font-bold">会場コード</dt>
            <dd>{venue.code}</dd>
            <dt className="font-bold">種別</dt>
            <dd>{VENUE_KIND_LABELS[venue.kind as VenueKind] ?? venue.kind}</dd>
            <dt className="font-bold">住所</dt>
            <dd>{venue.address || "—"}</dd>
            <dt className="font-bold">電話番号</dt>
            <dd>{venue.phone || "—"}</dd>
            <dt className="font-bold">状態</dt>
            <dd>{venue.active ? "受付中" : "休止"}</dd>
          </dl>
        </section>
      )}
      {overbooking.ok && <OverbookingSection venueId={venue.id} view={overbooking} />}
    </div>
  );
}

const n = (value: number) => value.toLocaleString("ja-JP");
const rateJa = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function riskSentence(risk: OverbookingRisk): string {
  if (risk.extraSeats === 0) return `定員${risk.capacity}人まで受け付けるため、定員を超えて来場することはありません。`;
  return `定員${risk.capacity}人の枠に${risk.booked}人まで予約が入ると、定員を超えて来場する確率は${percentJa(risk.probOverCapacity)}、お待ちいただく人数の見込みは平均${risk.expectedWaiting.toFixed(2)}人です。`;
}

function OverbookingSection({ venueId, view }: { venueId: number; view: OverbookingView }) {
  const { noShow, typical, risk, steps } = view;
  return (
    <section aria-labelledby="overbooking" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="overbooking" className="text-lg font-bold">
        オーバーブッキング
      </h2>
      <p className="text-[var(--color-muted)]">
        来場なしを見込んで、定員より少し多く予約を受け付けます（初期値はオフ）。開けたバイアルを使い切りやすくなる一方、予約した方が全員来場すると定員を超え、お待ちいただくことになります。
      </p>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
        <dt className="font-bold">現在の設定</dt>
        <dd>{view.percent === 0 ? "オフ（定員まで）" : `${view.percent}％`}</dd>
        <dt className="font-bold">来場なし率（実績）</dt>
        <dd>
          {noShow.rate === null ? (
            <>
              直近{MEASURE_DAYS}日（{formatDateJa(noShow.from)}〜{formatDateJa(noShow.to)}）に結果の記録がありません。
            </>
          ) : (
            <>
              <span className="text-xl font-bold">{rateJa(noShow.rate)}</span>
              <span className="block text-sm">
                直近{MEASURE_DAYS}日（{formatDateJa(noShow.from)}〜{formatDateJa(noShow.to)}）のうち{n(noShow.days)}日分: 来場なし{n(noShow.noShow)}件 ÷（接種済み{n(noShow.vaccinated)}件＋予診のみ
                {n(noShow.screenedOnly)}件＋来場なし{n(noShow.noShow)}件）
              </span>
            </>
          )}
          {noShow.outcomes > 0 && !noShow.reliable && (
            <p role="note" className="mt-1 rounded border-2 border-amber-600 bg-amber-50 p-2 font-bold text-amber-900">
              結果の記録が{n(noShow.outcomes)}件で、{RELIABLE_OUTCOMES}件に届いていません。この率はまだ目安として信頼できません。
            </p>
          )}
        </dd>
        <dt className="font-bold">標準的な枠</dt>
        <dd>
          {typical
            ? `定員${typical.capacity}人（${typical.basis === "upcoming" ? "今日以降" : `直近${MEASURE_DAYS}日`}の${n(typical.slots)}枠の定員の中央値）`
            : "予約枠がないため計算できません。"}
        </dd>
        <dt className="font-bold">今の設定のリスク</dt>
        <dd>{risk ? riskSentence(risk) : "来場なしの実績または予約枠がないため、計算できません。"}</dd>
      </dl>
      {steps.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left">
            <caption className="mb-1 text-left font-bold">
              割合ごとのリスク（定員{typical?.capacity}人の枠、来場なし率{noShow.rate === null ? "—" : rateJa(noShow.rate)}）
            </caption>
            <thead>
              <tr className="border-b-2 border-[var(--color-line)]">
                <th scope="col" className="p-2">
                  オーバーブッキング
                </th>
                <th scope="col" className="p-2 text-right">
                  予約の上限
                </th>
                <th scope="col" className="p-2 text-right">
                  定員を超えて来場する確率
                </th>
                <th scope="col" className="p-2 text-right">
                  お待ちいただく人数（平均）
                </th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.percent} className={`border-b border-[var(--color-line)] ${s.percent === view.percent ? "bg-blue-50 font-bold" : ""}`}>
                  <th scope="row" className="p-2 font-normal">
                    {s.percent === 0 ? "0％（オフ）" : `${s.percent}％`}
                    {s.percent === view.percent && <span className="ml-2 rounded bg-[var(--color-brand)] px-1 text-sm text-white">現在</span>}
                  </th>
                  <td className="p-2 text-right tabular-nums">
                    {s.booked}人{s.extraSeats > 0 && `（+${s.extraSeats}）`}
                  </td>
                  <td className="p-2 text-right tabular-nums">{percentJa(s.probOverCapacity)}</td>
                  <td className="p-2 text-right tabular-nums">{s.expectedWaiting.toFixed(2)}人</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-sm text-[var(--color-muted)]">
            予約した方がそれぞれ来場なし率の確率で来ない（互いに独立）として、来場する人数を二項分布で計算しています。
          </p>
        </div>
      )}
      {view.canEdit && (
        <ActionForm action={setOverbookingAction} submitLabel="オーバーブッキングを保存する" ariaLabel="オーバーブッキングの設定">
          <input type="hidden" name="venueId" value={venueId} />
          <OverbookPercentField defaultValue={view.percent} capacity={typical?.capacity ?? null} noShowRate={noShow.rate} />
        </ActionForm>
      )}
    </section>
  );
}
