// The three LIFF entry URLs (/liff, /liff/book, /liff/reservations) differ only in where they lead.
import Link from "next/link";
import { lineConfig } from "@/lib/line/config";
import type { LiffDestination } from "@/lib/line/liff-destination";
import { LiffEntry } from "./liff-entry";

export function LiffEntryPage({ to }: { to: LiffDestination }) {
  const config = lineConfig();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">LINEで予約</h1>
      {config.liffId ? (
        <LiffEntry liffId={config.liffId} mock={config.liffMock} to={to} />
      ) : (
        <div role="alert" className="rounded-lg border-2 border-[var(--color-line)] bg-white p-4">
          <p>LINEからのご利用は準備中です。ウェブサイトからご利用ください。</p>
          <Link href="/login" className="btn-primary mt-3 w-full">
            接種券番号でログイン
          </Link>
        </div>
      )}
    </div>
  );
}
