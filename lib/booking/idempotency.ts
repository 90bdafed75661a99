// One-time keys for confirmation forms. The key is written in the same transaction as the
// booking it guards, so a double click, a retry after a timeout or a reload either waits for the
// first attempt (PostgreSQL's unique index blocks the second insert until the first commits)
// and then returns its outcome, or — if the first attempt rolled back — books for the first time.
import { randomBytes } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";

/** A fresh key for a confirmation form (128 random bits). */
export function newIdempotencyKey(): string {
  return randomBytes(16).toString("base64url");
}

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(value);
}

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json | undefined };

/**
 * Runs `work` once per key. `scope` (e.g. "voucher:123") ties the key to its owner: a key seen
 * with another scope is refused, so a leaked key cannot reveal someone else's outcome.
 */
export async function runOnce<T extends Json>(
  db: Db,
  key: string,
  scope: string,
  work: (tx: Db) => Promise<T>,
): Promise<{ outcome: T; repeated: boolean } | { conflict: true }> {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(idempotencyKeys).values({ key, scope }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (inserted.length === 0) {
      const [row] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
      if (!row || row.scope !== scope || row.outcome === null) return { conflict: true as const };
      return { outcome: row.outcome as T, repeated: true };
    }
    const outcome = await work(tx);
    await tx.update(idempotencyKeys).set({ outcome }).where(eq(idempotencyKeys.key, key));
    return { outcome, repeated: false };
  });
}

/** Keys older than a day are of no use (forms expire with the session long before). */
export async function purgeIdempotencyKeys(db: Db, now = new Date()): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`));
}
