import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { SlotNotFound } from "@/components/resident/slot-not-found";
import { SlotSummary } from "@/components/resident/slot-summary";
import { loadSettings } from "@/lib/booking/context";
import { fieldModes } from "@/lib/domain/personal-fields";
import { refusalText, type Locale, type Messages } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { loadSetPair, parseSlotId } from "@/lib/resident/group-booking";
import type { SlotOption } from "@/lib/resident/slot-search";
import { currentResident } from "@/lib/resident/session";
import { setBookingFormAction } from "./actions";
import { SetBookingForm } from "./set-booking-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.group.setTitle };
}
export const dynamic = "force-dynamic";

function SlotSection({ id, title, slot, locale, m }: { id: string; title: string; slot: SlotOption; locale: Locale; m: Messages }) {
  return (
    <SlotSummary id={id} title={title} slot={slot} locale={locale}>
      {!slot.bookable && (
        <p role="alert" className="mt-2 font-bold text-red-800">
          {m.group.notBookable(refusalText(m, { code: slot.code ?? "", reason: slot.reason ?? "", params: slot.params }))}
        </p>
      )}
    </SlotSummary>
  );
}

/** セット予約, step 2: both slots, the personal fields, then 「2回分を予約する」. */
export default async function SetConfirmPage({ params }: { params: Promise<{ slotId: string; secondSlotId: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { locale, m } = await getMessages();
  const t = m.group;
  const raw = await params;
  const firstId = parseSlotId(raw.slotId);
  const secondId = parseSlotId(raw.secondSlotId);
  const db = await getResidentDb();
  const pair = firstId === null || secondId === null ? null : await loadSetPair(db, session.voucherId, firstId, secondId);

  if (!pair) return <SlotNotFound m={m} />;

  const { first, second, offer } = pair;
  const settings = await loadSettings(db);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.setTitle}</h1>
      <SlotSection id="first-slot" title={t.firstSlot} slot={first} locale={locale} m={m} />
      {first.bookable && <SlotSection id="second-slot" title={t.secondSlot} slot={second} locale={locale} m={m} />}

      {!first.bookable ? (
        <Link href={`/slots?date=${first.date}`} className="btn-secondary w-full">{t.otherSlot}</Link>
      ) : !offer.offered ? (
        <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <p role="alert" className="font-bold">{offer.why === "not_first_dose" ? t.notFirstDose : t.noSecondDose}</p>
          <Link href={`/book/${first.slotId}`} className="btn-secondary w-full">{t.normalBooking}</Link>
        </div>
      ) : second.bookable ? (
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <SetBookingForm firstSlotId={first.slotId} secondSlotId={second.slotId} modes={fieldModes(settings)} action={setBookingFormAction} />
        </div>
      ) : null}

      {first.bookable && offer.offered && (
        <Link href={`/book/${first.slotId}/set`} className="block text-[var(--color-brand)] underline">{t.changeSecond}</Link>
      )}
      <Link href="/mypage" className="block text-[var(--color-brand)] underline">{m.common.backToMyPage}</Link>
    </div>
  );
}
