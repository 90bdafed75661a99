import type { Metadata } from "next";
import Link from "next/link";
import { CsvUpload } from "@/components/admin/csv-upload";
import { roleMay } from "@/lib/auth/permissions";
import { consoleStaff } from "@/lib/admin/console-staff";

export const metadata: Metadata = { title: "接種券のCSV取り込み" };
export const dynamic = "force-dynamic";

export default async function VouchersImportPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "vouchers.upload")) return <p role="alert">接種券のCSVを取り込む権限がありません（管理者のみ）。</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">接種券のCSV取り込み</h1>
      <p>有効接種券の一覧（市が発行した接種券のリスト）を取り込みます。100万行のファイルも取り込めます。接種券の一覧にない人はログインできません。</p>
      <CsvUpload kind="vouchers" />
      <p>
        <Link href="/admin/vouchers" className="font-bold text-[var(--color-brand)] underline">
          接種券の一覧・個別登録へ
        </Link>
      </p>
    </div>
  );
}
