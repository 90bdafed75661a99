// Editing one slot's capacity and time together. Capacity never goes below the seats already
// taken (the condition is in the UPDATE, the table's CHECK backs it up). The time of a slot that
// already has bookings is NOT changed: those residents were told a time (confirmation page, .ics,
// LINE reminder) and would come at the old one. Staff close the slot, create one at the new time
// and move the bookings (予約変更) instead — see docs/admin-console.md.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slots } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { runWaitlistQuietly } from "@/lib/waitlist/run";
import { asResult, pgErrorCode, refusal } from "@/lib/booking/result";
import { hhmm } from "@/lib/domain/dates";
import { fieldErrorsOf } from "@/lib/venues/schemas";
import { slotEditSchema, type SlotEditInput } from "./schemas";

export async function editSlot(db: Db, actor: StaffActor, slotId: number, input: SlotEditInput | Record<string, unknown>) {
  const result = await asResult(
    () =>
      db.transaction(async (tx) => {
        const parsed = slotEditSchema.safeParse(input);
        const [before] = await tx.select().from(slots).where(eq(slots.id, slotId)).for("update");
        if (!before) refusal("slot_not_found", "予約枠が見つかりません。");
        if (!staffMay(actor, "slots.edit", { venueId: before.venueId })) refusal("forbidden", "この会場の予約枠を変更する権限がありません。");
        if (!parsed.success) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: fieldErrorsOf(parsed.error) });
        const { capacity, startTime, endTime } = parsed.data;
        const timeChanged = startTime !== hhmm(before.startTime) || endTime !== hhmm(before.endTime);
        if (timeChanged && before.bookedCount > 0) {
          refusal(
            "time_change_booked",
            `この枠にはすでに${before.bookedCount}人の予約があるため、時間は変更できません。受付を停止して新しい時間の枠を作り、予約を変更してください。`,
            { fieldErrors: { startTime: "予約がある枠の時間は変更できません。" } },
          );
        }
        const [after] = await tx
          .update(slots)
          .set({ capacity, startTime, endTime, updatedAt: new Date() })
          .where(and(eq(slots.id, slotId), sql`${slots.bookedCount} + ${slots.heldCount} <= ${capacity}`))
          .returning();
        if (!after) {
          refusal("below_booked", `すでに${before.bookedCount}人の予約があるため、定員を${before.bookedCount}人未満にはできません。`, {
            fieldErrors: { capacity: `${before.bookedCount}以上にしてください。` },
          });
        }
        await recordAudit(tx, actor, {
          action: "slot.edit",
          entity: "slot",
          entityId: slotId,
          before: { capacity: before.capacity, startTime: hhmm(before.startTime), endTime: hhmm(before.endTime) },
          after: { capacity, startTime, endTime },
        });
        return { slot: after, moreSeats: after.seatsLeft > before.seatsLeft };
      }),
    (e) =>
      pgErrorCode(e).code === "23505"
        ? { ok: false, code: "duplicate_slot", reason: "この会場・日付にはその開始時刻・ワクチンの予約枠がすでにあります。" }
        : null,
  );
  // More seats go to the waitlist first.
  if (result.ok && result.moreSeats) await runWaitlistQuietly(db);
  return result;
}
