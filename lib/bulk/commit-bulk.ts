// 一括予約の確定: books the plan, one transaction per slot (SPEC). Inside a slot's transaction
// each voucher goes through the booking service (bookSlot, channel 'bulk') in its own savepoint,
// so one refusal — a seat taken meanwhile, a booking made by the resident since the preview —
// refuses that voucher with its reason and keeps the others. Capacity is the database's
// conditional update as for every booking: a bulk run can never overbook a slot.
import { randomUUID } from "node:crypto";
import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { bookSlot } from "@/lib/booking/book";
import type { Refused } from "@/lib/booking/result";
import type { BulkPlan, BulkPlanRow } from "./plan-bulk";

export interface BulkResultRow extends BulkPlanRow {
  booked: boolean;
  reservationNumber: string | null;
  /** Planned in the preview but refused when booking (the reason says why). */
  refusedAtCommit: boolean;
}

export interface BulkResult {
  venueName: string;
  groupId: string;
  rows: BulkResultRow[];
  booked: number;
  refused: number;
}

export async function commitBulkPlan(db: Db, actor: StaffActor, plan: BulkPlan, now = new Date()): Promise<({ ok: true } & BulkResult) | Refused> {
  if (!staffMay(actor, "booking.bulk", { venueId: plan.venueId })) {
    return { ok: false, code: "forbidden", reason: "この会場の一括予約を行う権限がありません。" };
  }
  const groupId = randomUUID();
  const outcome = new Map<number, { reservationNumber: string } | { reason: string }>();
  const bySlot = new Map<number, BulkPlanRow[]>();
  for (const row of plan.rows) {
    if (row.slot && row.voucherId !== null) bySlot.set(row.slot.slotId, [...(bySlot.get(row.slot.slotId) ?? []), row]);
  }
  for (const [slotId, slotRows] of bySlot) {
    await db.transaction(async (tx) => {
      // Vouchers before the slot, in id order: the same lock order as every booking.
      await tx
        .select({ id: vouchers.id })
        .from(vouchers)
        .where(inArray(vouchers.id, slotRows.map((r) => r.voucherId!)))
        .orderBy(asc(vouchers.id))
        .for("update");
      for (const row of slotRows) {
        const result = await bookSlot(tx, { voucherId: row.voucherId!, slotId, actor, channel: "bulk", bookingGroupId: groupId, now });
        outcome.set(row.line, result.ok ? { reservationNumber: result.reservation.reservationNumber } : { reason: result.reason });
      }
    });
  }
  const rows: BulkResultRow[] = plan.rows.map((row) => {
    const done = outcome.get(row.line);
    if (!done) return { ...row, booked: false, reservationNumber: null, refusedAtCommit: false };
    if ("reservationNumber" in done) return { ...row, booked: true, reservationNumber: done.reservationNumber, refusedAtCommit: false };
    return { ...row, booked: false, reservationNumber: null, refusedAtCommit: true, reason: done.reason };
  });
  const booked = rows.filter((r) => r.booked).length;
  await recordAudit(db, actor, {
    action: "booking.bulk",
    entity: "venue",
    entityId: plan.venueId,
    after: { groupId, from: plan.from, to: plan.to, listed: rows.length, booked, refused: rows.length - booked },
  });
  return { ok: true, venueName: plan.venueName, groupId, rows, booked, refused: rows.length - booked };
}

