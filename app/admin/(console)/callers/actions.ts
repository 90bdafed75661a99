"use server";
// Operators acting for a caller: book, change, cancel with the same rules as the resident site.
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { bookSlot } from "@/lib/booking/book";
import { cancelReservation, changeReservation } from "@/lib/booking/manage";

const id = z.coerce.number().int().positive();
const bookForm = z.object({ voucherId: id, slotId: id });
const changeForm = z.object({ reservationId: id, newSlotId: id, overrideReason: z.string().trim().max(200).optional() });
const cancelForm = z.object({ reservationId: id, overrideReason: z.string().trim().max(200).optional() });

export async function bookForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(bookForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await bookSlot(await getDb(), { ...parsed.data, actor: staff, channel: "operator" });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `予約しました（予約番号 ${result.reservation.reservationNumber}）。` };
  });
}

export async function changeForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(changeForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await changeReservation(await getDb(), { ...parsed.data, actor: staff });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "予約を変更しました。" };
  });
}

export async function cancelForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(cancelForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await cancelReservation(await getDb(), { ...parsed.data, actor: staff });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "予約をキャンセルしました。" };
  });
}
