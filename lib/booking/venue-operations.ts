// At the venue: reception (check-in), the dose, 予診のみ (screened, not vaccinated —
// NOT a dose) and 来場なし (no-show). Venue-scoped staff act only on their own venues;
// 会場一般 only on today's reservations.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doseRecords, reservations, vouchers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { formatDateJa, tokyoDate } from "@/lib/domain/dates";
import { noShowRefusal } from "@/lib/domain/no-show";
import { canTransition, STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";
import { releaseSeat, reservationSnapshot, type ReservationRow, type SlotRow } from "./book";
import { loadBookingContext, loadDoseHistory } from "./context";
import { cancelFollower, lockReservation, slotOf } from "./manage";
import { offerFreedSeats } from "@/lib/waitlist/dispatch";
import { asResult, pgErrorCode, refusal, type Refused } from "./result";

function assertReception(actor: Actor, slot: SlotRow, now: Date): void {
  if (actor.kind !== "staff" || !staffMay(actor, "reception", { venueId: slot.venueId, date: slot.date, today: tokyoDate(now) })) {
    refusal("forbidden", "この会場・この日の受付を操作する権限がありません。");
  }
}

function assertTransition(reservation: ReservationRow, to: ReservationStatus): void {
  const from = reservation.status as ReservationStatus;
  if (!canTransition(from, to)) {
    refusal(
      "invalid_status",
      `この予約は「${STATUS_LABELS[from]}」のため「${STATUS_LABELS[to]}」にできません。`,
    );
  }
}

interface VenueInput {
  reservationId: number;
  actor: Actor;
  now?: Date;
}

async function transition(
  db: Db,
  input: VenueInput,
  to: ReservationStatus,
  extra: (tx: Db, reservation: ReservationRow, slot: SlotRow, now: Date) => Promise<object | void>,
  mapDbError?: (e: unknown) => Refused | null,
) {
  const now = input.now ?? new Date();
  return asResult(
    () =>
      db.transaction(async (tx) => {
        const { reservation } = await lockReservation(tx, input.reservationId);
        const slot = await slotOf(tx, reservation.slotId);
        assertReception(input.actor, slot, now);
        assertTransition(reservation, to);
        const detail = (await extra(tx, reservation, slot, now)) ?? {};
        const [after] = await tx
          .update(reservations)
          .set({
            status: to,
            updatedAt: now,
            ...(to === "checked_in" ? { checkedInAt: now } : { closedAt: now }),
          })
          .where(eq(reservations.id, reservation.id))
          .returning();
        await recordAudit(tx, input.actor, {
          action: `reservation.${to}`,
          entity: "reservation",
          entityId: reservation.id,
          voucherId: reservation.voucherId,
          before: reservationSnapshot(reservation),
          after: { ...reservationSnapshot(after!), ...detail },
        });
        return { reservation: after!, slot };
      }),
    mapDbError,
  );
}

/** 受付: 予約済み → 受付済み, on the slot's own day only. */
export function checkIn(db: Db, input: VenueInput) {
  return transition(db, input, "checked_in", async (_tx, _r, slot, now) => {
    const today = tokyoDate(now);
    if (slot.date !== today) {
      refusal("wrong_day", `この予約は${formatDateJa(slot.date, true)}です（本日は${formatDateJa(today)}）。`);
    }
  });
}

export interface RecordDoseInput extends VenueInput {
  /** Defaults to the reservation's product. */
  productCode?: string;
  lotNumber: string;
  /** 接種医師名 for the VRS export (optional, at most 20 characters). */
  doctorName?: string;
}

// Starts with a letter or digit: the VRS file writes it as is, so it must never read as a formula (docs/vrs.md).
const LOT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;
export const DOCTOR_NAME_MAX = 20;

function doseDbRefusal(e: unknown): Refused | null {
  const { code, constraint } = pgErrorCode(e);
  if (code === "23505" && constraint === "dose_records_voucher_dose") {
    return { ok: false, code: "dose_already_recorded", reason: "この回の接種はすでに記録されています。" };
  }
  return null;
}

/** 接種済み: records the dose (product, lot, venue, date, recorder). */
export function recordDose(db: Db, input: RecordDoseInput) {
  const lotNumber = input.lotNumber.normalize("NFKC").trim().toUpperCase();
  const doctorName = (input.doctorName ?? "").normalize("NFKC").trim().replace(/\s+/g, " ");
  return transition(
    db,
    input,
    "vaccinated",
    async (tx, reservation, slot) => {
      if (!LOT_NUMBER.test(lotNumber)) refusal("invalid_lot", "ロット番号は英数字で始まる、英数字とハイフン20文字以内で入力してください。");
      if ([...doctorName].length > DOCTOR_NAME_MAX) refusal("invalid_doctor_name", `接種医師名は${DOCTOR_NAME_MAX}文字以内で入力してください。`);
      const productCode = input.productCode ?? reservation.productCode;
      const ctx = await loadBookingContext(tx);
      if (!ctx.tables.products.some((p) => p.code === productCode)) refusal("unknown_product", "このワクチンは登録されていません。");
      if (reservation.doseNumber === 2) {
        // Rule 4: dose 2 uses the same product as dose 1.
        const [voucher] = await tx.select().from(vouchers).where(eq(vouchers.id, reservation.voucherId));
        const history = await loadDoseHistory(tx, voucher!);
        if (history.lastProductCode && history.lastProductCode !== productCode) {
          const first = ctx.tables.products.find((p) => p.code === history.lastProductCode);
          refusal("different_product", `1回目と2回目は同じワクチンで接種します（1回目: ${first?.name ?? history.lastProductCode}）。`);
        }
      }
      const [dose] = await tx
        .insert(doseRecords)
        .values({
          voucherId: reservation.voucherId,
          reservationId: reservation.id,
          doseNumber: reservation.doseNumber,
          productCode,
          lotNumber,
          venueId: slot.venueId,
          administeredOn: slot.date,
          doctorName,
          recordedByStaffId: input.actor.kind === "staff" ? input.actor.staffId : null,
        })
        .returning();
      return { doseRecordId: dose!.id, productCode, lotNumber, doctorName };
    },
    doseDbRefusal,
  );
}

/** 予診のみ: the doctor decided not to vaccinate. Not a dose; the voucher may book again. */
export function recordScreenedOnly(db: Db, input: VenueInput) {
  return transition(db, input, "screened_only", async (tx, reservation, _slot, now) => {
    if (reservation.setLeaderId === null) await cancelFollower(tx, input.actor, reservation, "1回目が予診のみ");
    await offerFreedSeats(tx, now);
  });
}

/**
 * 来場なし, at the end of the day: only once the slot has ended (its end time on its day, Asia/Tokyo)
 * or on a later day. The seat is given back and dose 2 of a set booking is cancelled.
 */
export function recordNoShow(db: Db, input: VenueInput) {
  return transition(db, input, "no_show", async (tx, reservation, slot, now) => {
    const tooEarly = noShowRefusal(slot, now);
    if (tooEarly) refusal("no_show_too_early", tooEarly);
    await releaseSeat(tx, slot.id);
    if (reservation.setLeaderId === null) await cancelFollower(tx, input.actor, reservation, "1回目が来場なし");
    // Dose 2's seat, given back above, goes to the waitlist first (sent by the next cron run).
    await offerFreedSeats(tx, now);
  });
}
