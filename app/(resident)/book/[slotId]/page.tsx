import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { getResidentDb } from "@/db/client";
import { slots } from "@/db/schema";
import { SlotSummary } from "@/components/resident/slot-summary";
import { WaitlistHint } from "@/components/resident/waitlist-hint";
import { loadSettings } from "@/lib/booking/context";
import { fieldModes } from "@/lib/domain/personal-fields";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { slotOptionsFor } from "@/lib/resident/slot-search";
import { loadResidentStatus } from "@/lib/resident/status";
import { currentResident } from "@/lib/resident/session";
import { bookingFormAction } from "./actions";
import { BookingForm } from "./booking-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.booking.title };
}
export const dynamic = "force-dynamic";

export default async function BookPage({ params }: { params: Promise<{ slotId: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { locale, m } = await getMessages();
  const t = m.booking;
  const raw = (await params).slotId;
  const slotId = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : 0;
  const db = await getResidentDb();
  const [slot] = slotId > 0 ? await db.select({ date: slots.date }).from(slots).where(eq(slots.id, slotId)) : [];
  const option = slot ? (await slotOptionsFor(db, session.voucherId, { from: slot.date, to: slot.date })).find((o) => o.slotId === slotId) : undefined;
  if (!option) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t.notFound}</h1>
        <Link href="/slots" className="btn-secondary">
          {m.search.byDateTitle}
        </Link>
      </div>
    );
  }
  const settings = await loadSettings(db);
  const status = await loadResidentStatus(db, session.voucherId);
  // Set booking starts from dose 1; family booking needs room for at least one more person.
  const offerSet = option.bookable && status?.nextDose === 1;
  const offerFamily = option.bookable && settings.maxGroupSize > 1 && option.remaining > 1;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <SlotSummary id="chosen" title={t.chosenSlot} slot={option} locale={locale} />
      <div className="rounded-lg bg-white p-4 shadow-sm">
        {option.bookable ? (
          <BookingForm slotId={option.slotId} modes={fieldModes(settings)} action={bookingFormAction} submitUrl={`/book/${option.slotId}/submit`} />
        ) : (
          <p role="alert" className="font-bold">
            {t.cannotBook(refusalText(m, { code: option.code ?? "", reason: option.reason ?? "", params: option.params }))}
          </p>
        )}
      </div>
      {!option.bookable && option.code === "slot_full" && settings.waitlistEnabled && <WaitlistHint m={m} venueId={option.venueId} from={option.date} />}
      {(offerSet || offerFamily) && (
        <section aria-labelledby="variants" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="variants" className="mb-2 font-bold">
            {t.variantsTitle}
          </h2>
          <div className="space-y-2">
            {offerSet && (
              <Link href={`/book/${option.slotId}/set`} className="btn-secondary w-full">
                {t.setLink}
              </Link>
            )}
            {offerFamily && (
              <Link href={`/book/${option.slotId}/family`} className="btn-secondary w-full">
                {t.familyLink}
              </Link>
            )}
          </div>
        </section>
      )}
      <Link href={`/slots?date=${option.date}`} className="text-[var(--color-brand)] underline">
        {t.otherSlot}
      </Link>
    </div>
  );
}
