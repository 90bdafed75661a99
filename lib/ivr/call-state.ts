// Call state per Twilio CallSid in PostgreSQL (ivr_calls): any app instance can answer the
// next webhook of a call. A row lives while the call does: deleted by the status callback,
// and treated as gone (and deleted) once its expiry has passed.
import { eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ivrCalls } from "@/db/schema";

/** Refreshed on every step; a call idle this long starts over. */
export const CALL_TTL_MINUTES = 30;

export type Step = "voucher" | "birth_date" | "venue" | "date" | "time" | "confirm" | "sms";

export interface VenueChoice {
  id: number;
  name: string;
}

export interface TimeChoice {
  slotId: number;
  startTime: string;
  endTime: string;
  productName: string;
}

/** What the call has gathered so far. Never the birth date: it is only needed for the login itself. */
export interface CallState {
  /** Between the two login steps only. */
  voucherNumber?: string;
  loginFailures?: number;
  voucherId?: number;
  doseNumber?: number;
  /** The list the caller is choosing from and the page being read (9 per page). */
  venues?: VenueChoice[];
  dates?: string[];
  times?: TimeChoice[];
  page?: number;
  venue?: VenueChoice;
  date?: string;
  slot?: TimeChoice;
  booked?: { reservationNumber: string };
}

export interface CallRecord {
  callSid: string;
  step: Step;
  state: CallState;
  failures: number;
}

function expiry(now: Date): Date {
  return new Date(now.getTime() + CALL_TTL_MINUTES * 60_000);
}

/** The live state of a call, or null (never seen, finished, or expired — an expired row is removed). */
export async function loadCall(db: Db, callSid: string, now: Date): Promise<CallRecord | null> {
  const [row] = await db.select().from(ivrCalls).where(eq(ivrCalls.callSid, callSid));
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await endCall(db, callSid);
    return null;
  }
  return { callSid: row.callSid, step: row.step as Step, state: row.state as CallState, failures: row.failures };
}

export async function saveCall(db: Db, call: CallRecord, now: Date): Promise<void> {
  const values = { step: call.step, state: call.state, failures: call.failures, expiresAt: expiry(now), updatedAt: now };
  await db
    .insert(ivrCalls)
    .values({ callSid: call.callSid, ...values })
    .onConflictDoUpdate({ target: ivrCalls.callSid, set: values });
}

export async function endCall(db: Db, callSid: string): Promise<void> {
  await db.delete(ivrCalls).where(eq(ivrCalls.callSid, callSid));
}

/** Rows of calls whose status callback never came (e.g. a lost request). */
export async function purgeExpiredCalls(db: Db, now: Date): Promise<void> {
  await db.delete(ivrCalls).where(lt(ivrCalls.expiresAt, now));
}
