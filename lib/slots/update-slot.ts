// Capacity changes and closing a slot. Capacity never goes below the seats already taken:
// the condition is in the UPDATE itself, and the table's CHECK backs it up.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slots } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { runWaitlistQuietly } from "@/lib/waitlist/run";
import { asResult, refusal } from "@/lib/booking/result";

async function slotForEdit(db: Db, actor: StaffActor, slotId: number) {
  const [slot] = await db.select().from(slots).where(eq(slots.id, slotId)).for("update");
  if (!slot) refusal("slot_not_found", "予約枠が見つかりません。");
  if (!staffMay(actor, "slots.edit", { venueId: slot.venueId })) refusal("forbidden", "この会場の予約枠を変更する権限がありません。");
  return slot;
}

export async function updateSlotCapacity(db: Db, actor: StaffActor, slotId: number, capacity: number, options: { now?: Date } = {}) {
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      if (!Number.isInteger(capacity) || capacity < 0 || capacity > 10_000) refusal("invalid_capacity", "定員は0〜10000の整数で入力してください。");
      const before = await slotForEdit(tx, actor, slotId);
      const [after] = await tx
        .update(slots)
        .set({ capacity, updatedAt: new Date() })
        .where(and(eq(slots.id, slotId), sql`${slots.bookedCount} + ${slots.heldCount} <= ${capacity}`))
        .returning();
      if (!after) refusal("below_booked", `すでに${before.bookedCount}人の予約があるため、定員を${before.bookedCount}人未満にはできません。`);
      await recordAudit(tx, actor, { action: "slot.capacity", entity: "slot", entityId: slotId, before: { capacity: before.capacity }, after: { capacity } });
      return { slot: after, moreSeats: after.seatsLeft > before.seatsLeft };
    }),
  );
  // More seats go to the waitlist first.
  if (result.ok && result.moreSeats) await runWaitlistQuietly(db, options.now);
  return result;
}

export async function setSlotStatus(db: Db, actor: StaffActor, slotId: number, status: "open" | "closed") {
  const result = await asResult(() =>
    db.transaction(async (tx) => {
      const before = await slotForEdit(tx, actor, slotId);
      const [after] = await tx.update(slots).set({ status, updatedAt: new Date() }).where(eq(slots.id, slotId)).returning();
      await recordAudit(tx, actor, { action: `slot.${status}`, entity: "slot", entityId: slotId, before: { status: before.status }, after: { status } });
      return { slot: after!, reopened: before.status === "closed" && status === "open" };
    }),
  );
  // A reopened slot's seats go to the waitlist first.
  if (result.ok && result.reopened) await runWaitlistQuietly(db);
  return result;
}
