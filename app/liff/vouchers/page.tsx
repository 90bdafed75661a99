import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { currentLineUser } from "@/lib/line/current-line-user";
import { liffEntryPath, parseLiffDestination } from "@/lib/line/liff-destination";
import { listLinkedVouchers } from "@/lib/line/links";
import { loadResidentStatus } from "@/lib/resident/status";
import { currentResident } from "@/lib/resident/session";
import { switchVoucherAction, unlinkVoucherAction } from "./actions";

export const metadata: Metadata = { title: "LINEに連携した接種券" };
export const dynamic = "force-dynamic";

export default async function LiffVouchersPage({ searchParams }: { searchParams: Promise<{ to?: string; unlinked?: string; error?: string }> }) {
  const params = await searchParams;
  const to = parseLiffDestination(params.to);
  const lineUserId = await currentLineUser();
  if (!lineUserId) redirect(liffEntryPath(to));
  const db = await getResidentDb();
  const { locale } = await getMessages();
  const current = await currentResident();
  const linked = await Promise.all(
    (await listLinkedVouchers(db, lineUserId)).map(async (link) => ({ ...link, status: await loadResidentStatus(db, link.voucherId) })),
  );

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">LINEに連携した接種券</h1>
      {params.unlinked === "1" && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-4 font-bold text-green-900">
          接種券の連携を解除しました。
        </p>
      )}
      {params.error === "not_linked" && (
        <p role="alert" className="rounded-lg border-2 border-red-700 bg-red-50 p-4 font-bold text-red-900">
          その接種券はこのLINEアカウントに連携されていません。
        </p>
      )}
      {linked.length === 0 ? (
        <p>連携している接種券はありません。</p>
      ) : (
        <>
          <p>予約や確認をする方の接種券を選んでください。</p>
          <ul className="space-y-3">
            {linked.map((link) => {
              const masked = `******${link.voucherNumber.slice(-4)}`;
              const next = link.status?.reservations[0];
              return (
                <li key={link.voucherId} className="rounded-lg border-2 border-[var(--color-line)] bg-white p-3">
                  <p className="text-lg font-bold">
                    接種券番号 {masked}
                    {current?.voucherId === link.voucherId && <span className="ml-2 text-sm font-normal">（表示中）</span>}
                  </p>
                  <p>
                    {next
                      ? `予約: ${formatDate(locale, next.date, true)} ${formatTimeRange(locale, next.startTime, next.endTime)} ${next.venueName}`
                      : "現在、予約はありません。"}
                  </p>
                  <div className="mt-2 grid gap-2 sm:grid-cols-2">
                    <form action={switchVoucherAction}>
                      <input type="hidden" name="voucherId" value={link.voucherId} />
                      <input type="hidden" name="to" value={to} />
                      <button type="submit" className="btn-primary w-full" aria-label={`この接種券で進む（接種券番号 ${masked}）`}>
                        この接種券で進む
                      </button>
                    </form>
                    <form action={unlinkVoucherAction}>
                      <input type="hidden" name="voucherId" value={link.voucherId} />
                      <input type="hidden" name="to" value={to} />
                      <button type="submit" className="btn-secondary w-full" aria-label={`連携を解除する（接種券番号 ${masked}）`}>
                        連携を解除する
                      </button>
                    </form>
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <Link href={`/liff/link?to=${to}`} className="btn-secondary w-full">
        {linked.length === 0 ? "接種券を連携する" : "別の接種券（ご家族など）を連携する"}
      </Link>
      <p className="text-sm text-[var(--color-muted)]">
        連携を解除しても、予約は取り消されません。解除した接種券には、前日のお知らせもLINEで届かなくなります。
      </p>
    </div>
  );
}
