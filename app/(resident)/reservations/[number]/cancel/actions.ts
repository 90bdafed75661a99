"use server";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { cancelOwnReservation, reservationNumberParam, type ManageOutcome } from "@/lib/resident/manage-reservation";
import { currentResident } from "@/lib/resident/session";

export interface CancelFormState {
  /** Why the reservation was not cancelled, in the resident's language. */
  message: string | null;
}

const cancelForm = z.object({ number: reservationNumberParam });

/** 「予約をキャンセルする」: one call to the cancel service; a repeated press lands on the same page. */
export async function cancelFormAction(_prev: CancelFormState, form: FormData): Promise<CancelFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const parsed = cancelForm.safeParse({ number: form.get("number") });
  if (!parsed.success) return { message: m.manage.badRequest };

  let outcome: ManageOutcome;
  try {
    outcome = await cancelOwnReservation(await getResidentDb(), {
      voucherId: session.voucherId,
      channel: session.channel,
      reservationNumber: parsed.data.number,
    });
  } catch (e) {
    const requestId = randomUUID().slice(0, 8);
    console.error(`[reservation-cancel ${requestId}]`, e);
    return { message: m.manage.error(requestId) };
  }
  if (outcome.ok) redirect(`/mypage?cancelled=${outcome.reservationNumber}`);
  return { message: refusalText(m, outcome) };
}
