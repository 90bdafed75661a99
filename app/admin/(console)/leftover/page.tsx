// 余剰ワクチン: the venue tablet's 「本日 HH:MM に N 回分の余剰があります」, and today's releases with who is coming.
import type { Metadata } from "next";
import Link from "next/link";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { slots, vaccineProducts, venues } from "@/db/schema";
import { ActionForm, SelectField, TextField } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { isVenueScoped } from "@/lib/auth/roles";
import { loadSettings } from "@/lib/booking/context";
import { formatDateJa, tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { STATUS_LABELS } from "@/lib/domain/reservation-status";
import { listTodayReleases, type ReleaseView } from "@/lib/leftover/releases";
import { closeReleaseAction, declareLeftoverAction } from "./actions";

export const metadata: Metadata = { title: "余剰ワクチン" };
export const dynamic = "force-dynamic";

/** The next quarter hour from now, as the form's first guess at the dose time. */
function nextQuarter(now: Date): string {
  const [h, m] = tokyoTime(now).split(":").map(Number);
  const total = Math.min(h! * 60 + m! + 15 - ((m! + 15) % 15), 23 * 60 + 29);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="rounded-md bg-slate-50 p-3 text-center">
      <dt className="text-sm">{label}</dt>
      <dd className="text-2xl font-bold">{value}</dd>
    </div>
  );
}

function Release({ r }: { r: ReleaseView }) {
  const title = `${r.startTime}〜${r.endTime} ${r.productName} ${r.doses}回分`;
  return (
    <li className="rounded-lg border-2 border-[var(--color-line)] bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-xl font-bold">{title}</h3>
        {r.closedAt ? (
          <span className="rounded bg-slate-200 px-2 py-1">ご案内終了</span>
        ) : r.seatsLeft <= 0 ? (
          <span className="rounded bg-green-100 px-2 py-1 font-bold text-green-900">満席</span>
        ) : (
          <span className="rounded bg-amber-100 px-2 py-1 font-bold text-amber-900">ご案内中</span>
        )}
      </div>
      {r.note && <p className="mt-1">メモ: {r.note}</p>}
      <dl className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Figure label="ご案内を送信" value={`${r.offers.sent}人`} />
        <Figure label="予約済み" value={`${r.coming.length}人`} />
        <Figure label="回答待ち" value={`${r.offers.open}人`} />
        <Figure label="空き" value={`${Math.max(r.seatsLeft, 0)}回分`} />
        <Figure label="送信できず" value={`${r.offers.failed + r.offers.notSent}人`} />
      </dl>
      <h4 className="mt-4 font-bold">来場予定の方</h4>
      {r.coming.length === 0 ? (
        <p>まだ予約はありません。</p>
      ) : (
        <table className="mt-1 w-full text-left text-lg">
          <caption className="sr-only">{title}の来場予定</caption>
          <thead>
            <tr className="border-b">
              <th scope="col" className="py-2">予約番号</th>
              <th scope="col">カナ氏名</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {r.coming.map((c) => (
              <tr key={c.reservationNumber} className="border-b">
                <td className="py-2 font-mono tracking-wider">{c.reservationNumber}</td>
                <td>{c.kanaName ?? "（未登録）"}</td>
                <td>{STATUS_LABELS[c.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* Stays mounted once closed, so the answer (how many offers were withdrawn) survives the refresh. */}
      <ActionForm
        action={closeReleaseAction}
        submitLabel="ご案内を終了する"
        tone="danger"
        className="mt-3"
        ariaLabel={`${title}のご案内を終了する`}
        finished={!!r.closedAt}
      >
        {!r.closedAt && (
          <>
            <input type="hidden" name="releaseId" value={r.id} />
            <p className="text-sm text-[var(--color-muted)]">回答待ちの方へのご案内を取り消します。予約済みの方はそのまま来場されます。</p>
          </>
        )}
      </ActionForm>
    </li>
  );
}

export default async function LeftoverPage({ searchParams }: { searchParams: Promise<{ venue?: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "leftover.declare")) return <p role="alert">余剰ワクチンを登録する権限がありません。</p>;
  const db = await getDb();
  const choices = isVenueScoped(staff.role)
    ? staff.venueIds.length > 0
      ? await db.select({ id: venues.id, name: venues.name }).from(venues).where(inArray(venues.id, [...staff.venueIds])).orderBy(asc(venues.code))
      : []
    : await db.select({ id: venues.id, name: venues.name }).from(venues).where(eq(venues.active, true)).orderBy(asc(venues.code));
  if (choices.length === 0) return <p role="alert">担当の会場がありません。管理者にお問い合わせください。</p>;
  const requested = Number((await searchParams).venue);
  const venueId = choices.some((c) => c.id === requested) ? requested : choices[0]!.id;
  const now = new Date();
  const today = tokyoDate(now);
  const [settings, listed, products, todaysSlots] = await Promise.all([
    loadSettings(db),
    listTodayReleases(db, staff, venueId, now),
    db.select({ code: vaccineProducts.code, name: vaccineProducts.name }).from(vaccineProducts).where(eq(vaccineProducts.active, true)).orderBy(asc(vaccineProducts.sortOrder)),
    db.select({ productCode: slots.productCode }).from(slots).where(and(eq(slots.venueId, venueId), eq(slots.date, today), eq(slots.offerOnly, false))).limit(1),
  ]);
  if (!listed.ok) return <p role="alert">{listed.reason}</p>;
  // The vial opened today is most likely the product of the venue's own slots today.
  const usual = todaysSlots[0]?.productCode ?? products[0]?.code;
  const latest = tokyoTime(new Date(now.getTime() + settings.leftoverLeadMinutes * 60_000));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">余剰ワクチン — {listed.venue.name}</h1>
        <p className="text-lg">{formatDateJa(today, true)}</p>
      </div>
      {choices.length > 1 && (
        <nav aria-label="会場の切り替え" className="flex flex-wrap gap-2">
          {choices.map((c) => (
            <Link key={c.id} href={`/admin/leftover?venue=${c.id}`} aria-current={c.id === venueId ? "page" : undefined} className={c.id === venueId ? "btn-primary" : "btn-secondary"}>
              {c.name}
            </Link>
          ))}
        </nav>
      )}

      <section aria-labelledby="declare-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="declare-heading" className="text-xl font-bold">
          本日の余剰を登録する
        </h2>
        {!settings.leftoverEnabled ? (
          <p role="alert" className="mt-2 rounded-md border-2 border-amber-700 bg-amber-50 p-3 font-bold">
            余剰ワクチンのご案内は、設定で「使わない」になっています。使うには管理者が「設定」で切り替えてください。
          </p>
        ) : (
          <>
            <p className="mb-3 mt-1 text-[var(--color-muted)]">
              「本日 HH:MM に N 回分の余剰があります」と登録すると、申し込み済みで今日接種を受けられる方に、回数の3倍までの人数へ
              LINE・SMS・メールでご案内を送ります。先着順に予約が入り、この画面に来場予定として表示されます。
            </p>
            <ActionForm action={declareLeftoverAction} submitLabel="余剰を登録してご案内を送る" ariaLabel="本日の余剰を登録する" resetOnSuccess>
              <input type="hidden" name="venueId" value={venueId} />
              <div className="grid gap-4 md:grid-cols-3">
                <TextField
                  name="startTime"
                  label="接種の時刻（本日）"
                  type="time"
                  defaultValue={nextQuarter(now)}
                  required
                  hint={`接種時刻の${settings.leftoverLeadMinutes}分前から登録できます（今は${latest}まで）。`}
                />
                <TextField name="doses" label="余剰の回数（何回分）" inputMode="numeric" defaultValue="1" required hint="1〜100回分" />
                <SelectField name="productCode" label="ワクチン" options={products.map((p) => ({ value: p.code, label: p.name }))} defaultValue={usual} />
              </div>
              <TextField className="mt-4" name="note" label="メモ（任意）" hint="例: 14時の回で2名キャンセル。職員向けで、住民には表示されません。" />
            </ActionForm>
          </>
        )}
      </section>

      <section aria-labelledby="today-heading" className="space-y-3">
        <h2 id="today-heading" className="text-xl font-bold">
          本日の余剰ワクチン
        </h2>
        {listed.releases.length === 0 ? (
          <p className="rounded-lg bg-white p-4 shadow-sm">本日の登録はまだありません。</p>
        ) : (
          <ul className="space-y-4">
            {listed.releases.map((r) => (
              <Release key={r.id} r={r} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
