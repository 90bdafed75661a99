import type { Metadata } from "next";
import Link from "next/link";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { CallerSearchForm } from "./search-form";

export const metadata: Metadata = { title: "電話予約" };
export const dynamic = "force-dynamic";

export default async function CallersPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "booking.forCaller")) return <p role="alert">電話予約を行う権限がありません。</p>;
  const nameSearch = staffMay(staff, "booking.forCaller", { venueId: null });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">電話予約</h1>
      <p>
        お電話の方の接種券番号と生年月日を伺って検索してください。
        {nameSearch && "接種券がお手元にない方は、カナ氏名または電話番号と生年月日で検索できます。"}
        生年月日が一致しない限り、予約や個人の情報は表示されません。検索と閲覧はすべて記録されます。
      </p>
      <CallerSearchForm nameSearch={nameSearch} />
      {roleMay(staff.role, "vouchers.register") && (
        <p>
          登録されていない接種券（住所地外の方など）は、<Link href="/admin/vouchers" className="font-bold text-[var(--color-brand)] underline">接種券の登録</Link>
          から登録すると、そのまま予約に進めます。
        </p>
      )}
    </div>
  );
}
