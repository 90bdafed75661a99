"use server";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { bookSet } from "@/lib/booking/book";
import { loadSettings } from "@/lib/booking/context";
import { type PersonalField, type PersonalValues } from "@/lib/domain/personal-fields";
import type { PersonalFieldText } from "@/components/resident/personal-fields-inputs";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { findSameSet } from "@/lib/resident/group-booking";
import { checkPersonalFields } from "@/lib/resident/personal-fields";
import { wantsFieldsBack } from "@/lib/resident/back-to-fields";
import { currentResident } from "@/lib/resident/session";

export type SetFormState =
  /** `values`: the fields again, back from the confirmation without JavaScript (「入力内容を修正する」). */
  | { stage: "input"; message?: string; fieldErrors?: Partial<Record<PersonalField, string>>; values?: PersonalFieldText }
  | { stage: "confirm"; values: PersonalValues };

const slotIds = z.object({
  firstSlotId: z.coerce.number().int().positive(),
  secondSlotId: z.coerce.number().int().positive(),
});

function personalFrom(form: FormData): PersonalFieldText {
  return { kanaName: String(form.get("kanaName") ?? ""), phone: String(form.get("phone") ?? ""), email: String(form.get("email") ?? "") };
}

async function checkPersonal(form: FormData) {
  const { m } = await getMessages();
  const checked = await checkPersonalFields(await getResidentDb(), m, personalFrom(form));
  return checked.ok ? checked : { ...checked, message: m.common.checkInput };
}

/** Step 1 → 2: check the personal fields and show both slots and the fields for confirmation. */
async function reviewSetAction(form: FormData): Promise<SetFormState> {
  if (!(await currentResident())) redirect("/login");
  const checked = await checkPersonal(form);
  if (!checked.ok) return { stage: "input", message: checked.message, fieldErrors: checked.fieldErrors };
  return { stage: "confirm", values: checked.values };
}

/** Step 2 → done: book both doses through bookSet; a repeat of a booking that already went through counts as done. */
async function confirmSetAction(form: FormData): Promise<SetFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const ids = slotIds.safeParse({ firstSlotId: form.get("firstSlotId"), secondSlotId: form.get("secondSlotId") });
  if (!ids.success) return { stage: "input", message: m.group.badSlot };
  const checked = await checkPersonal(form);
  if (!checked.ok) return { stage: "input", message: checked.message, fieldErrors: checked.fieldErrors };

  const { firstSlotId, secondSlotId } = ids.data;
  const db = await getResidentDb();
  let done: string | null;
  try {
    const result = await bookSet(db, {
      voucherId: session.voucherId,
      firstSlotId,
      secondSlotId,
      actor: { kind: "resident", voucherId: session.voucherId, channel: session.channel },
      channel: session.channel,
      personal: personalFrom(form),
    });
    if (result.ok) {
      done = result.reservations[0].reservationNumber;
    } else {
      done = await findSameSet(db, session.voucherId, firstSlotId, secondSlotId);
      if (!done) return { stage: "input", message: refusalText(m, result) };
    }
  } catch (e) {
    const id = randomUUID().slice(0, 8);
    console.error(`[book-set ${id}]`, e);
    const phone = await loadSettings(db).then((s) => s.callCenterPhone, () => "");
    return { stage: "input", message: m.group.unexpected(phone, id) };
  }
  redirect(`/reservations/${done}?done=1`);
}

/** The form's one action: the hidden `step` field says which step was submitted. */
export async function setBookingFormAction(_prev: SetFormState, form: FormData): Promise<SetFormState> {
  if (wantsFieldsBack(form)) return { stage: "input", values: personalFrom(form) };
  return form.get("step") === "confirm" ? confirmSetAction(form) : reviewSetAction(form);
}
