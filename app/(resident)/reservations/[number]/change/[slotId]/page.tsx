import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { slots } from "@/db/schema";
import { CannotManageNotice } from "@/components/resident/deadline-notice";
import { ReservationNotFound } from "@/components/resident/reservation-not-found";
import { formatDate, formatTimeRange, refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { slotIdParam } from "@/lib/resident/manage-reservation";
import { loadReservationPage } from "@/lib/resident/reservation-page";
import { slotOptionsFor } from "@/lib/resident/slot-search";
import { currentResident } from "@/lib/resident/session";
import { changeFormAction } from "./actions";
import { ChangeForm } from "./change-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.manage.changeConfirmTitle };
}
export const dynamic = "force-dynamic";

/** 変更内容の確認: 変更前 and 変更後 side by side, then one button. */
export default async function ConfirmChangePage({ params }: { params: Promise<{ number: string; slotId: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { number, slotId: rawSlotId } = await params;
  const { db, reservation, settings, locale, m } = await loadReservationPage(session, number);
  const t = m.manage;
  if (!reservation) return <ReservationNotFound title={t.notFound} text={t.notFoundText} backLabel={m.common.backToMyPage} />;

  const pickerHref = `/reservations/${reservation.reservationNumber}/change`;
  // The new slot as the picker judged it: the same decision the change service applies.
  const parsedSlotId = slotIdParam.safeParse(rawSlotId);
  const [slot] = parsedSlotId.success ? await db.select({ date: slots.date }).from(slots).where(eq(slots.id, parsedSlotId.data)) : [];
  const option =
    slot && reservation.blockedBy === null && parsedSlotId.success
      ? (await slotOptionsFor(db, session.voucherId, { from: slot.date, to: slot.date }, new Date(), { kind: "change", reservationId: reservation.id })).find(
          (o) => o.slotId === parsedSlotId.data,
        )
      : undefined;

  let body: React.ReactNode;
  if (reservation.blockedBy !== null) {
    body = <CannotManageNotice blockedBy={reservation.blockedBy} statusText={t.notChangeable} reservation={reservation} t={t} locale={locale} callCenter={settings} />;
  } else if (!option) {
    body = (
      <div role="alert" className="space-y-2 rounded-lg border-2 border-red-600 bg-red-50 p-4 text-red-800">
        <p className="font-bold">{t.slotNotFound}</p>
        <Link href={pickerHref} className="underline">
          {t.chooseAgain}
        </Link>
      </div>
    );
  } else if (option.code === "same_slot") {
    // Back here after the change was made (or the current slot chosen): nothing left to do.
    body = (
      <div role="status" className="space-y-2 rounded-lg border-2 border-[var(--color-line)] bg-white p-4">
        <p className="font-bold">{t.alreadyInSlot}</p>
        <Link href={`/reservations/${reservation.reservationNumber}`} className="btn-primary w-full">
          {t.toReservation}
        </Link>
      </div>
    );
  } else {
    const rows = [
      {
        id: "before",
        title: t.before,
        date: reservation.date,
        startTime: reservation.startTime,
        endTime: reservation.endTime,
        venueName: reservation.venue.name,
        productName: reservation.productName,
      },
      { id: "after", title: t.after, ...option },
    ];
    body = (
      <>
        <p>{t.confirmIntro}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          {rows.map((r) => (
            <section
              key={r.id}
              aria-labelledby={`${r.id}-title`}
              className={`rounded-lg border-2 bg-white p-4 shadow-sm ${r.id === "after" ? "border-[var(--color-brand)]" : "border-[var(--color-line)]"}`}
            >
              <h2 id={`${r.id}-title`} className="mb-2 text-lg font-bold">
                {r.title}
              </h2>
              <dl className="space-y-1">
                <dt className="text-sm text-[var(--color-muted)]">{t.dateTime}</dt>
                <dd className="text-lg font-bold">
                  {formatDate(locale, r.date, true)} {formatTimeRange(locale, r.startTime, r.endTime)}
                </dd>
                <dt className="text-sm text-[var(--color-muted)]">{t.venue}</dt>
                <dd className="font-bold">{r.venueName}</dd>
                <dt className="text-sm text-[var(--color-muted)]">{t.vaccine}</dt>
                <dd>{m.common.doseOf(reservation.doseNumber, r.productName)}</dd>
              </dl>
            </section>
          ))}
        </div>
        <div className="space-y-1 rounded-lg bg-white p-4 shadow-sm">
          <p>{t.oldSlotKept}</p>
          <p>{t.numberKept(reservation.reservationNumber)}</p>
        </div>
        {option.bookable ? (
          <ChangeForm reservationNumber={reservation.reservationNumber} slotId={option.slotId} action={changeFormAction} />
        ) : (
          <div role="alert" className="space-y-2 rounded-lg border-2 border-red-600 bg-red-50 p-4 text-red-800">
            <p className="font-bold">{t.cannotChangeTo(refusalText(m, { code: option.code ?? "", reason: option.reason ?? "", params: option.params }))}</p>
            <Link href={pickerHref} className="underline">
              {t.chooseAgain}
            </Link>
          </div>
        )}
      </>
    );
  }

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.changeConfirmTitle}</h1>
      {body}
      <Link href="/mypage" className="btn-secondary w-full">
        {m.common.backToMyPage}
      </Link>
    </div>
  );
}
