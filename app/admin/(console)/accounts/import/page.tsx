import type { Metadata } from "next";
import Link from "next/link";
import { CsvUpload } from "@/components/admin/csv-upload";
import { roleMay } from "@/lib/auth/permissions";
import { consoleStaff } from "@/lib/admin/console-staff";

export const metadata: Metadata = { title: "アカウントのCSV取り込み" };
export const dynamic = "force-dynamic";

export default async function AccountsImportPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "accounts")) return <p role="alert">アカウントのCSVを取り込む権限がありません。</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">アカウントのCSV取り込み</h1>
      <p>職員のアカウントをまとめて作成します。初期パスワードは取り込みの直後に一度だけダウンロードできます。</p>
      {staff.role === "venue_manager" && <p>会場責任者は、担当の会場の「会場一般」のアカウントだけを登録できます。</p>}
      <CsvUpload kind="accounts" />
      <p>
        <Link href="/admin/accounts" className="font-bold text-[var(--color-brand)] underline">
          アカウントの一覧へ
        </Link>
      </p>
    </div>
  );
}
