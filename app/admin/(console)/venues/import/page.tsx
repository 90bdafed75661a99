import type { Metadata } from "next";
import Link from "next/link";
import { CsvUpload } from "@/components/admin/csv-upload";
import { roleMay } from "@/lib/auth/permissions";
import { consoleStaff } from "@/lib/admin/console-staff";

export const metadata: Metadata = { title: "会場のCSV取り込み" };
export const dynamic = "force-dynamic";

export default async function VenuesImportPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "venues.edit")) return <p role="alert">会場のCSVを取り込む権限がありません（管理者のみ）。</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">会場のCSV取り込み</h1>
      <p>会場をまとめて登録・更新します。登録済みの会場コードの行は、その会場の名前・種別・住所・電話番号を更新します。</p>
      <CsvUpload kind="venues" />
      <p>
        <Link href="/admin/venues" className="font-bold text-[var(--color-brand)] underline">
          会場の一覧へ
        </Link>
      </p>
    </div>
  );
}
