// Corrections by the venue manager (own venue) or the admin: a recorded dose's product, lot
// or date, or a mistaken status taken back one step. A reason is required; each correction is
// kept in dose_corrections and the audit log with the state before and after. A correction of
// a dose already sent to VRS flags it for re-export (lib/export/vrs.ts). Nothing is deleted: a
// 接種済み taken back leaves its dose record in place, marked void (voided_at/by, void_reason).
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doseCorrections, doseRecords, reservations, slots, staffAccounts, vaccineProducts, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";
import { reservationSnapshot } from "@/lib/booking/book";
import { lockReservation, slotOf } from "@/lib/booking/manage";
import { asResult, pgErrorCode, refusal, type Refused } from "@/lib/booking/result";
import { exportedCondition, reexportFlagCondition } from "@/lib/export/vrs";
import { normalizeLotNumber } from "./lots";

export const REASON_MAX = 500;

function checkReason(reason: string | undefined): string {
  const trimmed = (reason ?? "").trim();
  if (!trimmed) refusal("reason_required", "訂正の理由を入力してください。");
  if (trimmed.length > REASON_MAX) refusal("reason_too_long", `理由は${REASON_MAX}文字以内で入力してください。`);
  return trimmed;
}

async function wasExported(db: Db, doseRecordId: number): Promise<boolean> {
  const [row] = await db.select({ id: doseRecords.id }).from(doseRecords).where(and(eq(doseRecords.id, doseRecordId), exportedCondition()));
  return row !== undefined;
}

export interface CorrectDoseInput {
  doseRecordId: number;
  productCode?: string;
  lotNumber?: string;
  administeredOn?: string;
  reason: string;
  now?: Date;
}

/** Changes a recorded dose's product, lot number or date. */
export async function correctDose(db: Db, actor: StaffActor, input: CorrectDoseInput) {
  const now = input.now ?? new Date();
  return asResult(() =>
    db.transaction(async (tx) => {
      const [dose] = await tx.select().from(doseRecords).where(eq(doseRecords.id, input.doseRecordId)).for("update");
      if (!dose || dose.voidedAt) refusal("dose_not_found", "接種記録が見つかりません（取り消し済みの記録は訂正できません）。");
      if (!staffMay(actor, "dose.correct", { venueId: dose.venueId })) refusal("forbidden", "この会場の接種記録を訂正する権限がありません。");
      const reason = checkReason(input.reason);
      const productCode = input.productCode?.trim() || dose.productCode;
      const lotNumber = input.lotNumber !== undefined && input.lotNumber.trim() !== "" ? normalizeLotNumber(input.lotNumber) : dose.lotNumber;
      const administeredOn = input.administeredOn?.trim() || dose.administeredOn;
      if (!/^[A-Z0-9][A-Z0-9-]{0,19}$/.test(lotNumber)) refusal("invalid_lot", "ロット番号は英数字で始まる、英数字とハイフン20文字以内で入力してください。");
      if (!isValidIsoDate(administeredOn)) refusal("invalid_date", "接種日は YYYY-MM-DD の日付で入力してください。");
      if (administeredOn > tokyoDate(now)) refusal("future_date", "接種日に未来の日付は指定できません。");
      if (productCode === dose.productCode && lotNumber === dose.lotNumber && administeredOn === dose.administeredOn) {
        refusal("no_change", "変更する項目がありません。");
      }
      if (productCode !== dose.productCode) {
        const [product] = await tx.select().from(vaccineProducts).where(eq(vaccineProducts.code, productCode));
        if (!product) refusal("unknown_product", "このワクチンは登録されていません。");
        // Rule 4: doses 1 and 2 use the same product.
        if (dose.doseNumber <= 2) {
          const [partner] = await tx
            .select({ productCode: doseRecords.productCode })
            .from(doseRecords)
            .where(and(eq(doseRecords.voucherId, dose.voucherId), eq(doseRecords.doseNumber, dose.doseNumber === 1 ? 2 : 1), isNull(doseRecords.voidedAt)));
          if (partner && partner.productCode !== productCode) {
            refusal("different_product", "1回目と2回目は同じワクチンです。もう一方の回の記録と合わせて訂正してください。");
          }
        }
      }
      const afterExport = await wasExported(tx, dose.id);
      const [after] = await tx
        .update(doseRecords)
        .set({ productCode, lotNumber, administeredOn, correctedAt: now, updatedAt: now })
        .where(eq(doseRecords.id, dose.id))
        .returning();
      const before = { productCode: dose.productCode, lotNumber: dose.lotNumber, administeredOn: dose.administeredOn };
      const changed = { productCode, lotNumber, administeredOn };
      await tx.insert(doseCorrections).values({
        kind: "edit",
        reservationId: dose.reservationId,
        doseRecordId: dose.id,
        voucherId: dose.voucherId,
        reason,
        before,
        after: changed,
        afterExport,
        staffId: actor.staffId,
        at: now,
      });
      await recordAudit(tx, actor, {
        action: "dose.correct",
        entity: "dose_record",
        entityId: dose.id,
        voucherId: dose.voucherId,
        before,
        after: { ...changed, reason, reexport: afterExport },
      });
      return { dose: after!, reexport: afterExport };
    }),
  );
}

/** Where a mistaken status goes back to. */
const REVERT_TO: Partial<Record<ReservationStatus, ReservationStatus>> = {
  vaccinated: "checked_in",
  screened_only: "checked_in",
  no_show: "booked",
  checked_in: "booked",
};

export function revertTarget(status: string): ReservationStatus | null {
  return REVERT_TO[status as ReservationStatus] ?? null;
}

function revertDbRefusal(e: unknown): Refused | null {
  const { code, constraint } = pgErrorCode(e);
  if (code === "23505" && constraint?.startsWith("reservations_one_active")) {
    return { ok: false, code: "other_active_reservation", reason: "この接種券には別の有効な予約があるため、元に戻せません。" };
  }
  if (code === "23514" && constraint === "slots_capacity_never_exceeded") {
    return { ok: false, code: "slot_full", reason: "この予約枠は満員のため、来場なしを取り消せません。" };
  }
  return null;
}

/**
 * Takes a mistaken status back one step: 接種済み → 受付済み (the dose record is kept and
 * marked void; a copy goes to dose_corrections), 予診のみ → 受付済み, 来場なし → 予約済み (the seat is taken again),
 * 受付済み → 予約済み. A dose 2 cancelled with dose 1 stays cancelled: book it again if needed.
 */
export async function revertStatus(db: Db, actor: StaffActor, input: { reservationId: number; reason: string; now?: Date }) {
  const now = input.now ?? new Date();
  return asResult(
    () =>
      db.transaction(async (tx) => {
        const { reservation } = await lockReservation(tx, input.reservationId);
        const slot = await slotOf(tx, reservation.slotId);
        if (!staffMay(actor, "dose.correct", { venueId: slot.venueId })) refusal("forbidden", "この会場の記録を訂正する権限がありません。");
        const reason = checkReason(input.reason);
        const from = reservation.status as ReservationStatus;
        const to = revertTarget(from);
        if (!to) refusal("not_revertible", `「${STATUS_LABELS[from]}」の予約は元に戻せません。`);
        let afterExport = false;
        let removedDose: typeof doseRecords.$inferSelect | null = null;
        if (from === "vaccinated") {
          const [dose] = await tx
            .select()
            .from(doseRecords)
            .where(and(eq(doseRecords.reservationId, reservation.id), isNull(doseRecords.voidedAt)))
            .for("update");
          if (dose) {
            const [later] = await tx
              .select({ id: doseRecords.id })
              .from(doseRecords)
              .where(and(eq(doseRecords.voucherId, dose.voucherId), gt(doseRecords.doseNumber, dose.doseNumber), isNull(doseRecords.voidedAt)));
            if (later) refusal("later_dose", "この後の回の接種が記録されているため、取り消せません。");
            afterExport = await wasExported(tx, dose.id);
            // Kept, marked void: every reader skips it, and a dose already sent to VRS is flagged for re-export.
            await tx
              .update(doseRecords)
              .set({ voidedAt: now, voidedByStaffId: actor.staffId, voidReason: reason, updatedAt: now })
              .where(eq(doseRecords.id, dose.id));
            removedDose = dose;
          }
        }
        if (from === "no_show") {
          // The seat went back at 来場なし; take it again (the CHECK refuses a full slot).
          await tx.update(slots).set({ bookedCount: sql`${slots.bookedCount} + 1`, updatedAt: now }).where(eq(slots.id, slot.id));
        }
        const [after] = await tx
          .update(reservations)
          .set({ status: to, updatedAt: now, closedAt: null, ...(to === "booked" ? { checkedInAt: null } : {}) })
          .where(eq(reservations.id, reservation.id))
          .returning();
        const before = { ...reservationSnapshot(reservation), ...(removedDose ? { dose: removedDose } : {}) };
        const changed = reservationSnapshot(after!);
        await tx.insert(doseCorrections).values({
          kind: "revert",
          reservationId: reservation.id,
          doseRecordId: removedDose?.id ?? null,
          voucherId: reservation.voucherId,
          reason,
          before,
          after: changed,
          afterExport,
          staffId: actor.staffId,
          at: now,
        });
        await recordAudit(tx, actor, {
          action: "reservation.revert",
          entity: "reservation",
          entityId: reservation.id,
          voucherId: reservation.voucherId,
          before,
          after: { ...changed, reason, reexport: afterExport },
        });
        return { reservation: after!, from, to, reexport: afterExport };
      }),
    revertDbRefusal,
  );
}

/** What the correction page shows: the reservation, its dose record and earlier corrections. Audit-logged (personal data). */
export async function loadCorrectionView(db: Db, actor: StaffActor, reservationId: number) {
  return asResult(async () => {
    const [row] = await db
      .select({ reservation: reservations, slot: slots, voucherNumber: vouchers.voucherNumber, kanaName: vouchers.kanaName, venueName: venues.name })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .innerJoin(vouchers, eq(vouchers.id, reservations.voucherId))
      .innerJoin(venues, eq(venues.id, slots.venueId))
      .where(eq(reservations.id, reservationId));
    if (!row) refusal("reservation_not_found", "予約が見つかりません。");
    if (!staffMay(actor, "dose.correct", { venueId: row.slot.venueId })) refusal("forbidden", "この会場の記録を訂正する権限がありません。");
    const [dose] = await db
      .select()
      .from(doseRecords)
      .where(and(eq(doseRecords.reservationId, reservationId), isNull(doseRecords.voidedAt)));
    const reexport = dose ? (await db.select({ id: doseRecords.id }).from(doseRecords).where(and(eq(doseRecords.id, dose.id), reexportFlagCondition()))).length > 0 : false;
    const history = await db
      .select({ id: doseCorrections.id, kind: doseCorrections.kind, reason: doseCorrections.reason, before: doseCorrections.before, after: doseCorrections.after, afterExport: doseCorrections.afterExport, at: doseCorrections.at, staffName: staffAccounts.displayName })
      .from(doseCorrections)
      .leftJoin(staffAccounts, eq(staffAccounts.id, doseCorrections.staffId))
      .where(eq(doseCorrections.reservationId, reservationId))
      .orderBy(desc(doseCorrections.at));
    await recordAudit(db, actor, { action: "reservation.view_for_correction", entity: "reservation", entityId: reservationId, voucherId: row.reservation.voucherId });
    return { ...row, dose: dose ?? null, reexport, history };
  });
}
