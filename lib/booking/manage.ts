// Change and cancel an existing reservation. A change never gives up the old seat
// before the new one is taken: both happen in one transaction.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { changeDeadline, checkDoseRules, checkSetFollower, checkSlotBookable } from "@/lib/domain/eligibility";
import { formatDateJa, tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import { assertMayBook, bookingDbRefusal, lockVoucher, releaseSeat, reservationSnapshot, takeSeats, type ReservationRow, type SlotRow } from "./book";
import { loadBookingContext, loadDoseHistory, loadSettings, type MunicipalitySettings, type VoucherRow } from "./context";
import { asResult, refusal } from "./result";
import { lockWaitlistIfWaiting, offerFreedSeats } from "@/lib/waitlist/dispatch";
import { notifyQuietly } from "@/lib/offers/accept";

/** Locks the reservation's voucher, then the reservation: the same order as booking, so no deadlock. */
export async function lockReservation(db: Db, reservationId: number): Promise<{ reservation: ReservationRow; voucher: VoucherRow }> {
  const [row] = await db.select({ voucherId: reservations.voucherId }).from(reservations).where(eq(reservations.id, reservationId));
  if (!row) refusal("reservation_not_found", "予約が見つかりません。");
  const voucher = await lockVoucher(db, row.voucherId);
  const [reservation] = await db.select().from(reservations).where(eq(reservations.id, reservationId)).for("update");
  return { reservation: reservation!, voucher };
}

export async function slotOf(db: Db, slotId: number): Promise<SlotRow> {
  const [slot] = await db.select().from(slots).where(eq(slots.id, slotId));
  if (!slot) refusal("slot_not_found", "予約枠が見つかりません。");
  return slot;
}

/** Residents act on their own reservation before the deadline; staff by the matrix, past the deadline only with a reason. */
function assertMayManage(
  actor: Actor,
  reservation: ReservationRow,
  slot: SlotRow,
  settings: MunicipalitySettings,
  now: Date,
  overrideReason: string | undefined,
  verb: "変更" | "キャンセル",
): { deadlineOverridden: boolean } {
  const deadline = changeDeadline(slot.date, settings.cancelDeadlineDaysBefore, settings.cancelDeadlineTime);
  const pastDeadline = now.getTime() >= deadline.getTime();
  if (actor.kind === "resident") {
    if (actor.voucherId !== reservation.voucherId) refusal("forbidden", "この予約は操作できません。");
    if (pastDeadline) {
      refusal(
        "past_deadline",
        `${verb}の受付期限（${formatDateJa(tokyoDate(deadline), true)} ${tokyoTime(deadline)}）を過ぎています。コールセンター（${settings.callCenterPhone}）にお電話ください。`,
        undefined,
        { date: tokyoDate(deadline), time: tokyoTime(deadline), phone: settings.callCenterPhone },
      );
    }
    return { deadlineOverridden: false };
  }
  if (actor.kind === "ivr") refusal("forbidden", `予約の${verb}はコールセンターで承ります。`);
  if (actor.kind === "staff") {
    if (!staffMay(actor, "booking.forCaller", { venueId: slot.venueId })) {
      refusal("forbidden", "この会場の予約を操作する権限がありません。");
    }
    // Past the deadline only when the municipality allows staff to override it, and always with a reason.
    if (pastDeadline && !settings.staffDeadlineOverride) {
      refusal("override_not_allowed", `${verb}の受付期限を過ぎています。自治体の設定により、期限後の${verb}は職員も行えません。`);
    }
    if (pastDeadline && !overrideReason?.trim()) {
      refusal("past_deadline", `${verb}の受付期限を過ぎています。期限後に${verb}する理由を入力してください。`);
    }
  }
  return { deadlineOverridden: pastDeadline };
}

/** Dose 2 of the set led by `leaderId`, if still active — locked (FOR UPDATE) until the transaction ends. */
async function activeFollower(db: Db, leaderId: number): Promise<ReservationRow | null> {
  const [row] = await db
    .select()
    .from(reservations)
    .where(and(eq(reservations.setLeaderId, leaderId), inArray(reservations.status, [...ACTIVE_STATUSES])))
    .for("update");
  return row ?? null;
}

/**
 * Cancels dose 2 of a set booking when dose 1 will not happen; gives its seat back. The follower
 * row is locked (SELECT … FOR UPDATE, re-checked after the lock is granted) and the update is
 * guarded by its status, so a concurrent change or cancel of dose 2 cannot release its seat twice.
 */
export async function cancelFollower(db: Db, actor: Actor, leader: ReservationRow, why: string): Promise<void> {
  const found = await activeFollower(db, leader.id);
  if (!found) return;
  const [follower] = await db.select().from(reservations).where(eq(reservations.id, found.id)).for("update");
  if (!follower || !(ACTIVE_STATUSES as readonly string[]).includes(follower.status)) return;
  const now = new Date();
  const [after] = await db
    .update(reservations)
    .set({ status: "cancelled", closedAt: now, updatedAt: now })
    .where(and(eq(reservations.id, follower.id), inArray(reservations.status, [...ACTIVE_STATUSES])))
    .returning();
  if (!after) return;
  await releaseSeat(db, follower.slotId);
  await recordAudit(db, actor, {
    action: "reservation.cancel_set_follower",
    entity: "reservation",
    entityId: follower.id,
    voucherId: follower.voucherId,
    before: reservationSnapshot(follower),
    after: { ...reservationSnapshot(after!), why },
  });
}

export interface CancelInput {
  reservationId: number;
  actor: Actor;
  /** Staff only: why the deadline is overridden (audit-logged). */
  overrideReason?: string;
  now?: Date;
}

export async function cancelReservation(db: Db, input: CancelInput) {
  const now = input.now ?? new Date();
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      const waitlistLocked = await lockWaitlistIfWaiting(tx);
      const { reservation } = await lockReservation(tx, input.reservationId);
      const slot = await slotOf(tx, reservation.slotId);
      const settings = await loadSettings(tx);
      const { deadlineOverridden } = assertMayManage(input.actor, reservation, slot, settings, now, input.overrideReason, "キャンセル");
      if (reservation.status !== "booked") {
        refusal("not_cancellable", "この予約はキャンセルできません（受付済みまたは終了した予約です）。");
      }
      const [after] = await tx
        .update(reservations)
        .set({ status: "cancelled", closedAt: now, updatedAt: now })
        .where(eq(reservations.id, reservation.id))
        .returning();
      await releaseSeat(tx, slot.id);
      await recordAudit(tx, input.actor, {
        action: "reservation.cancel",
        entity: "reservation",
        entityId: reservation.id,
        voucherId: reservation.voucherId,
        before: reservationSnapshot(reservation),
        after: { ...reservationSnapshot(after!), deadlineOverridden, overrideReason: deadlineOverridden ? (input.overrideReason?.trim() || null) : null },
      });
      // Cancelling dose 1 of a set booking cancels dose 2.
      if (reservation.setLeaderId === null) await cancelFollower(tx, input.actor, reservation, "1回目のキャンセル");
      // The freed seat goes to the waitlist first, in this transaction: nobody browsing can take it in between.
      const offered = await offerFreedSeats(tx, now, { lockHeld: waitlistLocked });
      return { reservation: after!, offered };
    }),
  );
  if (result.ok && result.offered.length > 0) await notifyQuietly(db, now);
  return result;
}

export interface ChangeInput {
  reservationId: number;
  newSlotId: number;
  actor: Actor;
  overrideReason?: string;
  now?: Date;
}

/** Moves a booked reservation to another slot: the new seat is taken before the old is released. */
export async function changeReservation(db: Db, input: ChangeInput) {
  const now = input.now ?? new Date();
  const result = await asResult(
    () =>
      db.transaction(async (tx) => {
        const waitlistLocked = await lockWaitlistIfWaiting(tx);
        const { reservation, voucher } = await lockReservation(tx, input.reservationId);
        const oldSlot = await slotOf(tx, reservation.slotId);
        const newSlot = await slotOf(tx, input.newSlotId);
        const ctx = await loadBookingContext(tx);
        const { deadlineOverridden } = assertMayManage(input.actor, reservation, oldSlot, ctx.settings, now, input.overrideReason, "変更");
        assertMayBook(input.actor, reservation.voucherId, newSlot, now);
        if (reservation.status !== "booked") refusal("not_changeable", "この予約は変更できません（受付済みまたは終了した予約です）。");
        if (newSlot.id === oldSlot.id) refusal("same_slot", "同じ予約枠が選ばれています。");
        if (newSlot.offerOnly) refusal("offer_only", "この予約枠は、余剰ワクチンのご案内を受け取った方だけが予約できます。");

        const history = await loadDoseHistory(tx, voucher);
        // Dose 2 of a set follows its dose-1 reservation's date and product.
        let setLeader: { date: string; productCode: string } | null = null;
        if (reservation.setLeaderId !== null) {
          const [leader] = await tx.select().from(reservations).where(eq(reservations.id, reservation.setLeaderId));
          if (leader && (leader.status === "booked" || leader.status === "checked_in")) {
            const leaderSlot = await slotOf(tx, leader.slotId);
            setLeader = { date: leaderSlot.date, productCode: leader.productCode };
          }
        }
        const dose = checkDoseRules({ birthDate: voucher.birthDate, history, setLeader, tables: ctx.tables }, newSlot.date, newSlot.productCode);
        if (!dose.ok) refusal(dose.code, dose.reason, undefined, dose.params);
        const slotRefusal = checkSlotBookable(
          { ...newSlot, status: newSlot.status as "open" | "closed", remaining: newSlot.seatsLeft },
          ctx.settings,
          now,
          input.actor.kind === "staff",
        );
        if (slotRefusal) refusal(slotRefusal.code, slotRefusal.reason, undefined, slotRefusal.params);
        // Moving dose 1 of a set must keep its dose 2 valid.
        if (reservation.setLeaderId === null) {
          const follower = await activeFollower(tx, reservation.id);
          if (follower) {
            const followerSlot = await slotOf(tx, follower.slotId);
            const conflict = checkSetFollower(
              { birthDate: voucher.birthDate, history, tables: ctx.tables },
              { date: newSlot.date, productCode: newSlot.productCode },
              { date: followerSlot.date, productCode: followerSlot.productCode },
            );
            if (conflict) refusal(conflict.code, conflict.reason, undefined, conflict.params);
          }
        }
        await takeSeats(tx, newSlot.id, 1);
        await releaseSeat(tx, oldSlot.id);
        const [after] = await tx
          .update(reservations)
          .set({ slotId: newSlot.id, productCode: newSlot.productCode, updatedAt: now })
          .where(eq(reservations.id, reservation.id))
          .returning();
        await recordAudit(tx, input.actor, {
          action: "reservation.change",
          entity: "reservation",
          entityId: reservation.id,
          voucherId: reservation.voucherId,
          before: reservationSnapshot(reservation),
          after: { ...reservationSnapshot(after!), deadlineOverridden, overrideReason: deadlineOverridden ? (input.overrideReason?.trim() || null) : null },
        });
        const offered = await offerFreedSeats(tx, now, { lockHeld: waitlistLocked });
        return { reservation: after!, offered };
      }),
    bookingDbRefusal,
  );
  if (result.ok && result.offered.length > 0) await notifyQuietly(db, now);
  return result;
}
