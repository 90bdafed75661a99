import type { Metadata } from "next";
import Link from "next/link";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { slots } from "@/db/schema";
import { consoleStaff } from "@/lib/admin/console-staff";
import { callerSlotOptions, callerVenues } from "@/lib/callers/act-for-caller";
import { loadCallerView, type CallerReservation } from "@/lib/callers/caller-view";
import { addDays, formatDateJa, hhmm, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { STATUS_LABELS } from "@/lib/domain/reservation-status";
import type { SearchPurpose, SlotOption } from "@/lib/resident/slot-search";
import { loadSettings } from "@/lib/booking/context";
import { mobileE164 } from "@/lib/reminders/send-reminders";
import { loadWaitlistStatus } from "@/lib/resident/waitlist-status";
import { CallerActionForm } from "./caller-action-form";
import { CallerWaitlist } from "./caller-waitlist";

export const metadata: Metadata = { title: "電話予約 — お客様" };
export const dynamic = "force-dynamic";

type Params = { key?: string; venue?: string; from?: string; mode?: string; reservation?: string; first?: string };

const PICKER_DAYS = 7;

function href(params: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  return `/admin/callers/view?${search.toString()}`;
}

function slotTime(o: { date: string; startTime: string; endTime: string }): string {
  return `${formatDateJa(o.date, true)} ${hhmm(o.startTime)}〜${hhmm(o.endTime)}`;
}

export default async function CallerViewPage({ searchParams }: { searchParams: Promise<Params> }) {
  const staff = await consoleStaff();
  const params = await searchParams;
  const db = await getDb();
  const view = await loadCallerView(db, staff, params.key ?? "");
  if (!view.ok) {
    return (
      <div className="space-y-4">
        <p role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
          {view.reason}
        </p>
        <Link href="/admin/callers" className="btn-secondary">
          検索に戻る
        </Link>
      </div>
    );
  }
  const key = view.key;
  const base: Params = { key };
  const today = tokyoDate(new Date());
  const v = view.voucher;
  const active = view.reservations.filter((r) => r.active);
  const past = view.reservations.filter((r) => !r.active);

  // The slot picker: which purpose, which venue, which week.
  const mode = params.mode === "change" || params.mode === "set" ? params.mode : "book";
  const changing = mode === "change" ? active.find((r) => String(r.id) === params.reservation && r.mayManage && r.status === "booked") : undefined;
  const venues = await callerVenues(db, staff);
  const venueId = venues.some((x) => String(x.id) === params.venue) ? Number(params.venue) : undefined;
  const defaultFrom = view.eligibility.earliestDate && view.eligibility.earliestDate > today ? view.eligibility.earliestDate : today;
  const from = params.from && isValidIsoDate(params.from) ? params.from : defaultFrom;
  const firstSlotId = mode === "set" ? Number(params.first) || null : null;
  const showPicker = mode === "change" ? Boolean(changing) : view.eligibility.blocker === null;
  let purpose: SearchPurpose = { kind: "book" };
  let firstSlot: SlotOption | undefined;
  if (changing) purpose = { kind: "change", reservationId: changing.id };
  if (mode === "set" && firstSlotId) {
    const [chosen] = await db.select({ date: slots.date }).from(slots).where(eq(slots.id, firstSlotId));
    const firstOptions = chosen ? await callerSlotOptions(db, staff, { key, filter: { from: chosen.date, to: chosen.date } }) : null;
    firstSlot = firstOptions?.ok ? firstOptions.options.find((o) => o.slotId === firstSlotId && o.bookable) : undefined;
    if (firstSlot) purpose = { kind: "set_second", first: { date: firstSlot.date, productCode: firstSlot.productCode } };
  }
  const pickerFrom = firstSlot && mode === "set" && !params.from ? addDays(firstSlot.date, 1) : from;
  const picker = showPicker ? await callerSlotOptions(db, staff, { key, filter: { from: pickerFrom, to: addDays(pickerFrom, PICKER_DAYS - 1), venueId }, purpose }) : null;
  const options = picker?.ok ? picker.options : [];
  const byDate = new Map<string, SlotOption[]>();
  for (const o of options) byDate.set(o.date, [...(byDate.get(o.date) ?? []), o]);
  const waitlistEnabled = (await loadSettings(db)).waitlistEnabled;
  const waiting = await loadWaitlistStatus(db, v.id);
  const pickerParams: Params = { ...base, mode, reservation: changing ? String(changing.id) : undefined, first: firstSlot ? String(firstSlot.slotId) : undefined, venue: venueId ? String(venueId) : undefined };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">電話予約 — 接種券番号 {v.voucherNumber}</h1>
        <Link href="/admin/callers" className="btn-secondary">
          別の方を検索
        </Link>
      </div>

      <section aria-labelledby="voucher-h" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="voucher-h" className="mb-2 text-lg font-bold">接種券</h2>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-bold">接種券番号</dt>
          <dd>
            {v.voucherNumber}
            {v.outOfArea && <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-bold text-amber-900">住所地外（自治体コード {v.municipalityCode}）</span>}
          </dd>
          <dt className="font-bold">生年月日</dt>
          <dd>
            {formatDateJa(v.birthDate, true)}（{v.age}歳）
          </dd>
          <dt className="font-bold">カナ氏名</dt>
          <dd>{v.kanaName ?? "（未登録）"}</dd>
          <dt className="font-bold">電話番号</dt>
          <dd>{v.phone ?? "（未登録）"}</dd>
          <dt className="font-bold">メールアドレス</dt>
          <dd>{v.email ?? "（未登録）"}</dd>
        </dl>
      </section>

      <section aria-labelledby="doses-h" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="doses-h" className="mb-2 text-lg font-bold">接種歴</h2>
        {v.priorDoseCount > 0 && (
          <p>
            登録時の接種歴: {v.priorDoseCount}回（前回 {v.priorLastDoseDate ? formatDateJa(v.priorLastDoseDate, true) : "不明"}・{v.priorLastProductName ?? "ワクチン不明"}）
          </p>
        )}
        {view.doses.length > 0 ? (
          <table className="mt-2 w-full text-left">
            <thead>
              <tr>
                <th scope="col">回</th>
                <th scope="col">接種日</th>
                <th scope="col">ワクチン</th>
                <th scope="col">ロット</th>
                <th scope="col">会場</th>
              </tr>
            </thead>
            <tbody>
              {view.doses.map((d) => (
                <tr key={d.doseNumber}>
                  <td>{d.doseNumber}回目</td>
                  <td>{formatDateJa(d.date, true)}</td>
                  <td>{d.productName}</td>
                  <td>{d.lotNumber}</td>
                  <td>{d.venueName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          v.priorDoseCount === 0 && <p>接種の記録はありません。</p>
        )}
      </section>

      <section aria-labelledby="eligibility-h" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="eligibility-h" className="mb-2 text-lg font-bold">次の接種</h2>
        <p className="text-lg">
          次は<strong>{view.eligibility.nextDose}回目</strong>です。
          {view.eligibility.earliestDate ? `${formatDateJa(view.eligibility.earliestDate, true)}以降に接種できます。` : "日付の制限はありません。"}
        </p>
        {view.eligibility.blocker && <p className="font-bold text-red-700">{view.eligibility.blocker}</p>}
        <ul className="mt-2 space-y-1">
          {view.eligibility.products.map((p) => (
            <li key={p.productCode}>
              <span className={p.ok ? "font-bold text-green-800" : "font-bold text-red-700"}>{p.ok ? "○" : "×"}</span> {p.productName}
              {p.reason && <span className="text-[var(--color-muted)]">：{p.reason}</span>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="reservations-h" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="reservations-h" className="mb-2 text-lg font-bold">現在の予約</h2>
        {active.length === 0 && <p>現在の予約はありません。</p>}
        <ul className="space-y-4">
          {active.map((r) => (
            <ReservationItem key={r.id} r={r} callerKey={key} overrideAllowed={view.settings.staffDeadlineOverride} changeHref={href({ ...base, mode: "change", reservation: String(r.id) })} />
          ))}
        </ul>
        {past.length > 0 && (
          <details className="mt-4">
            <summary className="cursor-pointer font-bold">これまでの予約（{past.length}件）</summary>
            <ul className="mt-2 space-y-1">
              {past.map((r) => (
                <li key={r.id}>
                  {slotTime(r)} {r.venueName}・{r.doseNumber}回目・{STATUS_LABELS[r.status]}（予約番号 {r.reservationNumber}）
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      {showPicker && (
        <section aria-labelledby="picker-h" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="picker-h" className="mb-2 text-lg font-bold">
            {changing ? `変更先の予約枠を選ぶ（現在: ${slotTime(changing)} ${changing.venueName}）` : firstSlot ? `セット予約: 2回目の予約枠を選ぶ（1回目: ${slotTime(firstSlot)} ${firstSlot.venueName}）` : mode === "set" ? "セット予約: 1回目の予約枠を選ぶ" : "予約枠を選ぶ"}
          </h2>
          {!changing && view.eligibility.setBookingPossible && (
            <p className="mb-2">
              {mode === "set" ? <Link href={href({ ...base, venue: pickerParams.venue })} className="font-bold text-[var(--color-brand)] underline">1回目だけ予約する</Link> : <Link href={href({ ...base, mode: "set", venue: pickerParams.venue })} className="font-bold text-[var(--color-brand)] underline">1回目と2回目をまとめて予約する（セット予約）</Link>}
            </p>
          )}
          <form method="get" action="/admin/callers/view" className="mb-4 flex flex-wrap items-end gap-3">
            {Object.entries({ ...pickerParams, venue: undefined }).map(([k, val]) => (val ? <input key={k} type="hidden" name={k} value={val} /> : null))}
            <div>
              <label htmlFor="picker-venue" className="block font-bold">会場</label>
              <select id="picker-venue" name="venue" defaultValue={venueId ? String(venueId) : ""} className="field-input">
                <option value="">すべての会場</option>
                {venues.map((x) => (
                  <option key={x.id} value={x.id}>{x.name}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="picker-from" className="block font-bold">日付（7日分）</label>
              <input id="picker-from" type="date" name="from" defaultValue={pickerFrom} className="field-input" />
            </div>
            <button type="submit" className="btn-secondary">表示</button>
          </form>
          {picker && !picker.ok && <p role="alert">{picker.reason}</p>}
          {options.length === 0 && <p>この期間に予約枠はありません。日付や会場を変えてください。</p>}
          {[...byDate.entries()].map(([date, day]) => (
            <div key={date} className="mb-4">
              <h3 className="font-bold">{formatDateJa(date, true)}</h3>
              <ul className="divide-y divide-[var(--color-line)]">
                {day.map((o) => (
                  <li key={o.slotId} className="flex flex-wrap items-center justify-between gap-3 py-2">
                    <div>
                      <p className="font-bold">
                        {hhmm(o.startTime)}〜{hhmm(o.endTime)} {o.venueName}
                      </p>
                      <p className="text-sm">
                        {o.productName}・残り{o.remaining}/{o.capacity}
                      </p>
                      {!o.bookable && <p className="text-sm font-bold text-red-700">予約できません：{o.reason}</p>}
                    </div>
                    {o.bookable &&
                      (changing ? (
                        <CallerActionForm kind="change" fields={{ callerKey: key, reservationId: changing.id, newSlotId: o.slotId }} label="この枠に変更" askReason={changing.pastDeadline} doneHref={href(base)} />
                      ) : mode === "set" && !firstSlot ? (
                        <Link href={href({ ...pickerParams, first: String(o.slotId), from: undefined })} className="btn-secondary">
                          1回目をこの枠に
                        </Link>
                      ) : firstSlot ? (
                        <CallerActionForm kind="set" fields={{ callerKey: key, firstSlotId: firstSlot.slotId, secondSlotId: o.slotId }} label="2回目をこの枠にしてセット予約" doneHref={href(base)} />
                      ) : (
                        <CallerActionForm kind="book" fields={{ callerKey: key, slotId: o.slotId }} label={`${hhmm(o.startTime)}の枠を予約`} doneHref={href(base)} />
                      ))}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <nav aria-label="週の切り替え" className="flex gap-2">
            <Link href={href({ ...pickerParams, from: addDays(pickerFrom, -PICKER_DAYS) })} className="btn-secondary">前の7日</Link>
            <Link href={href({ ...pickerParams, from: addDays(pickerFrom, PICKER_DAYS) })} className="btn-secondary">次の7日</Link>
          </nav>
        </section>
      )}

      {active.length === 0 && (
        <CallerWaitlist
          callerKey={key}
          status={waiting}
          enabled={waitlistEnabled}
          venues={venues}
          contacts={{ phone: v.phone, sms: mobileE164(v.phone) ? v.phone : null, email: v.email }}
          from={defaultFrom}
          lastDay={addDays(today, 366)}
        />
      )}
    </div>
  );
}

function ReservationItem({ r, callerKey, overrideAllowed, changeHref }: { r: CallerReservation; callerKey: string; overrideAllowed: boolean; changeHref: string }) {
  const deadline = new Date(r.deadline);
  const deadlineText = `${formatDateJa(tokyoDate(deadline), true)} ${deadline.toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })}`;
  const canAct = r.mayManage && r.status === "booked" && (!r.pastDeadline || overrideAllowed);
  return (
    <li className="rounded-lg border-2 border-[var(--color-line)] p-3">
      <p className="text-lg font-bold">
        {slotTime(r)} {r.venueName}
      </p>
      <p>
        {r.doseNumber}回目・{r.productName}・{STATUS_LABELS[r.status]}・予約番号 {r.reservationNumber}
        {r.setFollower && "（セット予約の2回目）"}
      </p>
      <p className="text-sm text-[var(--color-muted)]">
        変更・キャンセル期限: {deadlineText}
        {r.pastDeadline && (overrideAllowed ? "（期限を過ぎています。理由を入力すると操作できます）" : "（期限を過ぎています。自治体の設定により操作できません）")}
      </p>
      {!r.mayManage && <p className="text-sm">担当外の会場の予約のため、変更・キャンセルはできません。</p>}
      {canAct && (
        <div className="mt-2 flex flex-wrap items-start gap-4">
          <Link href={changeHref} className="btn-secondary">予約を変更</Link>
          <CallerActionForm kind="cancel" fields={{ callerKey, reservationId: r.id }} label="予約をキャンセル" tone="secondary" askReason={r.pastDeadline} />
        </div>
      )}
    </li>
  );
}
