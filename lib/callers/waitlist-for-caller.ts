// The waitlist on a confirmed caller's behalf (the caller page): join with contact phone, SMS or
// e-mail, and leave. The caller key names the voucher; the rules are lib/waitlist/join.ts's.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { waitlistEntries } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { joinWaitlist, leaveWaitlist } from "@/lib/waitlist/join";
import { voucherOfCaller } from "./caller-key";

export interface CallerWaitlistInput {
  key: string;
  venueId: number | null;
  dateFrom: string;
  dateTo: string;
  contact: "phone" | "sms" | "email";
  now?: Date;
}

export async function joinWaitlistForCaller(db: Db, actor: StaffActor, input: CallerWaitlistInput) {
  const now = input.now ?? new Date();
  const voucherId = voucherOfCaller(actor, input.key, now);
  if (typeof voucherId !== "number") return voucherId;
  return joinWaitlist(db, { actor, voucherId, venueId: input.venueId, dateFrom: input.dateFrom, dateTo: input.dateTo, contact: input.contact, now });
}

export async function leaveWaitlistForCaller(db: Db, actor: StaffActor, input: { key: string; entryId: number; now?: Date }) {
  const now = input.now ?? new Date();
  const voucherId = voucherOfCaller(actor, input.key, now);
  if (typeof voucherId !== "number") return voucherId;
  // A key for one person never ends another's entry.
  const [entry] = await db.select({ voucherId: waitlistEntries.voucherId }).from(waitlistEntries).where(eq(waitlistEntries.id, input.entryId));
  if (!entry) return { ok: false as const, code: "not_found", reason: "キャンセル待ちの登録が見つかりません。" };
  if (entry.voucherId !== voucherId) return { ok: false as const, code: "forbidden", reason: "この登録は、確認した方の登録ではありません。" };
  return leaveWaitlist(db, { actor, entryId: input.entryId, now });
}
