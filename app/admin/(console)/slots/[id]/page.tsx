import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ActionForm, TextField } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { formatDateJa } from "@/lib/domain/dates";
import { vialHintJa, vialSummaryJa } from "@/lib/domain/vials";
import { getSlot } from "@/lib/slots/slot-week";
import { editSlotAction, setSlotStatusAction } from "../actions";

export const metadata: Metadata = { title: "予約枠" };
export const dynamic = "force-dynamic";

export default async function SlotPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "slots.view")) return <p role="alert">予約枠を見る権限がありません。</p>;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return <p role="alert">予約枠が見つかりません。</p>;
  const result = await getSlot(await getDb(), staff, id);
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const { slot, venue, productName, dosesPerVial, dayVials, canEdit } = result;
  const created = (await searchParams).saved === "created";
  const closed = slot.status === "closed";
  return (
    <div className="space-y-4">
      <p>
        <Link href={`/admin/slots?venue=${venue.id}&week=${slot.date}`} className="text-[var(--color-brand)] underline">
          {venue.name}の週間表に戻る
        </Link>
      </p>
      {created && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-3 font-bold text-green-900">
          予約枠を作成しました。
        </p>
      )}
      <h1 className="text-2xl font-bold">
        予約枠 — {formatDateJa(slot.date, true)} {slot.startTime}〜{slot.endTime}
      </h1>
      <section aria-labelledby="slot-info" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="slot-info" className="sr-only">
          予約枠の情報
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
          <dt className="font-bold">会場</dt>
          <dd>
            {venue.name}（{venue.code}）
          </dd>
          <dt className="font-bold">ワクチン</dt>
          <dd>{productName}</dd>
          <dt className="font-bold">予約／定員</dt>
          <dd>
            <span className="text-xl font-bold">
              {slot.bookedCount}人／{slot.capacity}人（残り{Math.max(0, slot.seatsLeft)}人）
            </span>
            {(slot.overbookSeats > 0 || slot.heldCount > 0) && (
              <ul className="mt-1 text-[var(--color-muted)]">
                {slot.overbookSeats > 0 && (
                  <li>
                    オーバーブッキング枠 +{slot.overbookSeats}人（定員を超えて{slot.capacity + slot.overbookSeats}人まで予約を受け付けます）
                  </li>
                )}
                {slot.heldCount > 0 && <li>案内中の保留 {slot.heldCount}人（キャンセル待ちの方へ案内中で、回答があるまで押さえています）</li>}
              </ul>
            )}
          </dd>
          <dt className="font-bold">この日のバイアル</dt>
          <dd>
            {productName}（1本{dosesPerVial}回分）の予約はこの日の全枠で{dayVials.booked}人: {vialSummaryJa(dayVials)}
            {vialHintJa(dayVials) && <span className="block text-[var(--color-muted)]">{vialHintJa(dayVials)}</span>}
          </dd>
          <dt className="font-bold">状態</dt>
          <dd>
            {closed ? "受付停止中（新しい予約を受け付けません）" : "受付中"}
            {slot.offerOnly && "・案内専用（余剰ワクチンの案内を受けた方だけが予約できます）"}
          </dd>
        </dl>
      </section>
      {canEdit && (
        <>
          <section aria-labelledby="slot-edit" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="slot-edit" className="mb-1 text-lg font-bold">
              定員・時間を変更する
            </h2>
            <p className="mb-3 text-[var(--color-muted)]">
              定員は予約済みの人数（{slot.bookedCount}人）より少なくできません。
              {slot.overbookSeats > 0 && "オーバーブッキング枠は会場の設定から自動で計算されます。"}
              {slot.bookedCount > 0 && "予約がある枠の時間は変更できません（受付を停止して新しい枠を作り、予約を変更してください）。"}
            </p>
            <ActionForm action={editSlotAction} submitLabel="保存する" ariaLabel="定員・時間の変更">
              <input type="hidden" name="slotId" value={slot.id} />
              <div className="grid gap-4 sm:grid-cols-3">
                <TextField name="capacity" label="定員（人）" inputMode="numeric" required defaultValue={slot.capacity} />
                <TextField name="startTime" label="開始時刻" type="time" required defaultValue={slot.startTime} />
                <TextField name="endTime" label="終了時刻" type="time" required defaultValue={slot.endTime} />
              </div>
            </ActionForm>
          </section>
          <section aria-labelledby="slot-status" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="slot-status" className="mb-1 text-lg font-bold">
              受付の停止・再開
            </h2>
            <p className="mb-3 text-[var(--color-muted)]">
              {closed ? "再開すると、この枠にまた予約できるようになります。" : "停止すると、この枠には新しい予約ができなくなります。予約済みの方の予約はそのままです。"}
            </p>
            <ActionForm action={setSlotStatusAction} submitLabel={closed ? "受付を再開する" : "受付を停止する"} tone={closed ? "primary" : "danger"} ariaLabel="受付の停止・再開">
              <input type="hidden" name="slotId" value={slot.id} />
              <input type="hidden" name="status" value={closed ? "open" : "closed"} />
            </ActionForm>
          </section>
        </>
      )}
    </div>
  );
}
