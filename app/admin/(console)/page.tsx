import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { venues } from "@/db/schema";
import { currentStaff } from "@/lib/auth/require-staff";
import { roleMay, type Permission } from "@/lib/auth/permissions";
import { isVenueScoped, ROLE_LABELS } from "@/lib/auth/roles";
import { redirect } from "next/navigation";

export const dynamic = "force-dynamic";

const PERMISSION_LABELS: Record<Permission, string> = {
  settings: "自治体の設定・ワクチンと接種間隔",
  accounts: "アカウントの管理",
  "venues.edit": "会場の登録・編集",
  "venues.view": "会場の閲覧",
  "slots.edit": "予約枠の登録・定員変更・受付停止",
  "slots.view": "予約枠の閲覧",
  "vouchers.upload": "有効接種券のCSV登録",
  "vouchers.register": "有効接種券の個別登録（住所地外を含む）",
  "booking.forCaller": "電話での予約・変更・キャンセル",
  "booking.bulk": "一括予約",
  reception: "受付・接種記録・予診のみ・来場なし",
  "dose.correct": "接種記録の訂正",
  "lots.edit": "会場のロット番号の登録",
  "export.vrs": "VRS用CSVの出力",
  dashboard: "ダッシュボード",
  "audit.view": "監査ログの閲覧",
  "leftover.declare": "余剰ワクチンの登録・来場予定の確認",
};

export default async function AdminHome() {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  const scoped = isVenueScoped(staff.role);
  const venueNames = scoped && staff.venueIds.length > 0
    ? (await (await getDb()).select({ name: venues.name }).from(venues).where(inArray(venues.id, [...staff.venueIds]))).map((v) => v.name)
    : [];
  const permissions = (Object.keys(PERMISSION_LABELS) as Permission[]).filter((p) => roleMay(staff.role, p));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">ようこそ、{staff.displayName}さん</h1>
      <section aria-labelledby="role" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="role" className="mb-2 text-lg font-bold">権限</h2>
        <p className="text-lg">{ROLE_LABELS[staff.role]}</p>
        <p>担当会場: {scoped ? (venueNames.length > 0 ? venueNames.join("、") : "（未設定）") : "全会場"}</p>
      </section>
      <section aria-labelledby="can-do" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="can-do" className="mb-2 text-lg font-bold">この権限でできること</h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {permissions.map((p) => (
            <li key={p} className="flex items-center gap-2">
              <span aria-hidden="true" className="text-green-700">✓</span>
              {PERMISSION_LABELS[p]}
              {scoped && p !== "venues.view" && <span className="text-sm text-[var(--color-muted)]">（担当会場{(p === "reception" || p === "leftover.declare") && staff.role === "venue_staff" ? "・当日" : ""}）</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
