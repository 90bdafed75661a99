// Failure counters in PostgreSQL, shared by every app instance:
// - per voucher: 5 failures lock that voucher for 15 minutes (10-digit numbers are guessable);
// - per client: failures slow the client down, and many in a window block it for a while.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures } from "@/db/schema";

export const VOUCHER_MAX_FAILURES = 5;
export const VOUCHER_LOCK_MINUTES = 15;
export const CLIENT_WINDOW_MINUTES = 15;
export const CLIENT_MAX_FAILURES = 30;

export interface LockState {
  lockedUntil: Date | null;
  failures: number;
}

type FailureRow = typeof loginFailures.$inferSelect;

export async function readLock(db: Db, key: string, now: Date): Promise<LockState> {
  const [row] = await db.select().from(loginFailures).where(eq(loginFailures.key, key));
  return lockStateOf(row, now);
}

/**
 * Several keys' states in one statement (a login checks its client and its voucher). `recorded`
 * says whether a row exists, so a successful login deletes one only when there is one.
 */
export async function readLocks(db: Db, keys: readonly string[], now: Date): Promise<Map<string, LockState & { recorded: boolean }>> {
  const rows = await db.select().from(loginFailures).where(inArray(loginFailures.key, [...keys]));
  return new Map(keys.map((key) => {
    const row = rows.find((r) => r.key === key);
    return [key, { ...lockStateOf(row, now), recorded: row !== undefined }];
  }));
}

function lockStateOf(row: FailureRow | undefined, now: Date): LockState {
  if (!row) return { lockedUntil: null, failures: 0 };
  const locked = row.lockedUntil && row.lockedUntil.getTime() > now.getTime() ? row.lockedUntil : null;
  const windowOpen = now.getTime() - row.windowStartedAt.getTime() < CLIENT_WINDOW_MINUTES * 60_000;
  return { lockedUntil: locked, failures: windowOpen ? row.failures : 0 };
}

/**
 * Counts one failure atomically (one upsert, no read-then-write). The count restarts when its
 * window has passed; reaching `maxFailures` sets lockedUntil = now + lockMinutes and restarts it.
 */
export async function recordFailure(
  db: Db,
  key: string,
  now: Date,
  maxFailures: number,
  lockMinutes: number,
): Promise<LockState> {
  // Raw SQL parameters go as ISO strings: postgres.js does not serialise a Date inside sql``.
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const windowStart = new Date(now.getTime() - CLIENT_WINDOW_MINUTES * 60_000);
  const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
  const fresh = sql`(${loginFailures.windowStartedAt} < ${at(windowStart)} or (${loginFailures.lockedUntil} is not null and ${loginFailures.lockedUntil} <= ${at(now)}))`;
  const next = sql`(case when ${fresh} then 1 else ${loginFailures.failures} + 1 end)`;
  const [row] = await db
    .insert(loginFailures)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: maxFailures <= 1 ? lockUntil : null, updatedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        windowStartedAt: sql`case when ${fresh} then ${at(now)} else ${loginFailures.windowStartedAt} end`,
        lockedUntil: sql`case when ${next} >= ${maxFailures} then ${at(lockUntil)} when ${fresh} then null else ${loginFailures.lockedUntil} end`,
        failures: sql`case when ${next} >= ${maxFailures} then 0 else ${next} end`,
        updatedAt: now,
      },
    })
    .returning();
  return { lockedUntil: row!.lockedUntil, failures: row!.failures };
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

/** The pause before answering a client with `failures` recent failures: none for the first 3, then doubling to 4 s. */
export function slowDownMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(250 * 2 ** (failures - 3), 4000);
}
