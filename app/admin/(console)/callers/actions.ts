"use server";
// Operators acting for a caller: find and confirm the caller (birth date), then book, change,
// cancel with the same rules as the resident site. Every action names the caller by the key
// issued when the birth date matched (lib/callers/caller-key.ts), never by a bare voucher id.
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { bookForCaller, bookSetForCaller, cancelForCaller, changeForCaller } from "@/lib/callers/act-for-caller";
import { findCallers, type CallerMatch } from "@/lib/callers/find-callers";
import { joinWaitlistForCaller, leaveWaitlistForCaller } from "@/lib/callers/waitlist-for-caller";

const id = z.coerce.number({ message: "入力内容を確認してください。" }).int().positive();
const callerKey = z.string({ message: "もう一度、接種券番号と生年月日で検索してください。" }).min(1).max(200);
const overrideReason = z.string().trim().max(200, "理由は200文字以内で入力してください。").optional();

const searchForm = z.object({
  by: z.enum(["voucher", "kana", "phone"], { message: "検索の種類を選んでください。" }),
  query: z.string().trim().min(1, "検索する内容を入力してください。").max(80),
  birthDate: z.string().trim().min(1, "生年月日を入力してください。").max(20),
  municipalityCode: z.string().trim().max(12).optional(),
});
const bookForm = z.object({ callerKey, slotId: id });
const setForm = z.object({ callerKey, firstSlotId: id, secondSlotId: id });
const changeForm = z.object({ callerKey, reservationId: id, newSlotId: id, overrideReason });
const cancelForm = z.object({ callerKey, reservationId: id, overrideReason });
const isoDate = z.string({ message: "日付を入力してください。" }).regex(/^\d{4}-\d{2}-\d{2}$/, "日付を入力してください。");
const waitlistForm = z.object({
  callerKey,
  venueId: z.union([z.literal(""), id]).default(""),
  dateFrom: isoDate,
  dateTo: isoDate,
  contact: z.enum(["phone", "sms", "email"], { message: "ご案内の方法を選んでください。" }),
});
const leaveWaitlistForm = z.object({ callerKey, entryId: id });

export async function searchCallersAction(
  _prev: ActionState<{ matches: CallerMatch[] }> | null,
  form: FormData,
): Promise<ActionState<{ matches: CallerMatch[] }>> {
  return staffAction<{ matches: CallerMatch[] }>("booking.forCaller", async (staff) => {
    const parsed = parseForm(searchForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await findCallers(await getDb(), staff, parsed.data);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason, fieldErrors: "fieldErrors" in result ? result.fieldErrors : undefined };
    return {
      ok: true,
      matches: result.matches,
      message: result.matches.length === 1 ? "ご本人を確認しました。" : `生年月日が一致する接種券が${result.matches.length}件あります。選んでください。`,
    };
  });
}

export async function bookForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(bookForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await bookForCaller(await getDb(), staff, { key: parsed.data.callerKey, slotId: parsed.data.slotId });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: `予約しました（予約番号 ${result.reservation.reservationNumber}）。` };
  });
}

export async function bookSetForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(setForm, form);
    if (!parsed.ok) return parsed.state;
    const { callerKey: key, ...slotIds } = parsed.data;
    const result = await bookSetForCaller(await getDb(), staff, { key, ...slotIds });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    const [first, second] = result.reservations;
    return { ok: true, message: `セット予約をしました（1回目 予約番号 ${first.reservationNumber}、2回目 予約番号 ${second.reservationNumber}）。` };
  });
}

export async function changeForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(changeForm, form);
    if (!parsed.ok) return parsed.state;
    const { callerKey: key, ...rest } = parsed.data;
    const result = await changeForCaller(await getDb(), staff, { key, ...rest });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "予約を変更しました。" };
  });
}

export async function cancelForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(cancelForm, form);
    if (!parsed.ok) return parsed.state;
    const { callerKey: key, ...rest } = parsed.data;
    const result = await cancelForCaller(await getDb(), staff, { key, ...rest });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "予約をキャンセルしました。" };
  });
}

export async function joinWaitlistForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(waitlistForm, form);
    if (!parsed.ok) return parsed.state;
    const { callerKey: key, venueId, ...rest } = parsed.data;
    const result = await joinWaitlistForCaller(await getDb(), staff, { key, venueId: venueId === "" ? null : venueId, ...rest });
    if (!result.ok) {
      const details = "details" in result ? (result.details as { fieldErrors?: Record<string, string> } | undefined) : undefined;
      return { ok: false, code: result.code, message: result.reason, fieldErrors: details?.fieldErrors };
    }
    return { ok: true, message: result.offered.length > 0 ? "キャンセル待ちに登録しました。空いている枠があったため、すぐにご案内を作りました。" : "キャンセル待ちに登録しました。" };
  });
}

export async function leaveWaitlistForCallerAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("booking.forCaller", async (staff) => {
    const parsed = parseForm(leaveWaitlistForm, form);
    if (!parsed.ok) return parsed.state;
    const result = await leaveWaitlistForCaller(await getDb(), staff, { key: parsed.data.callerKey, entryId: parsed.data.entryId });
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return { ok: true, message: "キャンセル待ちを取り消しました。" };
  });
}
