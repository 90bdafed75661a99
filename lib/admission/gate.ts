// The waiting room's gate in PostgreSQL, so that every app instance lets residents in from one
// queue in arrival order. A token bucket refills at `ratePerSecond`; tokens go to waiting
// tickets first (lowest number first), and only when nobody is waiting to a new arrival.
// One short transaction on one row per decision that can admit someone; the pass cookie spares
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

export type GateDecision =
  | { admitted: true }
  | { admitted: false; ticket: number; ahead: number; waitSeconds: number };

interface GateRow {
  tokens: number;
  refilled_at: string | Date;
  serving: string | number;
  issued: string | number;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The bucket refilled up to `now`, and the waiting tickets its tokens serve. */
function project(row: GateRow, config: AdmissionConfig, now: Date) {
  const elapsed = Math.max(0, (now.getTime() - new Date(row.refilled_at).getTime()) / 1000);
  let tokens = Math.min(config.burst, row.tokens + elapsed * config.ratePerSecond);
  let serving = Number(row.serving);
  const issued = Number(row.issued);
  // Whoever waits is served first, in ticket order.
  const served = Math.min(Math.max(0, issued - serving), Math.floor(tokens));
  serving += served;
  tokens -= served;
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
  }
  return db.transaction(async (tx) => {
    let [row] = rowsOf<GateRow>(await tx.execute(sql`${selectGate} for update of g`));
    if (!row) {
      // The row is created on first use with a full bucket.
      await tx.execute(sql`insert into admission_gate (id, tokens, refilled_at, serving) values (1, ${config.burst}, ${now.toISOString()}::timestamptz, 0) on conflict (id) do nothing`);
      [row] = rowsOf<GateRow>(await tx.execute(sql`${selectGate} for update of g`));
    }
    const projected = project(row!, config, now);
    let tokens = projected.tokens;
    const { serving, issued } = projected;

    let decision: GateDecision;
    if (ticket !== null && ticket <= serving) {
      decision = { admitted: true };
    } else if (ticket === null && serving >= issued && tokens >= 1) {
      tokens -= 1;
      decision = { admitted: true };
    } else {
      decision = queued(config, ticket ?? (await newTicket(tx)), serving, tokens);
    }
    await tx.execute(sql`update admission_gate set tokens = ${tokens}, refilled_at = ${now.toISOString()}::timestamptz, serving = ${serving} where id = 1`);
    return decision;
  });
}
