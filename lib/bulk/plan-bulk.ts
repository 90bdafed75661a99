// 一括予約 (SPEC: Booking kinds): a list of vouchers into one venue's slots over a date range,
// filling the slots in order (date, start time). The preview runs every voucher through the
// domain's eligibility check (the one the booking service applies) against the seats left as
// the list fills them; nothing is written. The commit books this plan (commit-bulk.ts).
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { loadBookingContext, loadDoseHistory } from "@/lib/booking/context";
import type { Refused } from "@/lib/booking/result";
import { checkEligibility, type DoseHistory } from "@/lib/domain/eligibility";
import { daysBetween, isValidIsoDate } from "@/lib/domain/dates";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import type { BulkEntry } from "./parse-bulk-list";

export interface BulkRequest {
  venueId: number;
  from: string;
  to: string;
  entries: readonly BulkEntry[];
}

export interface PlannedSlot {
  slotId: number;
  date: string;
  startTime: string;
  endTime: string;
  productName: string;
}

export interface BulkPlanRow {
  line: number;
  voucherNumber: string;
  birthDate: string;
  municipalityCode: string | null;
  voucherId: number | null;
  /** The slot this voucher fits into, or null with the reason. */
  slot: PlannedSlot | null;
  doseNumber: number | null;
  reason: string | null;
}

export interface BulkPlan {
  venueId: number;
  venueName: string;
  from: string;
  to: string;
  rows: BulkPlanRow[];
  fits: number;
  refused: number;
}

export const MAX_BULK_RANGE_DAYS = 62;

/** Refusals about the slot itself rather than the person. */
const SLOT_STATE_CODES = new Set(["slot_closed", "slot_past", "slot_started", "same_day_closed", "outside_window"]);

const NO_MATCH = "接種券番号または生年月日が一致しません（住所地外の接種券は自治体コードも書いてください）。";

export async function planBulkBooking(db: Db, actor: StaffActor, request: BulkRequest, now = new Date()): Promise<({ ok: true } & BulkPlan) | Refused> {
  if (!staffMay(actor, "booking.bulk", { venueId: request.venueId })) {
    return { ok: false, code: "forbidden", reason: "この会場の一括予約を行う権限がありません。" };
  }
  if (!isValidIsoDate(request.from) || !isValidIsoDate(request.to) || request.from > request.to) {
    return { ok: false, code: "invalid_range", reason: "期間の開始日と終了日を正しく入力してください。" };
  }
  if (daysBetween(request.from, request.to) > MAX_BULK_RANGE_DAYS) {
    return { ok: false, code: "invalid_range", reason: `期間は${MAX_BULK_RANGE_DAYS}日以内にしてください。` };
  }
  const [venue] = await db.select().from(venues).where(eq(venues.id, request.venueId));
  if (!venue) return { ok: false, code: "venue_not_found", reason: "会場が見つかりません。" };
  const ctx = await loadBookingContext(db);
  const productName = (code: string) => ctx.tables.products.find((p) => p.code === code)?.name ?? code;
  const venueSlots = await db
    .select()
    .from(slots)
    .where(and(eq(slots.venueId, venue.id), gte(slots.date, request.from), lte(slots.date, request.to), eq(slots.offerOnly, false)))
    .orderBy(asc(slots.date), asc(slots.startTime), asc(slots.id));
  // Seats left as the list fills them, slot by slot.
  const remaining = new Map(venueSlots.map((s) => [s.id, Math.max(0, s.seatsLeft)]));

  const rows: BulkPlanRow[] = [];
  for (const entry of request.entries) {
    const base = { line: entry.line, voucherNumber: entry.voucherNumber, birthDate: entry.birthDate, municipalityCode: entry.municipalityCode };
    const [voucher] = await db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.municipalityCode, entry.municipalityCode ?? ctx.settings.code), eq(vouchers.voucherNumber, entry.voucherNumber)));
    // The birth date verifies each voucher, as in 同時予約; a wrong one does not say which part was wrong.
    if (!voucher || voucher.birthDate !== entry.birthDate) {
      rows.push({ ...base, voucherId: null, slot: null, doseNumber: null, reason: NO_MATCH });
      continue;
    }
    const history: DoseHistory = await loadDoseHistory(db, voucher);
    const active = await db
      .select({ id: reservations.id })
      .from(reservations)
      .where(and(eq(reservations.voucherId, voucher.id), inArray(reservations.status, [...ACTIVE_STATUSES])))
      .limit(1);
    let placed: BulkPlanRow | null = null;
    let personReason: string | null = null;
    let slotReason: string | null = null;
    let sawFull = false;
    for (const slot of venueSlots) {
      const left = remaining.get(slot.id)!;
      const verdict = checkEligibility({
        birthDate: voucher.birthDate,
        history,
        hasActiveReservation: active.length > 0,
        slot: { date: slot.date, startTime: slot.startTime, productCode: slot.productCode, status: slot.status as "open" | "closed", remaining: left },
        tables: ctx.tables,
        settings: ctx.settings,
        now,
        ignoreWindow: true,
      });
      if (verdict.ok) {
        remaining.set(slot.id, left - 1);
        placed = {
          ...base,
          voucherId: voucher.id,
          slot: { slotId: slot.id, date: slot.date, startTime: slot.startTime, endTime: slot.endTime, productName: productName(slot.productCode) },
          doseNumber: verdict.doseNumber,
          reason: null,
        };
        break;
      }
      // slot_full comes only after the person's rules passed: this voucher would fit with a seat.
      if (verdict.code === "slot_full") sawFull = true;
      else if (SLOT_STATE_CODES.has(verdict.code)) slotReason ??= verdict.reason;
      else personReason ??= verdict.reason;
      if (verdict.code === "active_reservation") break;
    }
    rows.push(
      placed ?? {
        ...base,
        voucherId: voucher.id,
        slot: null,
        doseNumber: null,
        reason:
          venueSlots.length === 0
            ? "この期間に、この会場の予約枠がありません。"
            : sawFull
              ? "この期間の予約枠に空きがありません（満員）。"
              : (personReason ?? slotReason ?? "この期間に予約できる枠がありません。"),
      },
    );
  }
  const fits = rows.filter((r) => r.slot !== null).length;
  return { ok: true, venueId: venue.id, venueName: venue.name, from: request.from, to: request.to, rows, fits, refused: rows.length - fits };
}
