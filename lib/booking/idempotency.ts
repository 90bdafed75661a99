// One-time keys for confirmation forms. The key is written in the same transaction as the
// booking it guards, so a double click, a retry after a timeout or a reload either waits for the
// first attempt (on the voucher's lock, or PostgreSQL's unique index on the key) and then returns
// its outcome, or — if the first attempt rolled back — books for the first time.
import { randomBytes } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { bookClaiming, bookedOutcome, KeyTakenError, type BookInput } from "./book";

/** A fresh key for a confirmation form (128 random bits). */
export function newIdempotencyKey(): string {
  return randomBytes(16).toString("base64url");
}

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(value);
}

/** What a key keeps: the reservation booked, or the refusal (with its message's values). */
export type BookOutcome =
  | { ok: true; number: string }
  | { ok: false; code: string; reason: string; params: Record<string, string | number> | null };

/**
 * Books once per key: the key is claimed by the booking's own statements (lib/booking/book.ts
 * bookClaiming), so it adds no round trip to a 確定. The key is tied to the voucher ("voucher:<id>"):
 * a key seen with another voucher is refused (`conflict`), so a leaked key cannot reveal someone
 * else's outcome. A repeat of the same form waits on the voucher's lock for the first attempt and
 * gets its outcome (`repeated`). A database error rolls everything back, the key included.
 */
export async function bookOnce(db: Db, key: string, input: BookInput): Promise<{ outcome: BookOutcome; repeated: boolean } | { conflict: true }> {
  const scope = `voucher:${input.voucherId}`;
  return db.transaction(async (tx) => {
    let result;
    try {
      result = await bookClaiming(tx, input, { key, scope });
    } catch (e) {
      if (!(e instanceof KeyTakenError)) throw e;
      const [row] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
      if (!row || row.scope !== scope || row.outcome === null) return { conflict: true as const };
      return { outcome: row.outcome as BookOutcome, repeated: true };
    }
    // The booking stored its own outcome with the key, in the statement that booked.
    if (result.ok) return { outcome: bookedOutcome(result.reservation.reservationNumber), repeated: false };
    const outcome: BookOutcome = { ok: false, code: result.code, reason: result.reason, params: result.params ?? null };
    // Refused before the key was claimed (no such voucher or slot) this updates nothing, and a repeat is refused again.
    await tx.update(idempotencyKeys).set({ outcome }).where(eq(idempotencyKeys.key, key));
    return { outcome, repeated: false };
  });
}

/** Keys older than a day are of no use (forms expire with the session long before). */
export async function purgeIdempotencyKeys(db: Db, now = new Date()): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`));
}
