"use server";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { changeOwnReservation, reservationNumberParam, slotIdParam, type ManageOutcome } from "@/lib/resident/manage-reservation";
import { currentResident } from "@/lib/resident/session";

export interface ChangeFormState {
  /** Why the change was not made, in the resident's language. */
  message: string | null;
}

const changeForm = z.object({ number: reservationNumberParam, slotId: slotIdParam });

/** 「この内容で変更する」: one call to the change service; a repeated press lands on the same result page. */
export async function changeFormAction(_prev: ChangeFormState, form: FormData): Promise<ChangeFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const parsed = changeForm.safeParse({ number: form.get("number"), slotId: form.get("slotId") });
  if (!parsed.success) return { message: m.manage.badRequest };

  let outcome: ManageOutcome;
  try {
    outcome = await changeOwnReservation(await getResidentDb(), {
      voucherId: session.voucherId,
      channel: session.channel,
      reservationNumber: parsed.data.number,
      newSlotId: parsed.data.slotId,
    });
  } catch (e) {
    const requestId = randomUUID().slice(0, 8);
    console.error(`[reservation-change ${requestId}]`, e);
    return { message: m.manage.error(requestId) };
  }
  if (outcome.ok) redirect(`/reservations/${outcome.reservationNumber}?changed=1`);
  return { message: refusalText(m, outcome) };
}
