// The waiting room's gate in PostgreSQL, so that every app instance lets residents in from one
// queue in arrival order. A token bucket refills at `ratePerSecond`; tokens go to waiting
// tickets first (lowest number first), and only when nobody is waiting to a new arrival.
// One statement on one row decides; the pass cookie spares every later request.
//
// Each app instance decides for all the arrivals it holds at that moment in ONE statement
// (group commit): when booking opens, hundreds of residents arrive in the same second, and one
// statement per arrival cost each of them a round trip's CPU in the app (two socket writes and
// their answers, ~1 ms of the ~4 ms a first answer cost) and queued them on the row's lock one
// by one. Now at most one statement per instance is in flight; the arrivals meanwhile wait for
// the next one, in arrival order.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AdmissionConfig } from "./config";
import { rowsOf } from "@/db/rows";

export type GateDecision =
  | { admitted: true }
  | { admitted: false; ticket: number; ahead: number; waitSeconds: number };

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

function queued(config: AdmissionConfig, ticket: number, serving: number, tokens: number): GateDecision {
  const ahead = Math.max(0, ticket - serving - 1);
  return { admitted: false, ticket, ahead, waitSeconds: Math.max(1, Math.ceil((ahead + 1 - tokens) / config.ratePerSecond)) };
}

interface BatchRow {
  /** All the batch's newcomers, or 0: a crowd queues by number. */
  let_in: number;
  tokens: number;
  serving: string | number;
  /** The numbers drawn for the newcomers who queue, in order (bigint: strings from postgres.js). */
  tickets: (string | number)[];
}

/**
 * The decision for a batch as ONE statement: lock the row, refill the bucket up to `now`, serve
 * waiting tickets in order, let the `newcomers` in if nobody is left waiting and there is a token
 * for each of them, otherwise give each of them the next number, and write the row back, all inside
 * PostgreSQL: the row lock is held for the statement's microseconds. In READ COMMITTED the
 * CTE's FOR UPDATE waits for another instance's decision and then reads the row as that one left
 * it, so every decision builds on the previous one; every ticket is drawn under the lock.
 * The refill time never moves backwards: a batch whose arrivals reached the row after a later
 * batch did must not count the same seconds twice (it would let in more than the rate).
 * No row (a new database): nothing is returned and the caller creates it.
 *
 * More arrivals at once than tokens: none of them goes straight in, all queue by number and the
 * tokens serve the lowest numbers when their pages check again (two seconds or more later).
 * Letting the first few in at once would render their pages, and then the rest of their visits,
 * in the same second as the crowd's queue pages (about 25 ms of CPU per page against 2 ms per
 * queue answer: measured with bench/rush/burst.ts, docs/rush.md), which made the whole crowd
 * wait for its place in line; a second or two later they have the server to themselves.
 */
function decide(config: AdmissionConfig, newcomers: number, now: Date) {
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
      select s.tokens, s.serving, s.refilled_at,
        case when s.serving >= s.issued and ${newcomers}::int <= floor(s.tokens) then ${newcomers}::int else 0 end as let_in
      from s
    ), u as (
      update admission_gate a set
        tokens = d.tokens - d.let_in,
        refilled_at = greatest(d.refilled_at, ${at}::timestamptz),
        serving = d.serving
      from d where a.id = 1
      returning d.let_in, a.tokens, a.serving
    ), t as (
      select nextval('admission_ticket_seq') as ticket from u, generate_series(1, ${newcomers}::int - u.let_in)
    )
    select u.let_in, u.tokens, u.serving, array(select ticket from t order by ticket) as tickets from u`;
}

/**
 * How long the first arrival at an idle gate waits for others to share its statement. When booking
 * opens, an instance takes in the crowd's connections over the first few hundred milliseconds;
 * deciding for the first arrivals at once (the next turn of the event loop) split the crowd into
 * many small batches and let the first few straight in. Measured with bench/rush/run.ts, 256
 * arrivals at once (docs/rush.md, session 18): p99 over all requests 451–904 ms (median 565) with
 * 20 ms against 647–996 ms (median 722) without. A quiet arrival's first page waits 20 ms more.
 */
export const BATCH_WINDOW_MS = 20;

interface Arrival {
  /** Theirs if they already hold a place in the queue (the ticket cookie), else null: a newcomer. */
  ticket: number | null;
  now: Date;
  resolve: (decision: GateDecision) => void;
  reject: (error: unknown) => void;
}

/** One instance's gate on one database: the arrivals held now, decided together by the next statement. */
class GateBatch {
  private arrivals: Arrival[] = [];
  private busy = false;

  constructor(
    private readonly db: Db,
    private readonly config: AdmissionConfig,
  ) {}

  pass(ticket: number | null, now: Date): Promise<GateDecision> {
    return new Promise((resolve, reject) => {
      this.arrivals.push({ ticket, now, resolve, reject });
      if (this.busy) return;
      this.busy = true;
      setTimeout(() => void this.drain(), BATCH_WINDOW_MS);
    });
  }

  private async drain(): Promise<void> {
    while (this.arrivals.length > 0) {
      const batch = this.arrivals;
      this.arrivals = [];
      try {
        this.settle(batch, await this.decideFor(batch));
      } catch (e) {
        for (const a of batch) a.reject(e);
      }
    }
    this.busy = false;
  }

  private async decideFor(batch: Arrival[]): Promise<BatchRow> {
    const newcomers = batch.filter((a) => a.ticket === null).length;
    // The latest arrival's time: the batch is decided no earlier than its last member arrived.
    const now = new Date(Math.max(...batch.map((a) => a.now.getTime())));
    for (;;) {
      const [row] = rowsOf<BatchRow>(await this.db.execute(decide(this.config, newcomers, now)));
      if (row) return row;
      // The row is created on first use with a full bucket.
      await this.db.execute(sql`insert into admission_gate (id, tokens, refilled_at, serving) values (1, ${this.config.burst}, ${now.toISOString()}::timestamptz, 0) on conflict (id) do nothing`);
    }
  }

  private settle(batch: Arrival[], row: BatchRow): void {
    const serving = Number(row.serving);
    const tokens = Number(row.tokens);
    const newcomersIn = Number(row.let_in) > 0;
    // Newcomers who queue take the numbers in arrival order.
    const tickets = row.tickets.map(Number).values();
    for (const a of batch) {
      if (a.ticket !== null) {
        a.resolve(a.ticket <= serving ? { admitted: true } : queued(this.config, a.ticket, serving, tokens));
      } else if (newcomersIn) {
        a.resolve({ admitted: true });
      } else {
        const ticket = tickets.next();
        if (ticket.done) a.reject(new Error("the gate drew fewer tickets than it had newcomers"));
        else a.resolve(queued(this.config, ticket.value, serving, tokens));
      }
    }
  }
}

const gates = new WeakMap<Db, Map<string, GateBatch>>();

/** This process's gate on `db` for `config` (one per database and settings: tests use several). */
function gateFor(db: Db, config: AdmissionConfig): GateBatch {
  let byConfig = gates.get(db);
  if (!byConfig) gates.set(db, (byConfig = new Map()));
  const key = `${config.ratePerSecond}/${config.burst}`;
  let gate = byConfig.get(key);
  if (!gate) byConfig.set(key, (gate = new GateBatch(db, config)));
  return gate;
}

/**
 * Decides for a resident arriving without a pass: `ticket` is theirs if they are already in the
 * queue (from their ticket cookie), else null for a new arrival. Arrivals at the same moment in
 * this process are decided by one statement.
 */
export function passGate(db: Db, config: AdmissionConfig, ticket: number | null, now = new Date()): Promise<GateDecision> {
  return gateFor(db, config).pass(ticket, now);
}

/** Another app instance's gate on the same database (tests: two instances deciding at once). */
export function separateGate(db: Db, config: AdmissionConfig): { pass: (ticket: number | null, now?: Date) => Promise<GateDecision> } {
  const gate = new GateBatch(db, config);
  return { pass: (ticket, now = new Date()) => gate.pass(ticket, now) };
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
