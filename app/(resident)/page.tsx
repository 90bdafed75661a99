import Link from "next/link";
import { getDb } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";

export const dynamic = "force-dynamic";

export default async function LandingPage() {
  const settings = await loadSettings(await getDb());
  return (
    <div className="space-y-6">
      <section aria-labelledby="welcome" className="space-y-3">
        <h1 id="welcome" className="text-2xl font-bold">新型コロナワクチン接種の予約</h1>
        <p>{settings.name}にお住まいの方の接種予約・予約の確認・変更・キャンセルができます。</p>
      </section>

      {settings.notices && (
        <section aria-labelledby="notices" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
          <h2 id="notices" className="mb-2 font-bold">お知らせ</h2>
          <div className="space-y-1 whitespace-pre-line">{settings.notices}</div>
        </section>
      )}

      <div>
        <Link href="/login" className="btn-primary w-full text-lg">
          予約する・予約を確認する
        </Link>
      </div>

      <section aria-labelledby="prepare" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="prepare" className="mb-2 text-lg font-bold">ご用意いただくもの</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>お手元に届いた<strong>接種券</strong>（10桁の接種券番号が書かれています）</li>
          <li>接種を受ける方の<strong>生年月日</strong></li>
        </ul>
      </section>

      <section aria-labelledby="phone" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="phone" className="mb-2 text-lg font-bold">お電話での予約・お問い合わせ</h2>
        <p>インターネットでの予約が難しい方は、コールセンターで予約をお受けします。</p>
        {settings.callCenterPhone && (
          <p className="mt-2 text-xl font-bold">
            <a href={`tel:${settings.callCenterPhone.replace(/[^0-9+]/g, "")}`} className="text-[var(--color-brand)] underline">
              {settings.callCenterPhone}
            </a>
          </p>
        )}
        {settings.callCenterHours && <p className="text-[var(--color-muted)]">{settings.callCenterHours}</p>}
      </section>
    </div>
  );
}
