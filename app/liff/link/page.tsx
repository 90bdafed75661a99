import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { LoginForm } from "@/app/(resident)/login/login-form";
import { getMessages } from "@/lib/i18n/server";
import { currentLineUser } from "@/lib/line/current-line-user";
import { liffEntryPath, parseLiffDestination } from "@/lib/line/liff-destination";
import { listLinkedVouchers } from "@/lib/line/links";
import { linkVoucherAction } from "./actions";

export const metadata: Metadata = { title: "接種券をLINEに連携" };
export const dynamic = "force-dynamic";

export default async function LiffLinkPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const to = parseLiffDestination((await searchParams).to);
  const lineUserId = await currentLineUser();
  if (!lineUserId) redirect(liffEntryPath(to));
  const linked = await listLinkedVouchers(await getResidentDb(), lineUserId);
  const { m } = await getMessages();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{linked.length === 0 ? "接種券をLINEに連携" : "別の接種券を連携"}</h1>
      <p>
        接種券番号と生年月日を入力してください。確認できると、この接種券がLINEに連携され、次回からはLINEから開くだけで予約の画面に進めます。
        ご家族の接種券も、1枚ずつ連携できます。
      </p>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <LoginForm action={linkVoucherAction.bind(null, to)} />
      </div>
      <p className="text-sm text-[var(--color-muted)]">{m.login.lockNote}連携はいつでも解除できます。</p>
      {linked.length > 0 && (
        <Link href={`/liff/vouchers?to=${to}`} className="btn-secondary w-full">
          連携済みの接種券に戻る
        </Link>
      )}
    </div>
  );
}
