import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { BarChart } from "@/components/admin/bar-chart";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { dashboardVenues, loadDashboard, MAX_DAYS, UPCOMING_DAYS, CHANNELS, CHANNEL_LABELS, type DashboardData } from "@/lib/dashboard/stats";
import { formatDateJa } from "@/lib/domain/dates";

export const metadata: Metadata = { title: "ダッシュボード" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim().slice(0, 32);

// One colour per figure, the same in every chart (each also named in the legend and the table).
const COLORS = {
  capacity: "#94a3b8",
  seatsTaken: "#0b5cad",
  vaccinated: "#15803d",
  screenedOnly: "#b45309",
  noShow: "#b91c1c",
  cancelled: "#475569",
  remaining: "#0f766e",
  overbook: "#7c3aed",
  held: "#b45309",
};
// Wasted doses per product (the products shown are those with doses in the range).
const PRODUCT_COLORS = ["#b91c1c", "#0b5cad", "#15803d", "#7c3aed", "#b45309", "#475569", "#0f766e"];
const CHANNEL_COLORS: Record<(typeof CHANNELS)[number], string> = {
  web: "#0b5cad",
  line: "#15803d",
  ivr: "#7c3aed",
  operator: "#b45309",
  bulk: "#475569",
};

/** 「12/1」 under a bar; the table says 「12月1日（火）」. */
function shortDate(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

const n = (value: number) => value.toLocaleString("ja-JP");

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Params> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "dashboard")) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-bold">ダッシュボード</h1>
        <p role="alert" className="font-bold text-red-700">
          権限がありません。ダッシュボードは管理者・コールセンター・会場責任者が見られます。
        </p>
      </div>
    );
  }
  const params = await searchParams;
  const form = { from: one(params.from), to: one(params.to), venue: one(params.venue) };
  const db = await getDb();
  const choices = await dashboardVenues(db, staff);

  let problem: string | null = null;
  let venueId: number | null = null;
  if (form.venue) {
    if (/^[0-9]{1,9}$/.test(form.venue)) venueId = Number(form.venue);
    else problem = "会場の指定が正しくありません。一覧から選んでください。";
  }
  const result = problem ? null : await loadDashboard(db, staff, { from: form.from || undefined, to: form.to || undefined, venueId });
  if (result && !result.ok) problem = result.reason;
  const data = result?.ok ? result : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">ダッシュボード</h1>
      <p>
        接種日ごと・会場ごとの予約と接種の状況です。{choices.length === 1 ? `${choices[0]!.name}の数字です。` : ""}
        グラフの下の「表で見る」で同じ数字を表で確認できます。
      </p>

      <form method="get" action="/admin/dashboard" aria-label="表示する期間と会場" className="rounded-lg bg-white p-4 shadow-sm">
        <div className="grid gap-3 md:grid-cols-3">
          <div>
            <label htmlFor="dashboard-from" className="block font-bold">
              開始日
            </label>
            <input id="dashboard-from" name="from" type="date" defaultValue={form.from || data?.from} className="field-input" />
          </div>
          <div>
            <label htmlFor="dashboard-to" className="block font-bold">
              終了日
            </label>
            <input id="dashboard-to" name="to" type="date" defaultValue={form.to || data?.to} className="field-input" aria-describedby="dashboard-range-hint" />
          </div>
          <div>
            <label htmlFor="dashboard-venue" className="block font-bold">
              会場
            </label>
            <select id="dashboard-venue" name="venue" defaultValue={form.venue} className="field-input">
              {choices.length !== 1 && <option value="">すべての会場</option>}
              {choices.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.code} {v.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p id="dashboard-range-hint" className="mt-2 text-sm text-[var(--color-muted)]">
          期間は{MAX_DAYS}日以内です。何も指定しないときは今日までの{UPCOMING_DAYS}日間を表示します。空きは期間にかかわらず今日から{UPCOMING_DAYS}日間の、受付中でまだ始まっていない枠の数です。
        </p>
        <div className="mt-3 flex flex-wrap gap-3">
          <button type="submit" className="btn-primary">
            表示する
          </button>
          <Link href="/admin/dashboard" className="btn-secondary">
            条件をクリア
          </Link>
        </div>
      </form>

      {problem && (
        <p role="alert" className="font-bold text-red-700">
          {problem}
        </p>
      )}
      {data && <Figures data={data} />}
    </div>
  );
}

function Figures({ data }: { data: DashboardData }) {
  const days = data.perDay;
  const dayLabels = days.map((d) => formatDateJa(d.key));
  const venues = data.perVenue;
  const venueCodes = venues.map((v) => data.venues.find((x) => String(x.id) === v.key)?.code ?? v.label);
  const venueNames = venues.map((v) => v.label);
  const t = data.totals;
  const remainingTotal = data.upcomingPerDay.reduce((sum, d) => sum + d.remaining, 0);
  const upcomingCapacity = data.upcomingPerDay.reduce((sum, d) => sum + d.capacity, 0);
  const upcomingOverbook = data.upcomingPerDay.reduce((sum, d) => sum + d.overbookSeats, 0);
  const upcomingHeld = data.upcomingPerDay.reduce((sum, d) => sum + d.held, 0);
  const channelTotal = data.channels.reduce((sum, c) => sum + c.count, 0);
  const period = `${formatDateJa(data.from, true)}から${formatDateJa(data.to, true)}まで`;
  const upcomingPeriod = `${formatDateJa(data.today)}から${formatDateJa(data.upcomingPerDay.at(-1)!.key)}まで`;
  const totals: { label: string; value: string; note?: string }[] = [
    { label: "予約数／定員", value: `${n(t.seatsTaken)}／${n(t.capacity)}`, note: t.capacity > 0 ? `${Math.round((t.seatsTaken / t.capacity) * 100)}%` : undefined },
    { label: "接種済み", value: n(t.vaccinated) },
    { label: "予診のみ", value: n(t.screenedOnly) },
    { label: "来場なし", value: n(t.noShow) },
    { label: "キャンセル", value: n(t.cancelled) },
    {
      label: `今後${UPCOMING_DAYS}日の空き`,
      value: n(remainingTotal),
      note: [`定員 ${n(upcomingCapacity)}`, upcomingOverbook > 0 ? `超過枠 +${n(upcomingOverbook)}` : "", upcomingHeld > 0 ? `保留 ${n(upcomingHeld)}` : ""].filter(Boolean).join("・"),
    },
    ...(data.waste.days.length > 0 ? [{ label: "廃棄したワクチン（推計）", value: `${n(data.waste.totals.wasted)}回分`, note: `バイアル ${n(data.waste.totals.vials)}本` }] : []),
  ];
  const outcomeSeries = (rows: typeof days) => [
    { name: "接種済み", color: COLORS.vaccinated, values: rows.map((d) => d.vaccinated) },
    { name: "予診のみ", color: COLORS.screenedOnly, values: rows.map((d) => d.screenedOnly) },
    { name: "来場なし", color: COLORS.noShow, values: rows.map((d) => d.noShow) },
    { name: "キャンセル", color: COLORS.cancelled, values: rows.map((d) => d.cancelled) },
  ];
  const seatSeries = (rows: typeof days) => [
    { name: "定員", color: COLORS.capacity, values: rows.map((d) => d.capacity) },
    { name: "予約数", color: COLORS.seatsTaken, values: rows.map((d) => d.seatsTaken) },
  ];
  // Overbooking and held seats only when there are any (most municipalities use neither).
  const upcomingSeries = (rows: DashboardData["upcomingPerDay"]) => [
    { name: "定員（受付中の枠）", color: COLORS.capacity, values: rows.map((d) => d.capacity) },
    ...(upcomingOverbook > 0 ? [{ name: "超過枠（オーバーブッキング）", color: COLORS.overbook, values: rows.map((d) => d.overbookSeats) }] : []),
    ...(upcomingHeld > 0 ? [{ name: "保留（案内中）", color: COLORS.held, values: rows.map((d) => d.held) }] : []),
    { name: "空き", color: COLORS.remaining, values: rows.map((d) => d.remaining) },
  ];

  return (
    <>
      <section aria-labelledby="dashboard-totals" className="space-y-2">
        <h2 id="dashboard-totals" className="text-xl font-bold">
          合計（{period}）
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
          {totals.map((item) => (
            <div key={item.label} className="rounded-lg bg-white p-3 shadow-sm">
              <dt className="text-sm font-bold text-[var(--color-muted)]">{item.label}</dt>
              <dd className="text-2xl font-bold tabular-nums">{item.value}</dd>
              {item.note && <dd className="text-sm text-[var(--color-muted)]">{item.note}</dd>}
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="dashboard-per-day" className="space-y-4">
        <h2 id="dashboard-per-day" className="text-xl font-bold">
          接種日ごと
        </h2>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <BarChart
            title="予約数と定員（接種日ごと）"
            summary={`${period}、定員${n(t.capacity)}人に対して予約${n(t.seatsTaken)}人です。`}
            categories={days.map((d) => shortDate(d.key))}
            tableLabels={dayLabels}
            categoryName="接種日"
            series={seatSeries(days)}
            unit="人"
          />
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <BarChart
            title="接種済み・予診のみ・来場なし・キャンセル（接種日ごと）"
            summary={`${period}、接種済み${n(t.vaccinated)}件、予診のみ${n(t.screenedOnly)}件、来場なし${n(t.noShow)}件、キャンセル${n(t.cancelled)}件です。`}
            categories={days.map((d) => shortDate(d.key))}
            tableLabels={dayLabels}
            categoryName="接種日"
            series={outcomeSeries(days)}
            unit="件"
          />
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <BarChart
            title={`今後${UPCOMING_DAYS}日の空き（${upcomingPeriod}）`}
            summary={`${upcomingPeriod}、受付中の枠の定員${n(upcomingCapacity)}人${upcomingOverbook > 0 ? `（オーバーブッキング枠+${n(upcomingOverbook)}人）` : ""}${upcomingHeld > 0 ? `、案内中の保留${n(upcomingHeld)}人` : ""}に対して、空きは${n(remainingTotal)}人です。`}
            categories={data.upcomingPerDay.map((d) => shortDate(d.key))}
            tableLabels={data.upcomingPerDay.map((d) => formatDateJa(d.key))}
            categoryName="接種日"
            series={upcomingSeries(data.upcomingPerDay)}
            unit="人"
          />
        </div>
      </section>

      <WasteSection data={data} />

      <section aria-labelledby="dashboard-per-venue" className="space-y-4">
        <h2 id="dashboard-per-venue" className="text-xl font-bold">
          会場ごと
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <BarChart
              title="予約数と定員（会場ごと）"
              summary={venues.map((v) => `${v.label} 定員${n(v.capacity)}人・予約${n(v.seatsTaken)}人`).join("、")}
              categories={venueCodes}
              tableLabels={venueNames}
              categoryName="会場"
              maxGroupWidth={120}
              series={seatSeries(venues)}
              unit="人"
            />
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <BarChart
              title="接種の結果とキャンセル（会場ごと）"
              summary={venues.map((v) => `${v.label} 接種済み${n(v.vaccinated)}・予診のみ${n(v.screenedOnly)}・来場なし${n(v.noShow)}・キャンセル${n(v.cancelled)}`).join("、")}
              categories={venueCodes}
              tableLabels={venueNames}
              categoryName="会場"
              maxGroupWidth={120}
              series={outcomeSeries(venues)}
              unit="件"
            />
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <BarChart
              title={`今後${UPCOMING_DAYS}日の空き（会場ごと）`}
              summary={data.upcomingPerVenue.map((v) => `${v.label} 空き${n(v.remaining)}人／定員${n(v.capacity)}人`).join("、")}
              categories={data.upcomingPerVenue.map((v) => data.venues.find((x) => String(x.id) === v.key)?.code ?? v.label)}
              tableLabels={data.upcomingPerVenue.map((v) => v.label)}
              categoryName="会場"
              maxGroupWidth={120}
              series={upcomingSeries(data.upcomingPerVenue)}
              unit="人"
            />
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <BarChart
              title="予約の経路（会場ごと）"
              summary={data.channelsPerVenue.map((v) => `${v.label} ${CHANNELS.map((c) => `${CHANNEL_LABELS[c]}${n(v.counts[c])}`).join("・")}`).join("、")}
              categories={data.channelsPerVenue.map((v) => data.venues.find((x) => String(x.id) === v.key)?.code ?? v.label)}
              tableLabels={data.channelsPerVenue.map((v) => v.label)}
              categoryName="会場"
              maxGroupWidth={120}
              series={CHANNELS.map((c) => ({ name: CHANNEL_LABELS[c], color: CHANNEL_COLORS[c], values: data.channelsPerVenue.map((v) => v.counts[c]) }))}
              unit="件"
            />
          </div>
        </div>
      </section>

      <section aria-labelledby="dashboard-channels" className="space-y-2">
        <h2 id="dashboard-channels" className="text-xl font-bold">
          予約の経路
        </h2>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <BarChart
            title={`予約の経路（${period}の接種日の予約${n(channelTotal)}件、キャンセルを含む）`}
            summary={data.channels.map((c) => `${c.label}${n(c.count)}件`).join("、")}
            categories={data.channels.map((c) => c.label)}
            categoryName="経路"
            maxGroupWidth={150}
            series={[{ name: "予約", color: COLORS.seatsTaken, values: data.channels.map((c) => c.count) }]}
            unit="件"
          />
        </div>
      </section>
    </>
  );
}

function WasteSection({ data }: { data: DashboardData }) {
  const { days, rows, products, totals } = data.waste;
  return (
    <section aria-labelledby="dashboard-waste" className="space-y-4">
      <h2 id="dashboard-waste" className="text-xl font-bold">
        廃棄したワクチン（推計・バイアルの残り）
      </h2>
      <p>
        開けたバイアルは当日中に使い切る必要があります。実際に接種した回数から、会場・日・ワクチンごとに「開けたバイアルの本数（接種回数÷1本の回数、切り上げ）」と「最後のバイアルで余った回数」を推計しています（廃棄の記録ではありません）。今日の分は接種が続いているため含めません。
      </p>
      {days.length === 0 ? (
        <p className="rounded-lg bg-white p-4">この期間に過ぎた日はありません（今日より前の日を含めて指定してください）。</p>
      ) : (
        <>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <BarChart
              title="廃棄した回数（推計、接種日ごと・ワクチンごと）"
              summary={`${formatDateJa(days[0]!.key, true)}から${formatDateJa(days.at(-1)!.key, true)}まで、接種${n(totals.administered)}回でバイアル${n(totals.vials)}本を開け、${n(totals.wasted)}回分が余りました。`}
              categories={days.map((d) => shortDate(d.key))}
              tableLabels={days.map((d) => formatDateJa(d.key))}
              categoryName="接種日"
              series={
                products.length > 0
                  ? products.map((p, i) => ({ name: `${p.name}（1本${p.dosesPerVial}回分）`, color: PRODUCT_COLORS[i % PRODUCT_COLORS.length]!, values: days.map((d) => d.byProduct[p.code] ?? 0) }))
                  : [{ name: "廃棄（推計）", color: PRODUCT_COLORS[0]!, values: days.map((d) => d.wasted) }]
              }
              unit="回分"
            />
          </div>
          <div className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
            <table className="w-full min-w-[40rem] text-left">
              <caption className="mb-2 text-left font-bold">会場・日・ワクチンごとの内訳（接種のあった日）</caption>
              <thead>
                <tr className="border-b-2 border-[var(--color-line)]">
                  <th scope="col" className="p-2">
                    接種日
                  </th>
                  <th scope="col" className="p-2">
                    会場
                  </th>
                  <th scope="col" className="p-2">
                    ワクチン
                  </th>
                  <th scope="col" className="p-2 text-right">
                    接種回数
                  </th>
                  <th scope="col" className="p-2 text-right">
                    バイアル
                  </th>
                  <th scope="col" className="p-2 text-right">
                    廃棄（推計）
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="p-2">
                      この期間の接種の記録はありません。
                    </td>
                  </tr>
                ) : (
                  rows.map((r) => (
                    <tr key={`${r.date}|${r.venueId}|${r.productCode}`} className="border-b border-[var(--color-line)]">
                      <td className="p-2">{formatDateJa(r.date)}</td>
                      <td className="p-2">{r.venueName}</td>
                      <td className="p-2">
                        {r.productName}
                        <span className="text-sm text-[var(--color-muted)]">（1本{r.dosesPerVial}回分）</span>
                      </td>
                      <td className="p-2 text-right tabular-nums">{n(r.administered)}回</td>
                      <td className="p-2 text-right tabular-nums">{n(r.vials)}本</td>
                      <td className={`p-2 text-right tabular-nums ${r.wasted > 0 ? "font-bold text-red-800" : ""}`}>{n(r.wasted)}回分</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
