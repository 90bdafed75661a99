import type { Metadata } from "next";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { venues } from "@/db/schema";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { BulkForm } from "./bulk-form";

export const metadata: Metadata = { title: "一括予約" };
export const dynamic = "force-dynamic";

export default async function BulkPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "booking.bulk")) return <p role="alert">一括予約を行う権限がありません。</p>;
  const all = await (await getDb()).select({ id: venues.id, name: venues.name }).from(venues).where(eq(venues.active, true)).orderBy(asc(venues.code));
  const choices = all.filter((v) => staffMay(staff, "booking.bulk", { venueId: v.id }));
  if (choices.length === 0) return <p role="alert">一括予約できる会場がありません。管理者にお問い合わせください。</p>;
  const today = tokyoDate(new Date());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">一括予約</h1>
      <p>
        施設の入所者など、名簿の方をまとめて予約します。会場と期間を選び、名簿を貼り付けるかCSVファイルを選んで「確認する」を押すと、どなたがどの枠に入るか、予約できない方はその理由が表示されます（予約枠は日付・時刻の早い順に埋めます）。内容を確かめてから「予約する」を押してください。
      </p>
      <BulkForm venues={choices} defaultFrom={addDays(today, 1)} defaultTo={addDays(today, 14)} />
    </div>
  );
}
