// The booking form's two steps (review, then 確定), shared by the server action (the form
// without JavaScript) and ./submit/route.ts (the form's script, answered in JSON).
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getResidentDb, type Db } from "@/db/client";
import { reservations } from "@/db/schema";
import { bookingDbRefusal } from "@/lib/booking/book";
import { bookOnce, isIdempotencyKey, newIdempotencyKey } from "@/lib/booking/idempotency";
import { type PersonalField, type PersonalValues } from "@/lib/domain/personal-fields";
import type { PersonalFieldText } from "@/components/resident/personal-fields-inputs";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import { refusalText, type Messages } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { checkPersonalFields } from "@/lib/resident/personal-fields";
import type { ResidentSession } from "@/lib/auth/resident-session";
import { wantsFieldsBack } from "@/lib/resident/back-to-fields";
import { clientAddress } from "@/lib/resident/session";
import { bookingChecks } from "@/lib/rush/limits";
import { DB_UNAVAILABLE, isDatabaseUnavailable } from "@/lib/rush/unavailable";

export type BookingFormState =
  /** `values`: the fields again, back from the confirmation without JavaScript (「入力に戻る」). */
  | { stage: "input"; message?: string; fieldErrors?: Partial<Record<PersonalField, string>>; values?: PersonalFieldText }
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

const done = (number: string): BookingFormState => ({ stage: "done", href: `/reservations/${number}?done=1` });

type Personal = Omit<z.infer<typeof bookingForm>, "slotId">;

/**
 * 確定 with the form's one-time key: a double click, a retry after a timeout or a reload books
 * once and shows the first attempt's result. The personal fields were checked at the review
 * step; the booking checks them again against the settings it reads (a refusal then comes back
 * with each field's message in the resident's language).
 */
async function confirmStep(db: Db, m: Messages, session: ResidentSession, slotId: number, personal: Personal, key: string): Promise<BookingFormState> {
  let once;
  try {
    once = await bookOnce(db, key, {
      voucherId: session.voucherId,
      slotId,
      actor: { kind: "resident", voucherId: session.voucherId, channel: session.channel },
      channel: session.channel,
      personal,
      rateLimits: bookingChecks(await clientAddress(), session.voucherId),
    });
  } catch (e) {
    // A constraint the checks did not foresee, or a deadlock: nothing was kept, the key included.
    const refused = bookingDbRefusal(e);
    if (!refused) throw e;
    return { stage: "input", message: refusalText(m, refused) };
  }
  if ("conflict" in once) return { stage: "input", message: m.booking.badSlot };
  const outcome = once.outcome;
  if (outcome.ok) return done(outcome.number);
  const refused = { code: outcome.code, reason: outcome.reason, params: outcome.params ?? undefined };
  if (outcome.code === "rate_limited") {
    // Nothing was booked and the key was not used: the same form may be confirmed again after the wait.
    const checked = await checkPersonalFields(db, m, personal);
    if (!checked.ok) return { stage: "input", message: m.common.checkInput, fieldErrors: checked.fieldErrors };
    return { stage: "confirm", values: checked.values, idempotencyKey: key, message: refusalText(m, refused) };
  }
  if (outcome.code === "invalid_personal") {
    const checked = await checkPersonalFields(db, m, personal);
    return { stage: "input", message: m.common.checkInput, fieldErrors: checked.ok ? undefined : checked.fieldErrors };
  }
  // Pressed twice from two forms: the first press booked this slot, so the second one lands on the same reservation.
  const existing = outcome.code === "active_reservation" ? await alreadyBookedHere(db, session.voucherId, slotId) : null;
  if (existing) return done(existing);
  return { stage: "input", message: refusalText(m, refused) };
}

async function step(session: ResidentSession, form: FormData, m: Messages): Promise<BookingFormState> {
  const parsed = parse(form);
  if (!parsed.success) return { stage: "input", message: m.booking.badSlot };
  const { slotId, ...personal } = parsed.data;
  // 「入力に戻る」 posted without JavaScript (with it, the button only switches the form back): the
  // fields again from the confirmation's copy (as the review checked them); nothing is booked.
  if (wantsFieldsBack(form)) return { stage: "input", values: personal };
  const db = await getResidentDb();
  if (form.get("step") === "confirm") {
    const key = form.get("idempotencyKey");
    if (!isIdempotencyKey(key)) return { stage: "input", message: m.booking.badSlot };
    return confirmStep(db, m, session, slotId, personal, key);
  }
  const checked = await checkPersonalFields(db, m, personal);
  if (!checked.ok) return { stage: "input", message: m.common.checkInput, fieldErrors: checked.fieldErrors };
  return { stage: "confirm", values: checked.values, idempotencyKey: newIdempotencyKey() };
}

/**
 * One step of the form for the resident signed in. The database unreachable (a restart, a
 * failover) is a clear refusal, not a 500: the booking transaction did not commit, or its commit
 * was never acknowledged, and the message says to check My page. Every other error passes through.
 */
export async function bookingFormStep(session: ResidentSession, form: FormData): Promise<BookingFormState> {
  const { m } = await getMessages();
  try {
    return await step(session, form, m);
  } catch (e) {
    if (!isDatabaseUnavailable(e)) throw e;
    console.error("[booking] database unavailable", e);
    return { stage: "input", message: refusalText(m, DB_UNAVAILABLE) };
  }
}
