"use server";
// Reception at the venue: check-in, dose, 予診のみ, 来場なし, and the day's list.
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { checkIn, recordDose, recordNoShow, recordScreenedOnly } from "@/lib/booking/venue-operations";
import { listVenueDay } from "@/lib/venue/day-list";
import { isValidIsoDate } from "@/lib/domain/dates";
import { STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";

const reservationForm = z.object({ reservationId: z.coerce.number().int().positive() });
const doseForm = reservationForm.extend({
  productCode: z.string().trim().min(1).optional(),
  lotNumber: z.string().trim().min(1, "ロット番号を入力してください。").max(20, "ロット番号は20文字以内です。"),
});

type Transition = typeof checkIn;

async function runTransition(form: FormData, operation: Transition, to: ReservationStatus): Promise<ActionState> {
  return staffAction("reception", async (staff) => {
    const input = parseForm(reservationForm, form);
    if (!input.ok) return input.state;
    const result = await operation(await getDb(), { reservationId: input.data.reservationId, actor: staff });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `「${STATUS_LABELS[to]}」にしました（予約番号 ${result.reservation.reservationNumber}）。` };
  });
}

export async function checkInAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return runTransition(form, checkIn, "checked_in");
}

export async function screenedOnlyAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return runTransition(form, recordScreenedOnly, "screened_only");
}

export async function noShowAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return runTransition(form, recordNoShow, "no_show");
}

export async function recordDoseAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("reception", async (staff) => {
    const input = parseForm(doseForm, form);
    if (!input.ok) return input.state;
    const result = await recordDose(await getDb(), { ...input.data, actor: staff });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `接種を記録しました（予約番号 ${result.reservation.reservationNumber}、ロット ${input.data.lotNumber.toUpperCase()}）。` };
  });
}

type DayList = Awaited<ReturnType<typeof listVenueDay>> & { ok: true };

export async function venueDayAction(venueId: number, date: string) {
  return staffAction<{ venueName: string; rows: DayList["rows"] }>("reception", async (staff) => {
    if (!Number.isInteger(venueId) || !isValidIsoDate(date)) return { ok: false, message: "会場または日付が正しくありません。" };
    const result = await listVenueDay(await getDb(), staff, venueId, date);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "", venueName: result.venue.name, rows: result.rows };
  });
}
