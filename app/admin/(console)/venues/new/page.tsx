import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { createVenueAction } from "../actions";
import { VenueFields } from "../venue-fields";

export const metadata: Metadata = { title: "会場の登録" };
export const dynamic = "force-dynamic";

export default async function NewVenuePage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "venues.edit")) return <p role="alert">会場を登録する権限がありません（管理者のみ）。</p>;
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/venues" className="text-[var(--color-brand)] underline">
          会場の一覧に戻る
        </Link>
      </p>
      <h1 className="text-2xl font-bold">会場の登録</h1>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <ActionForm action={createVenueAction} submitLabel="登録する" ariaLabel="会場の登録">
          <VenueFields />
        </ActionForm>
      </section>
      <p>
        まとめて登録するときは <Link href="/admin/venues/import" className="text-[var(--color-brand)] underline">CSVで一括登録</Link> をご利用ください。
      </p>
    </div>
  );
}
