import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { SlotNotFound } from "@/components/resident/slot-not-found";
import { SlotSummary } from "@/components/resident/slot-summary";
import { loadSettings } from "@/lib/booking/context";
import { formatDate, formatTimeRange, refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { parseSlotId, slotOptionFor, voucherNumberOf } from "@/lib/resident/group-booking";
import { currentResident } from "@/lib/resident/session";
import { familyBookingFormAction } from "./actions";
import { FamilyBookingForm } from "./family-booking-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.group.familyTitle };
}
export const dynamic = "force-dynamic";

/** 同時予約: the resident and family members into this slot, all or none. */
export default async function FamilyBookingPage({ params }: { params: Promise<{ slotId: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { locale, m } = await getMessages();
  const t = m.group;
  const slotId = parseSlotId((await params).slotId);
  const db = await getResidentDb();
  const option = slotId === null ? null : await slotOptionFor(db, session.voucherId, slotId);
  const ownVoucherNumber = await voucherNumberOf(db, session.voucherId);
  if (!ownVoucherNumber) redirect("/login");

  if (!option) return <SlotNotFound m={m} />;

  const settings = await loadSettings(db);
  const when = `${formatDate(locale, option.date, true)} ${formatTimeRange(locale, option.startTime, option.endTime)}`;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.familyTitle}</h1>
      <p>{t.familyIntro(settings.maxGroupSize)}</p>

      <SlotSummary id="chosen" title={t.chosenSlot} slot={option} locale={locale}>
        {option.bookable && <p className="mt-1 text-sm">{t.seatsLeft(option.remaining)}</p>}
      </SlotSummary>

      <div className="rounded-lg bg-white p-4 shadow-sm">
        {!option.bookable ? (
          <div className="space-y-3">
            <p role="alert" className="font-bold">
              {t.notBookable(refusalText(m, { code: option.code ?? "", reason: option.reason ?? "", params: option.params }))}
            </p>
            <Link href={`/slots?date=${option.date}`} className="btn-secondary w-full">{t.otherSlot}</Link>
          </div>
        ) : settings.maxGroupSize < 2 ? (
          <p role="alert" className="font-bold">{t.familyClosed}</p>
        ) : (
          <FamilyBookingForm
            slotId={option.slotId}
            maxMembers={settings.maxGroupSize - 1}
            ownMasked={`******${ownVoucherNumber.slice(-4)}`}
            slot={{ when, venueName: option.venueName, productName: option.productName }}
            action={familyBookingFormAction}
          />
        )}
      </div>

      <Link href="/mypage" className="block text-[var(--color-brand)] underline">{m.common.backToMyPage}</Link>
    </div>
  );
}
