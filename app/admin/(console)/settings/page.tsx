import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { ActionForm, RadioField, TextAreaField, TextField } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { loadSettings } from "@/lib/booking/context";
import { formatDateJa, tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { listOpenings } from "@/lib/settings/booking-openings";
import { listBoosterRules, ruleInForce } from "@/lib/settings/booster-rules";
import { listProductsWithBookings } from "@/lib/settings/vaccine-products";
import {
  addBoosterRuleAction,
  addOpeningAction,
  addProductAction,
  deleteOpeningAction,
  updateProductAction,
  updateSettingsAction,
  withdrawBoosterRuleAction,
} from "./actions";

export const metadata: Metadata = { title: "設定" };
export const dynamic = "force-dynamic";

const FIELD_MODES = [
  { value: "off", label: "使わない" },
  { value: "optional", label: "任意" },
  { value: "required", label: "必須" },
];
const YES_NO = (yes: string, no: string) => [
  { value: "true", label: yes },
  { value: "false", label: no },
];

function Section({ id, title, children, intro }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-1 text-xl font-bold">
        {title}
      </h2>
      {intro && <p className="mb-3 text-[var(--color-muted)]">{intro}</p>}
      {children}
    </section>
  );
}

export default async function SettingsPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "settings")) return <p role="alert">設定を変更する権限がありません（管理者のみ）。</p>;
  const db = await getDb();
  const now = new Date();
  const today = tokyoDate(now);
  const [settings, products, rules, openings] = await Promise.all([loadSettings(db), listProductsWithBookings(db, now), listBoosterRules(db), listOpenings(db)]);
  const inForceGeneral = ruleInForce(rules, today, null);
  const bool = (v: boolean) => (v ? "true" : "false");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">設定</h1>
      <p>ここでの変更は、住民向けページ・LINE・電話自動応答・コールセンターの画面に、保存した時点からすぐに反映されます。変更はすべて監査ログに記録されます。</p>
      <nav aria-label="設定の項目" className="flex flex-wrap gap-2">
        {[
          ["#general", "受付のルール"],
          ["#callcenter", "コールセンター"],
          ["#no-dose-wasted", "キャンセル待ち・余剰ワクチン"],
          ["#openings", "予約受付の開始"],
          ["#products", "ワクチン"],
          ["#booster", "追加接種の間隔"],
        ].map(([href, label]) => (
          <a key={href} href={href} className="btn-secondary">
            {label}
          </a>
        ))}
      </nav>

      <Section id="general" title="受付のルール">
        <ActionForm action={updateSettingsAction} submitLabel="受付のルールを保存する" ariaLabel="受付のルール">
          <div className="grid gap-4 md:grid-cols-3">
            <RadioField name="fieldKanaName" legend="カナ氏名の入力" options={FIELD_MODES} defaultValue={settings.fieldKanaName} />
            <RadioField name="fieldPhone" legend="電話番号の入力" options={FIELD_MODES} defaultValue={settings.fieldPhone} />
            <RadioField name="fieldEmail" legend="メールアドレスの入力" options={FIELD_MODES} defaultValue={settings.fieldEmail} />
          </div>
          <div className="mt-4 grid gap-4 md:grid-cols-3">
            <TextField name="bookingWindowDays" label="予約を受け付ける期間（今日から何日先まで）" inputMode="numeric" defaultValue={settings.bookingWindowDays} hint="0〜366日" />
            <TextField name="cancelDeadlineDaysBefore" label="変更・キャンセルの期限（接種日の何日前）" inputMode="numeric" defaultValue={settings.cancelDeadlineDaysBefore} hint="0は接種日当日" />
            <TextField name="cancelDeadlineTime" label="期限の時刻" type="time" defaultValue={settings.cancelDeadlineTime} hint="例: 17:00" />
            <TextField name="maxGroupSize" label="同時予約の最大人数" inputMode="numeric" defaultValue={settings.maxGroupSize} hint="1〜20人（本人を含む）" />
          </div>
          <div className="mt-4 grid gap-4 md:grid-cols-3">
            <RadioField name="sameDayBooking" legend="当日予約" options={YES_NO("受け付ける", "受け付けない")} defaultValue={bool(settings.sameDayBooking)} />
            <RadioField name="reminderEmailEnabled" legend="前日のお知らせ（メール）" options={YES_NO("送る", "送らない")} defaultValue={bool(settings.reminderEmailEnabled)} />
            <RadioField name="reminderSmsEnabled" legend="前日のお知らせ（SMS）" options={YES_NO("送る", "送らない")} defaultValue={bool(settings.reminderSmsEnabled)} />
            <RadioField name="staffDeadlineOverride" legend="期限後の変更・キャンセルを職員に許可する（理由の入力が必要）" options={YES_NO("許可する", "許可しない")} defaultValue={bool(settings.staffDeadlineOverride)} />
          </div>
          <TextAreaField className="mt-4" name="notices" label="トップページのお知らせ" defaultValue={settings.notices} hint="空欄にすると表示しません（2000文字まで）。" />
        </ActionForm>
      </Section>

      <Section id="callcenter" title="コールセンター" intro="住民向けページ・チャットボット・電話自動応答で案内する番号と受付時間です。">
        <ActionForm action={updateSettingsAction} submitLabel="コールセンターの案内を保存する" ariaLabel="コールセンター">
          <div className="grid gap-4 md:grid-cols-2">
            <TextField name="callCenterPhone" label="電話番号" type="tel" inputMode="tel" defaultValue={settings.callCenterPhone} required hint="例: 0120-000-000" />
            <TextField name="callCenterHours" label="受付時間" defaultValue={settings.callCenterHours} required hint="例: 毎日 9:00〜17:00（土日祝も受付）" />
          </div>
        </ActionForm>
      </Section>

      <Section
        id="no-dose-wasted"
        title="キャンセル待ち・余剰ワクチン"
        intro="開封したワクチンを無駄にしないための設定です。空いた枠や当日の余剰分を、LINE・SMS・メールでご案内します。"
      >
        <ActionForm action={updateSettingsAction} submitLabel="キャンセル待ち・余剰ワクチンの設定を保存する" ariaLabel="キャンセル待ち・余剰ワクチン">
          <h3 className="mb-2 font-bold">キャンセル待ち</h3>
          <div className="grid gap-4 md:grid-cols-2">
            <RadioField name="waitlistEnabled" legend="キャンセル待ち" options={YES_NO("受け付ける", "受け付けない")} defaultValue={bool(settings.waitlistEnabled)} />
            <TextField
              name="offerHoldMinutes"
              label="空き枠のご案内の有効時間（分）"
              inputMode="numeric"
              defaultValue={settings.offerHoldMinutes}
              hint="5〜1440分。ご案内した方のために枠を確保しておく時間です。過ぎると次にお待ちの方へご案内します。"
            />
          </div>
          <h3 className="mb-2 mt-4 font-bold">余剰ワクチン（当日のご案内）</h3>
          <div className="grid gap-4 md:grid-cols-3">
            <RadioField
              name="leftoverEnabled"
              legend="余剰ワクチンのご案内"
              options={YES_NO("使う", "使わない")}
              defaultValue={bool(settings.leftoverEnabled)}
            />
            <TextField
              name="leftoverMinAge"
              label="ご案内を受け取れる年齢（何歳以上）"
              inputMode="numeric"
              defaultValue={settings.leftoverMinAge ?? ""}
              hint="0〜120歳。空欄: ワクチンの対象年齢の方はどなたでも。"
            />
            <TextField
              name="leftoverLeadMinutes"
              label="会場が余剰を登録できる時間（接種時刻の何分前から）"
              inputMode="numeric"
              defaultValue={settings.leftoverLeadMinutes}
              hint="15〜720分。例: 180なら、接種時刻の3時間前から登録できます。"
            />
          </div>
          <p className="mt-2 text-sm text-[var(--color-muted)]">
            「使う」にすると、住民はマイページ・LINEから当日のご案内を申し込めます。会場の職員は「余剰ワクチン」の画面から、当日の余剰分を登録します。
          </p>
        </ActionForm>
      </Section>

      <Section
        id="openings"
        title="予約受付の開始"
        intro="対象ごとに予約の受付を始める日時です。1件も登録がないときは、どなたでも予約できます。住民の年齢は今日時点で判定します。"
      >
        {openings.length === 0 ? (
          <p className="mb-3">登録はありません（どなたでも予約できます）。</p>
        ) : (
          <table className="mb-4 w-full text-left">
            <caption className="sr-only">登録済みの予約受付開始</caption>
            <thead>
              <tr className="border-b">
                <th scope="col" className="py-2">対象</th>
                <th scope="col">年齢</th>
                <th scope="col">接種回数</th>
                <th scope="col">受付開始</th>
                <th scope="col"><span className="sr-only">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {openings.map((o) => (
                <tr key={o.id} className="border-b align-top">
                  <td className="py-2">{o.label}</td>
                  <td>{o.minAge === null && o.maxAge === null ? "全年齢" : `${o.minAge ?? 0}歳〜${o.maxAge === null ? "" : `${o.maxAge}歳`}`}</td>
                  <td>{o.doseNumber === null ? "すべて" : `${o.doseNumber}回目`}</td>
                  <td>
                    {formatDateJa(tokyoDate(o.opensAt), true)} {tokyoTime(o.opensAt)}
                    {o.opensAt <= now && <span className="ml-2 rounded bg-green-100 px-2 text-sm">受付中</span>}
                  </td>
                  <td>
                    <ActionForm action={deleteOpeningAction} submitLabel="削除" tone="danger" ariaLabel={`${o.label}の予約受付開始を削除`}>
                      <input type="hidden" name="openingId" value={o.id} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3 className="mb-2 font-bold">受付開始を追加する</h3>
        <ActionForm action={addOpeningAction} submitLabel="受付開始を追加する" resetOnSuccess ariaLabel="受付開始を追加する">
          <div className="grid gap-4 md:grid-cols-3">
            <TextField name="label" label="対象の名前" required placeholder="65歳以上の方" />
            <TextField name="minAge" label="対象年齢（下限）" inputMode="numeric" hint="空欄: 下限なし" />
            <TextField name="maxAge" label="対象年齢（上限）" inputMode="numeric" hint="空欄: 上限なし" />
            <TextField name="doseNumber" label="対象の接種回数" inputMode="numeric" hint="空欄: すべての回" />
            <TextField name="opensOn" label="受付開始日" type="date" required />
            <TextField name="opensAtTime" label="受付開始時刻" type="time" defaultValue="09:00" required />
          </div>
        </ActionForm>
      </Section>

      <Section
        id="products"
        title="ワクチン"
        intro="対象年齢と2回目までの間隔は、これからの予約・変更に適用されます。すでにある予約が新しい条件に合わなくなるときは、件数をお知らせしてから確定します（予約は取り消されません）。"
      >
        <ul className="space-y-4">
          {products.map((p) => (
            <li key={p.code} className="rounded-md border border-[var(--color-line)] p-3">
              <h3 className="font-bold">
                {p.name} <span className="text-sm font-normal">（コード {p.code}）</span>
                {!p.active && <span className="ml-2 rounded bg-slate-200 px-2 text-sm">受付停止中</span>}
              </h3>
              <p className="text-sm text-[var(--color-muted)]">
                今日以降の予約 {p.futureBookings.toLocaleString("ja-JP")}件・予約枠 {p.futureSlots.toLocaleString("ja-JP")}枠
              </p>
              <ActionForm action={updateProductAction} submitLabel="保存する" confirmLabel="変更を確定する" ariaLabel={`${p.name}の設定`}>
                <input type="hidden" name="code" value={p.code} />
                <div className="grid gap-3 md:grid-cols-4">
                  <TextField name="name" label="ワクチン名" defaultValue={p.name} />
                  <TextField name="vrsMakerName" label="VRSのメーカー名" defaultValue={p.vrsMakerName} />
                  <TextField name="minAge" label="対象年齢（下限）" inputMode="numeric" defaultValue={p.minAge} />
                  <TextField name="maxAge" label="対象年齢（上限）" inputMode="numeric" defaultValue={p.maxAge} hint="空欄: 上限なし" />
                  <TextField name="dose2IntervalDays" label="2回目までの間隔（日）" inputMode="numeric" defaultValue={p.dose2IntervalDays} />
                  <TextField name="dosesPerVial" label="1本のバイアルの回数" inputMode="numeric" defaultValue={p.dosesPerVial} hint="1〜50。予約枠の週間表とダッシュボードの廃棄見込みに使います" />
                  <TextField name="sortOrder" label="表示順" inputMode="numeric" defaultValue={p.sortOrder} />
                  <RadioField name="boosterAllowed" legend="追加接種（3回目以降）" options={YES_NO("使う", "使わない")} defaultValue={bool(p.boosterAllowed)} />
                  <RadioField name="active" legend="予約の受付" options={YES_NO("受け付ける", "停止する")} defaultValue={bool(p.active)} />
                </div>
              </ActionForm>
            </li>
          ))}
        </ul>
        <details className="mt-4">
          <summary className="cursor-pointer py-2 font-bold">ワクチンを追加する</summary>
          <ActionForm action={addProductAction} submitLabel="ワクチンを追加する" resetOnSuccess ariaLabel="ワクチンを追加する">
            <div className="grid gap-3 md:grid-cols-4">
              <TextField name="code" label="コード" required hint="半角英大文字（例: PFIZER_XBB）" />
              <TextField name="name" label="ワクチン名" required />
              <TextField name="vrsMakerName" label="VRSのメーカー名" required hint="例: ファイザー" />
              <TextField name="minAge" label="対象年齢（下限）" inputMode="numeric" required />
              <TextField name="maxAge" label="対象年齢（上限）" inputMode="numeric" hint="空欄: 上限なし" />
              <TextField name="dose2IntervalDays" label="2回目までの間隔（日）" inputMode="numeric" required />
              <TextField name="dosesPerVial" label="1本のバイアルの回数" inputMode="numeric" required hint="1〜50（添付文書の回数。例: ファイザー 6）" />
              <TextField name="sortOrder" label="表示順" inputMode="numeric" defaultValue={products.length + 1} />
              <RadioField name="boosterAllowed" legend="追加接種（3回目以降）" options={YES_NO("使う", "使わない")} defaultValue="true" />
              <RadioField name="active" legend="予約の受付" options={YES_NO("受け付ける", "停止する")} defaultValue="true" />
            </div>
          </ActionForm>
        </details>
      </Section>

      <Section
        id="booster"
        title="追加接種（3回目以降）の間隔"
        intro="前回の接種からの月数です。予約枠の日付に適用中の規定で判定します。過去の規定は変更できません。変えるときは、今日以降の適用開始日で新しい規定を追加してください。"
      >
        <table className="mb-4 w-full text-left">
          <caption className="sr-only">追加接種の間隔の規定（古い順）</caption>
          <thead>
            <tr className="border-b">
              <th scope="col" className="py-2">適用開始日</th>
              <th scope="col">対象</th>
              <th scope="col">間隔</th>
              <th scope="col">メモ</th>
              <th scope="col"><span className="sr-only">操作</span></th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} className="border-b align-top">
                <td className="py-2">
                  {formatDateJa(r.effectiveFrom, true)}
                  {r.id === inForceGeneral || (r.doseNumber !== null && r.id === ruleInForce(rules, today, r.doseNumber)) ? (
                    <span className="ml-2 rounded bg-green-100 px-2 text-sm">適用中</span>
                  ) : r.effectiveFrom > today ? (
                    <span className="ml-2 rounded bg-amber-100 px-2 text-sm">適用前</span>
                  ) : null}
                </td>
                <td>{r.doseNumber === null ? "3回目以降すべて" : `${r.doseNumber}回目`}</td>
                <td>{r.intervalMonths}か月</td>
                <td>{r.note}</td>
                <td>
                  {r.effectiveFrom > today && (
                    <ActionForm action={withdrawBoosterRuleAction} submitLabel="取り消す" tone="danger" ariaLabel={`${r.effectiveFrom}からの規定を取り消す`}>
                      <input type="hidden" name="ruleId" value={r.id} />
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="mb-2 font-bold">規定を追加する</h3>
        <ActionForm action={addBoosterRuleAction} submitLabel="規定を追加する" confirmLabel="規定を追加する（確定）" resetOnSuccess ariaLabel="追加接種の規定を追加する">
          <div className="grid gap-3 md:grid-cols-4">
            <TextField name="effectiveFrom" label="適用開始日" type="date" required hint={`${formatDateJa(today, true)}以降`} />
            <TextField name="doseNumber" label="対象の接種回数" inputMode="numeric" hint="空欄: 3回目以降すべて" />
            <TextField name="intervalMonths" label="前回接種からの間隔（か月）" inputMode="numeric" required />
            <TextField name="note" label="根拠・メモ" hint="例: 厚生労働省通知（2026年3月）" />
          </div>
        </ActionForm>
      </Section>
    </div>
  );
}
