"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getResidentDb, type Db } from "@/db/client";
import { reservations } from "@/db/schema";
import { bookSlot } from "@/lib/booking/book";
import { isIdempotencyKey, newIdempotencyKey, runOnce } from "@/lib/booking/idempotency";
import { type PersonalField, type PersonalValues } from "@/lib/domain/personal-fields";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { checkPersonalFields } from "@/lib/resident/personal-fields";
import { limitBooking } from "@/lib/rush/limits";
import { DB_UNAVAILABLE, isDatabaseUnavailable } from "@/lib/rush/unavailable";
import { clientAddress, currentResident } from "@/lib/resident/session";

export type BookingFormState =
  | { stage: "input"; message?: string; fieldErrors?: Partial<Record<PersonalField, string>> }
  | { stage: "confirm"; values: PersonalValues; idempotencyKey: string; message?: string }
  /** Booked: the browser goes to the reservation (`href`). */
  | { stage: "done"; href: string };

const bookingForm = z.object({
  slotId: z.coerce.number().int().positive(),
  kanaName: z.string().max(200).default(""),
  phone: z.string().max(100).default(""),
  email: z.string().max(300).default(""),
});

function parse(form: FormData) {
  return bookingForm.safeParse({
    slotId: form.get("slotId"),
    kanaName: form.get("kanaName") ?? undefined,
    phone: form.get("phone") ?? undefined,
    email: form.get("email") ?? undefined,
  });
}

/** A repeated submit after success: this voucher already holds an active reservation in this very slot. */
async function alreadyBookedHere(db: Db, voucherId: number, slotId: number): Promise<string | null> {
  const [row] = await db
    .select({ number: reservations.reservationNumber })
    .from(reservations)
    .where(and(eq(reservations.voucherId, voucherId), eq(reservations.slotId, slotId), inArray(reservations.status, [...ACTIVE_STATUSES])));
  return row?.number ?? null;
}

/**
 * Booked: on to the reservation. Called from the form's script (React sends the Next-Action
 * header), the answer is the address and the browser navigates itself, as to any page: Next's
 * redirect() would render the reservation page into this answer through a second HTTP request to
 * this same server, and confirming is the costliest request of a booking rush (docs/rush.md).
 * A form posted without JavaScript gets the redirect (303) as before.
 */
async function booked(href: string): Promise<BookingFormState> {
  if ((await headers()).has("next-action")) return { stage: "done", href };
  redirect(href);
}

/** The form's one action: the hidden `step` says whether the fields are being reviewed or the booking confirmed. */
async function bookingFormStep(_prev: BookingFormState, form: FormData): Promise<BookingFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const parsed = parse(form);
  if (!parsed.success) return { stage: "input", message: m.booking.badSlot };
  const { slotId, ...personal } = parsed.data;
  const db = await getResidentDb();
  const checked = await checkPersonalFields(db, m, personal);
  if (!checked.ok) return { stage: "input", message: m.common.checkInput, fieldErrors: checked.fieldErrors };
  if (form.get("step") !== "confirm") return { stage: "confirm", values: checked.values, idempotencyKey: newIdempotencyKey() };

  // The form's one-time key: a double click, a retry after a timeout or a reload books once
  // and shows the first attempt's result.
  const key = form.get("idempotencyKey");
  if (!isIdempotencyKey(key)) return { stage: "input", message: m.booking.badSlot };
  const limited = await limitBooking(db, await clientAddress(), session.voucherId);
  if (limited) return { stage: "confirm", values: checked.values, idempotencyKey: key, message: refusalText(m, limited) };
  const once = await runOnce(db, key, `voucher:${session.voucherId}`, async (tx) => {
    const result = await bookSlot(tx, {
      voucherId: session.voucherId,
      slotId,
      actor: { kind: "resident", voucherId: session.voucherId, channel: session.channel },
      channel: session.channel,
      personal,
    });
    return result.ok
      ? { ok: true as const, number: result.reservation.reservationNumber }
      : { ok: false as const, code: result.code, reason: result.reason, params: result.params ?? null };
  });
  if ("conflict" in once) return { stage: "input", message: m.booking.badSlot };
  const outcome = once.outcome;
  if (outcome.ok) return booked(`/reservations/${outcome.number}?done=1`);
  // Pressed twice from two forms: the first press booked this slot, so the second one lands on the same reservation.
  const existing = outcome.code === "active_reservation" ? await alreadyBookedHere(db, session.voucherId, slotId) : null;
  if (existing) return booked(`/reservations/${existing}?done=1`);
  return { stage: "input", message: refusalText(m, { code: outcome.code, reason: outcome.reason, params: outcome.params ?? undefined }) };
}

/**
 * The database unreachable (a restart, a failover) is a clear refusal, not a 500: the booking
 * transaction did not commit, or its commit was never acknowledged, and the message says to
 * check My page. Every other error (and Next's redirect) passes through.
 */
export async function bookingFormAction(prev: BookingFormState, form: FormData): Promise<BookingFormState> {
  try {
    return await bookingFormStep(prev, form);
  } catch (e) {
    if (!isDatabaseUnavailable(e)) throw e;
    console.error("[booking] database unavailable", e);
    const { m } = await getMessages();
    return { stage: "input", message: refusalText(m, DB_UNAVAILABLE) };
  }
}
