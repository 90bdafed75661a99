import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { slots } from "@/db/schema";
import { loadSettings } from "@/lib/booking/context";
import { formatDateJa, hhmm } from "@/lib/domain/dates";
import { fieldModes } from "@/lib/domain/personal-fields";
import { slotOptionsFor } from "@/lib/resident/slot-search";
import { currentResident } from "@/lib/resident/session";
import { bookingFormAction } from "./actions";
import { BookingForm } from "./booking-form";

export const metadata: Metadata = { title: "予約の入力" };
export const dynamic = "force-dynamic";

export default async function BookPage({ params }: { params: Promise<{ slotId: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const slotId = Number((await params).slotId);
  const db = await getDb();
  const [slot] = Number.isInteger(slotId) && slotId > 0 ? await db.select({ date: slots.date }).from(slots).where(eq(slots.id, slotId)) : [];
  const option = slot ? (await slotOptionsFor(db, session.voucherId, { from: slot.date, to: slot.date })).find((o) => o.slotId === slotId) : undefined;
  if (!option) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">予約枠が見つかりません</h1>
        <Link href="/slots" className="btn-secondary">日付から探す</Link>
      </div>
    );
  }
  const settings = await loadSettings(db);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">予約の入力</h1>
      <section aria-labelledby="chosen" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="chosen" className="mb-1 text-sm text-[var(--color-muted)]">選んだ予約枠</h2>
        <p className="text-lg font-bold">
          {formatDateJa(option.date, true)} {hhmm(option.startTime)}〜{hhmm(option.endTime)}
        </p>
        <p>{option.venueName}</p>
        <p>{option.productName}</p>
      </section>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        {option.bookable ? (
          <BookingForm slotId={option.slotId} modes={fieldModes(settings)} action={bookingFormAction} />
        ) : (
          <p role="alert" className="font-bold">この枠は予約できません: {option.reason}</p>
        )}
      </div>
      <Link href={`/slots?date=${option.date}`} className="text-[var(--color-brand)] underline">
        別の枠を選ぶ
      </Link>
    </div>
  );
}
