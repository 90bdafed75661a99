import type { Metadata } from "next";
import Link from "next/link";
import { CsvUpload } from "@/components/admin/csv-upload";
import { roleMay } from "@/lib/auth/permissions";
import { consoleStaff } from "@/lib/admin/console-staff";

export const metadata: Metadata = { title: "予約枠のCSV取り込み" };
export const dynamic = "force-dynamic";

export default async function SlotsImportPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "slots.edit")) return <p role="alert">予約枠のCSVを取り込む権限がありません。</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">予約枠のCSV取り込み</h1>
      <p>予約枠をまとめて登録します。</p>
      {staff.role === "venue_manager" && <p>会場責任者は、担当の会場の予約枠だけを登録できます。</p>}
      <CsvUpload kind="slots" />
      <p>
        <Link href="/admin/slots" className="font-bold text-[var(--color-brand)] underline">
          予約枠の一覧へ
        </Link>
      </p>
    </div>
  );
}
