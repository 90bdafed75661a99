"use server";
// Reception at the venue: check-in, dose, 予診のみ, 来場なし, and the day's list.
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { checkIn, DOCTOR_NAME_MAX, recordDose, recordNoShow, recordScreenedOnly } from "@/lib/booking/venue-operations";
import { listVenueDay } from "@/lib/venue/day-list";
import { normalizeLotNumber, recordDoseWithLot } from "@/lib/venue/lots";
import { findForReception, type ReceptionMatch } from "@/lib/venue/reception-lookup";
import { isValidIsoDate } from "@/lib/domain/dates";
import { mayRecordNoShow } from "@/lib/domain/no-show";
import { STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";

const reservationForm = z.object({ reservationId: z.coerce.number().int().positive() });
const doseForm = reservationForm
  .extend({
    productCode: z.string().trim().min(1).optional(),
    // One of the day's preset lots (one tap), or a typed lot number.
    lotId: z.coerce.number().int().positive().optional(),
    lotNumber: z.string().trim().max(20, "ロット番号は20文字以内です。").optional(),
    // 接種医師名 (optional; the VRS export has a column for it).
    doctorName: z
      .string()
      .trim()
      .refine((v) => [...v].length <= DOCTOR_NAME_MAX, `接種医師名は${DOCTOR_NAME_MAX}文字以内で入力してください。`)
      .optional(),
  })
  .refine((v) => v.lotId !== undefined || (v.lotNumber ?? "") !== "", { message: "ロット番号を入力してください。", path: ["lotNumber"] });
const lookupForm = z.object({
  venueId: z.coerce.number().int().positive(),
  scan: z.string().trim().min(1, "予約QR・予約番号・接種券番号を入力してください。").max(200),
  birthDate: z.string().trim().min(1, "生年月日を入力してください。").max(20),
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
    const { reservationId, productCode, lotId, lotNumber, doctorName } = input.data;
    const db = await getDb();
    const result =
      lotId !== undefined
        ? await recordDoseWithLot(db, { reservationId, lotId, doctorName, actor: staff })
        : await recordDose(db, { reservationId, productCode, lotNumber: lotNumber ?? "", doctorName, actor: staff });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    const recorded = "lotNumber" in result ? result.lotNumber : normalizeLotNumber(lotNumber ?? "");
    const doctor = doctorName ? `、医師 ${doctorName}` : "";
    return { ok: true, message: `接種を記録しました（予約番号 ${result.reservation.reservationNumber}、ロット ${recorded}${doctor}）。` };
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

export interface LookupFound {
  match: ReceptionMatch;
  /** Why reception cannot go on here (wrong venue or day), with the reservation's venue and time. */
  notice: string;
  reservationId: number;
  reservationNumber: string;
  status: string;
  doseNumber: number;
  productCode: string;
  productName: string;
  venueName: string;
  date: string;
  startTime: string;
  endTime: string;
  /** 来場なし may be recorded now (the slot has ended: lib/domain/no-show.ts). */
  noShowAllowed: boolean;
  voucherNumber: string;
  birthDate: string;
  kanaName: string | null;
}

/** Reception's scan field: the reservation from a QR, number or voucher code, with the birth date. */
export async function lookupAction(_prev: ActionState<{ found: LookupFound }> | null, form: FormData): Promise<ActionState<{ found: LookupFound }>> {
  return staffAction<{ found: LookupFound }>("reception", async (staff) => {
    const input = parseForm(lookupForm, form);
    if (!input.ok) return input.state;
    const result = await findForReception(await getDb(), staff, input.data);
    if (!result.ok) {
      const field = result.code === "invalid_input" ? "scan" : result.code === "invalid_birth_date" ? "birthDate" : undefined;
      return { ok: false, code: result.code, message: result.reason, ...(field ? { fieldErrors: { [field]: result.reason } } : {}) };
    }
    const { reservation, slot, voucher } = result;
    return {
      ok: true,
      message: result.match === "ok" ? `予約が見つかりました（予約番号 ${reservation.reservationNumber}）。` : result.message,
      found: {
        match: result.match,
        notice: result.message,
        reservationId: reservation.id,
        reservationNumber: reservation.reservationNumber,
        status: reservation.status,
        doseNumber: reservation.doseNumber,
        productCode: reservation.productCode,
        productName: result.productName,
        venueName: result.venueName,
        date: slot.date,
        startTime: slot.startTime,
        endTime: slot.endTime,
        noShowAllowed: mayRecordNoShow(slot, new Date()),
        voucherNumber: voucher.voucherNumber,
        birthDate: voucher.birthDate,
        kanaName: voucher.kanaName,
      },
    };
  });
}
