import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay } from "@/lib/auth/permissions";
import { getFaqEntry } from "@/lib/chatbot/faq-admin";
import { deleteFaqAction, updateFaqAction } from "../actions";
import { FaqEntryFields } from "../faq-entry-form";

export const metadata: Metadata = { title: "FAQの編集" };
export const dynamic = "force-dynamic";

export default async function EditFaqPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "settings")) return <p role="alert">FAQを管理する権限がありません（管理者のみ）。</p>;
  const id = decodeURIComponent((await params).id).slice(0, 64);
  const entry = await getFaqEntry(await getDb(), id);
  const back = (
    <p>
      <Link href="/admin/faq" className="underline">
        ← FAQの一覧へ
      </Link>
    </p>
  );
  if (!entry) {
    return (
      <div className="space-y-4">
        {back}
        <p role="alert">FAQ「{id}」は見つかりません（削除されたか、IDが違います）。</p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {back}
      <h1 className="text-2xl font-bold">FAQ「{entry.id}」の編集</h1>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <ActionForm action={updateFaqAction} submitLabel="保存する" ariaLabel={`FAQ ${entry.id} の編集`}>
          <FaqEntryFields entry={entry} />
        </ActionForm>
      </div>
      <section aria-labelledby="delete" className="rounded-lg border-2 border-red-200 bg-white p-4">
        <h2 id="delete" className="mb-2 font-bold">
          このFAQを削除する
        </h2>
        <p className="mb-2">削除すると、チャットボットはすぐにこのFAQで答えなくなります（内容は監査ログに残ります）。</p>
        <ActionForm action={deleteFaqAction} submitLabel="削除する" tone="danger" ariaLabel={`FAQ ${entry.id} の削除`} redirectTo={`/admin/faq?deleted=${encodeURIComponent(entry.id)}`}>
          <input type="hidden" name="id" value={entry.id} />
        </ActionForm>
      </section>
    </div>
  );
}
