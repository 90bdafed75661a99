import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { loadSettings } from "@/lib/booking/context";
import { RegisterVoucherForm } from "./register-form";

export const metadata: Metadata = { title: "接種券" };
export const dynamic = "force-dynamic";

export default async function VouchersPage() {
  const staff = await consoleStaff();
  const mayRegister = roleMay(staff.role, "vouchers.register");
  const mayUpload = roleMay(staff.role, "vouchers.upload");
  if (!mayRegister && !mayUpload) return <p role="alert">接種券を登録する権限がありません。</p>;
  const settings = await loadSettings(await getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">有効接種券の登録</h1>
      {mayUpload && (
        <p>
          接種券の一覧（CSV）をまとめて登録するときは
          <Link href="/admin/vouchers/import" className="font-bold text-[var(--color-brand)] underline">
            CSVで一括登録
          </Link>
          を使ってください。
        </p>
      )}
      {mayRegister && (
        <>
          <p>1枚ずつ登録します。住所地外の方は、接種券に書かれた発行自治体のコード（6桁）を入力してください。すでに登録されている接種券は登録できません。</p>
          <RegisterVoucherForm municipalityCode={settings.code} municipalityName={settings.name} />
        </>
      )}
    </div>
  );
}
