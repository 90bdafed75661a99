"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { bookSlot } from "@/lib/booking/book";
import { loadSettings } from "@/lib/booking/context";
import { validatePersonal, type PersonalValues } from "@/lib/domain/personal-fields";
import { currentResident } from "@/lib/resident/session";

export type BookingFormState =
  | { stage: "input"; message?: string; fieldErrors?: Record<string, string> }
  | { stage: "confirm"; values: PersonalValues };

function personalFrom(form: FormData) {
  return { kanaName: String(form.get("kanaName") ?? ""), phone: String(form.get("phone") ?? ""), email: String(form.get("email") ?? "") };
}

/** Step 1 → 2: check the fields (the same validation the booking service applies) and show them for confirmation. */
async function reviewBookingAction(_prev: BookingFormState, form: FormData): Promise<BookingFormState> {
  if (!(await currentResident())) redirect("/login");
  const checked = validatePersonal(await loadSettings(await getDb()), personalFrom(form));
  if (!checked.ok) return { stage: "input", message: "入力内容を確認してください。", fieldErrors: checked.fieldErrors };
  return { stage: "confirm", values: checked.values };
}

/** Step 2 → done: book through the booking service; a refusal comes back as a message. */
async function confirmBookingAction(_prev: BookingFormState, form: FormData): Promise<BookingFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const slotId = Number(form.get("slotId"));
  if (!Number.isInteger(slotId) || slotId <= 0) return { stage: "input", message: "予約枠が正しくありません。" };
  const result = await bookSlot(await getDb(), {
    voucherId: session.voucherId,
    slotId,
    actor: { kind: "resident", voucherId: session.voucherId, channel: session.channel },
    channel: session.channel,
    personal: personalFrom(form),
  });
  if (!result.ok) {
    return { stage: "input", message: result.reason, fieldErrors: result.code === "invalid_personal" ? (result.details as Record<string, string>) : undefined };
  }
  redirect(`/mypage?booked=${result.reservation.reservationNumber}`);
}

/** The form's one action: the hidden `step` field says which step was submitted. */
export async function bookingFormAction(prev: BookingFormState, form: FormData): Promise<BookingFormState> {
  return form.get("step") === "confirm" ? confirmBookingAction(prev, form) : reviewBookingAction(prev, form);
}
