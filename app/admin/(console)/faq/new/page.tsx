import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { createFaqAction } from "../actions";
import { FaqEntryFields } from "../faq-entry-form";

export const metadata: Metadata = { title: "FAQの追加" };
export const dynamic = "force-dynamic";

export default async function NewFaqPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "settings")) return <p role="alert">FAQを管理する権限がありません（管理者のみ）。</p>;
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/faq" className="underline">
          ← FAQの一覧へ
        </Link>
      </p>
      <h1 className="text-2xl font-bold">FAQを追加する</h1>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <ActionForm action={createFaqAction} submitLabel="追加する" ariaLabel="FAQを追加する" resetOnSuccess>
          <FaqEntryFields />
        </ActionForm>
      </div>
    </div>
  );
}
