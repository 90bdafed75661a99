"use server";
// The call center answers a waitlist offer for the resident on the phone: accept (book the
// offered seat for them) or decline (the seat moves on). Role: booking.forCaller.
import { z } from "zod";
import { getDb } from "@/db/client";
import { acceptOfferForCaller, declineOfferForCaller } from "@/lib/admin/phone-offers";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";

const offerForm = z.object({ offerId: z.coerce.number({ message: "入力内容を確認してください。" }).int().positive() });

export async function acceptOfferForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(offerForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await acceptOfferForCaller(await getDb(), staff, { offerId: parsed.data.offerId });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `予約しました（予約番号 ${result.reservation.reservationNumber}）。予約番号をお伝えください。` };
  });
}

export async function declineOfferForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(offerForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await declineOfferForCaller(await getDb(), staff, { offerId: parsed.data.offerId });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "辞退として処理しました。この枠は次の方にご案内します。" };
  });
}
