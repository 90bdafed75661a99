import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { consoleStaff } from "@/lib/admin/console-staff";
import { listPhoneOffers } from "@/lib/admin/phone-offers";
import { roleMay } from "@/lib/auth/permissions";
import { formatDateJa, hhmm, tokyoDate } from "@/lib/domain/dates";
import { PhoneOfferAnswer } from "./phone-offer-answer";

export const metadata: Metadata = { title: "空き枠のご案内（電話）" };
export const dynamic = "force-dynamic";

function time(at: Date): string {
  return at.toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
}

export default async function PhoneOffersPage() {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "booking.forCaller")) return <p role="alert">電話予約を行う権限がありません。</p>;
  const now = new Date();
  const offers = await listPhoneOffers(await getDb(), staff, now);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">空き枠のご案内（電話）</h1>
      <p>
        キャンセル待ちで「電話」を選んだ方に、空いた枠をご案内しています。期限までにお電話し、ご本人（接種券番号と生年月日）を確認してから、承諾なら「予約する」、不要なら「辞退として処理」を押してください。期限を過ぎると、枠は自動で次の方に移ります。
      </p>
      {offers.length === 0 ? (
        <p role="status" className="rounded-lg bg-white p-4 shadow-sm">
          現在、お電話でご案内する枠はありません。
        </p>
      ) : (
        <ul className="space-y-3">
          {offers.map((o) => {
            const minutes = Math.max(0, Math.ceil((o.expiresAt.getTime() - now.getTime()) / 60_000));
            return (
              <li key={o.offerId} className="rounded-lg bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="text-lg font-bold">
                    {o.phone ?? "（電話番号なし）"}・{o.kanaName ?? "（カナ氏名なし）"}
                  </p>
                  <p className={minutes <= 10 ? "font-bold text-red-700" : "font-bold"}>
                    期限 {formatDateJa(tokyoDate(o.expiresAt))} {time(o.expiresAt)}（あと{minutes}分）
                  </p>
                </div>
                <p>
                  接種券番号 {o.voucherNumber}・生年月日 {formatDateJa(o.birthDate, true)}
                </p>
                <p>
                  ご案内する枠: {formatDateJa(o.date, true)} {hhmm(o.startTime)}〜{hhmm(o.endTime)} {o.venueName}・{o.productName}
                </p>
                <PhoneOfferAnswer offerId={o.offerId} voucherNumber={o.voucherNumber} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
