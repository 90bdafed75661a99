// The waiting room's gate in PostgreSQL, so that every app instance lets residents in from one
// queue in arrival order. A token bucket refills at `ratePerSecond`; tokens go to waiting
// tickets first (lowest number first), and only when nobody is waiting to a new arrival.
// One statement on one row per decision that can admit someone; the pass cookie spares
// every later request.
//
// Under a rush most visits cannot admit anyone: a ticket far from the front, or a newcomer
// while others wait. Those are answered from an unlocked read of the row (and, for a newcomer,
// a ticket from the sequence), so polling visitors do not queue on the row lock of the few who
// are being let in. The state only moves forward in the locked transaction, and only by ticket
// order, so the unlocked answers cannot change who goes in first.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AdmissionConfig } from "./config";
import { rowsOf } from "@/db/rows";

export type GateDecision =
  | { admitted: true }
  | { admitted: false; ticket: number; ahead: number; waitSeconds: number };

interface GateRow {
  tokens: number;
  refilled_at: string | Date;
  serving: string | number;
  issued: string | number;
}

/**
 * Waiting tickets are served at the full rate even when nobody checked for a few seconds (the
 * queued pages come back every few seconds): up to this many seconds' worth of tokens at once.
 * Newcomers while nobody waits get at most `burst` (default: one second's worth), so a quiet
 * bucket does not let a crowd in at the same moment.
 */
export const CATCH_UP_SECONDS = 4;

export function catchUpTokens(config: AdmissionConfig): number {
  return Math.max(config.burst, CATCH_UP_SECONDS * config.ratePerSecond);
}

/** The bucket refilled up to `now`, and the waiting tickets its tokens serve. */
function project(row: GateRow, config: AdmissionConfig, now: Date) {
  const elapsed = Math.max(0, (now.getTime() - new Date(row.refilled_at).getTime()) / 1000);
  let tokens = Math.min(catchUpTokens(config), row.tokens + elapsed * config.ratePerSecond);
  let serving = Number(row.serving);
  const issued = Number(row.issued);
  // Whoever waits is served first, in ticket order.
  const served = Math.min(Math.max(0, issued - serving), Math.floor(tokens));
  serving += served;
  tokens = Math.min(config.burst, tokens - served);
  return { tokens, serving, issued };
}

function queued(config: AdmissionConfig, ticket: number, serving: number, tokens: number): GateDecision {
  const ahead = Math.max(0, ticket - serving - 1);
  return { admitted: false, ticket, ahead, waitSeconds: Math.max(1, Math.ceil((ahead + 1 - tokens) / config.ratePerSecond)) };
}

const selectGate = sql`select g.tokens, g.refilled_at, g.serving,
    (select case when is_called then last_value else 0 end from admission_ticket_seq) as issued
  from admission_gate g where g.id = 1`;

async function newTicket(db: Db): Promise<number> {
  const [next] = rowsOf<{ n: string | number }>(await db.execute(sql`select nextval('admission_ticket_seq') as n`));
  return Number(next!.n);
}

/**
 * The locked decision as ONE statement: lock the row, refill the bucket, serve waiting tickets,
 * admit `ticket` (or a newcomer) and write the row back, all inside PostgreSQL. The row lock is
 * held for the statement's microseconds, not for the round trips of a transaction between a busy
 * Node process and the database: under a rush, hundreds of arrivals at once queue on this lock.
 * In READ COMMITTED the CTE's FOR UPDATE waits for a concurrent decision and then reads the row
 * as that one left it, so every decision builds on the previous one.
 * `now` is when the request arrived; under load a request can reach the row after a later one
 * did. The refill time never moves backwards (otherwise the next decision would count the same
 * seconds twice and let in more than the rate).
 */
function decide(config: AdmissionConfig, ticket: number | null, now: Date) {
  const at = now.toISOString();
  return sql`with g as (
      select tokens::float8 as tokens, refilled_at, serving::bigint as serving,
        (select case when is_called then last_value else 0 end from admission_ticket_seq)::bigint as issued
      from admission_gate where id = 1 for update
    ), r as (
      select least(${catchUpTokens(config)}::float8,
          g.tokens + greatest(0, extract(epoch from (${at}::timestamptz - g.refilled_at))::float8) * ${config.ratePerSecond}::float8) as tokens,
        g.serving, g.issued, g.refilled_at
      from g
    ), s as (
      select least(${config.burst}::float8, r.tokens - least(greatest(0, r.issued - r.serving), floor(r.tokens)::bigint)) as tokens,
        r.serving + least(greatest(0, r.issued - r.serving), floor(r.tokens)::bigint) as serving, r.issued, r.refilled_at
      from r
    ), d as (
      select s.tokens, s.serving, s.issued, s.refilled_at,
        case when ${ticket}::bigint is not null then ${ticket}::bigint <= s.serving
             else s.serving >= s.issued and s.tokens >= 1 end as admitted
      from s
    )
    update admission_gate a set
      tokens = case when d.admitted and ${ticket}::bigint is null then d.tokens - 1 else d.tokens end,
      refilled_at = greatest(d.refilled_at, ${at}::timestamptz),
      serving = d.serving
    from d where a.id = 1
    returning d.admitted, a.tokens, a.serving,
      case when not d.admitted and ${ticket}::bigint is null then nextval('admission_ticket_seq') end as ticket`;
}

/**
 * Decides for a resident arriving without a pass: `ticket` is theirs if they are already in the
 * queue (from their ticket cookie), else null for a new arrival.
 */
export async function passGate(db: Db, config: AdmissionConfig, ticket: number | null, now = new Date()): Promise<GateDecision> {
  // Without the lock: a projection that is at most as far along as the locked state will be.
  const [seen] = rowsOf<GateRow>(await db.execute(selectGate));
  if (seen) {
    const p = project(seen, config, now);
    if (ticket !== null && ticket > p.serving) return queued(config, ticket, p.serving, p.tokens);
    if (ticket === null && p.issued > p.serving) return queued(config, await newTicket(db), p.serving, p.tokens);
  } else {
    // The row is created on first use with a full bucket.
    await db.execute(sql`insert into admission_gate (id, tokens, refilled_at, serving) values (1, ${config.burst}, ${now.toISOString()}::timestamptz, 0) on conflict (id) do nothing`);
  }
  const [row] = rowsOf<{ admitted: boolean; tokens: number; serving: string | number; ticket: string | number | null }>(await db.execute(decide(config, ticket, now)));
  if (row!.admitted) return { admitted: true };
  // A newcomer who cannot go in yet got the next number in the same statement.
  return queued(config, ticket ?? Number(row!.ticket), Number(row!.serving), Number(row!.tokens));
}

/**
 * When a queued resident's page checks again (its meta refresh and Retry-After), in whole seconds:
 * about a quarter of the expected wait, at least 2 and at most 30, spread by ±25% at random.
 * Without the spread, the hundreds who arrived in the same second would come back in the same
 * second too, cohort after cohort, and those let in would start their visits all at once.
 */
export function retryAfterSeconds(waitSeconds: number, random: () => number = Math.random): number {
  const spread = 0.75 + random() * 0.5;
  return Math.min(30, Math.max(2, Math.round((waitSeconds / 4) * spread)));
}
