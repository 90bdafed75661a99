// Fixed-window request counters in PostgreSQL, so every app instance behind the load balancer
// counts the same client together (app servers keep no state). One upsert per request.
import { lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { rateLimits } from "@/db/schema";

export interface RateRule {
  /** requests allowed per window */
  limit: number;
  windowSeconds: number;
}

/**
 * The chatbot per client address: a resident types a question every few seconds at most;
 * generous, because many residents share one address behind mobile carriers' NAT.
 */
export const CHATBOT_RATE_RULE: RateRule = { limit: 20, windowSeconds: 60 };

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/** What to count: a key per client (address, voucher, …) and its rule. */
export type RateChecks = readonly (readonly [string, RateRule])[];

/** A counter after counting one more request. */
export interface Counted {
  key: string;
  windowStartedAt: Date;
  count: number;
}

const PURGE_EVERY_MS = 10 * 60_000;
let lastPurge = 0;

/** Counts one request for `key` and says whether it is within the rule. */
export async function takeRateLimit(db: Db, key: string, rule: RateRule, now = new Date()): Promise<RateDecision> {
  return (await takeRateLimits(db, [[key, rule]], now))[0]!;
}

/**
 * Counts one request for each (distinct) key, in one upsert per distinct window length (a login
 * counts its address and its voucher, both per minute: one statement). Decisions in the order given.
 */
export async function takeRateLimits(db: Db, checks: RateChecks, now = new Date()): Promise<RateDecision[]> {
  const counted: Counted[] = [];
  for (const windowSeconds of new Set(checks.map(([, rule]) => rule.windowSeconds))) {
    const sameWindow = checks.filter(([, rule]) => rule.windowSeconds === windowSeconds);
    counted.push(...countedRows(rowsOf(await db.execute(countingStatement(sameWindow, now)))));
  }
  if (now.getTime() - lastPurge > PURGE_EVERY_MS) {
    lastPurge = now.getTime();
    await purgeRateLimits(db, now);
  }
  return rateDecisions(checks, counted, now);
}

/**
 * countingStatement's rows (key, window_started_at, count) as counters, whichever driver read them
 * and whether as columns or as JSON (window_started_at a Date or a string).
 */
export function countedRows(rows: readonly { key: string; window_started_at: Date | string; count: number | string }[]): Counted[] {
  return rows.map((row) => ({ key: row.key, windowStartedAt: new Date(row.window_started_at), count: Number(row.count) }));
}

/** The decision for each check (in the order given) from its counter. */
export function rateDecisions(checks: RateChecks, counted: readonly Counted[], now: Date): RateDecision[] {
  const byKey = new Map(counted.map((row) => [row.key, row]));
  return checks.map(([key, rule]) => {
    const row = byKey.get(key);
    if (!row) throw new Error(`rate limit ${key} was not counted`);
    if (row.count <= rule.limit) return { ok: true, remaining: rule.limit - row.count };
    const windowEnds = row.windowStartedAt.getTime() + rule.windowSeconds * 1000;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
  });
}

/**
 * The upsert that counts one request for each check: alone (takeRateLimits) or as a CTE inside a
 * larger statement (the resident's 確定 counts with the statement that locks the voucher,
 * lib/booking/book.ts): `returning key, window_started_at, count`. One statement counts one window
 * length, so every check must share it. Raw SQL parameters go as ISO strings: postgres.js does not
 * serialise a Date inside sql``.
 */
export function countingStatement(checks: RateChecks, now: Date): SQL {
  const windows = new Set(checks.map(([, rule]) => rule.windowSeconds));
  if (windows.size !== 1) throw new Error("countingStatement: the checks must share one window length");
  const [windowSeconds] = windows;
  const at = sql`${now.toISOString()}::timestamptz`;
  const expired = sql`rate_limits.window_started_at <= ${at} - ${windowSeconds}::int * interval '1 second'`;
  const keys = [...new Set(checks.map(([key]) => key))];
  return sql`insert into rate_limits (key, window_started_at, count) values ${sql.join(
    keys.map((key) => sql`(${key}, ${at}, 1)`),
    sql`, `,
  )}
    on conflict (key) do update set
      window_started_at = case when ${expired} then ${at} else rate_limits.window_started_at end,
      count = case when ${expired} then 1 else rate_limits.count + 1 end
    returning key, window_started_at, count`;
}

/** Removes counters whose window ended more than an hour ago. */
export async function purgeRateLimits(db: Db, now = new Date()): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, new Date(now.getTime() - 60 * 60_000)));
}
