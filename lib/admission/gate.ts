// The waiting room's gate in PostgreSQL, so that every app instance lets residents in from one
// queue in arrival order. A token bucket refills at `ratePerSecond`; tokens go to waiting
// tickets first (lowest number first), and only when nobody is waiting to a new arrival.
// One short transaction on one row per decision; the pass cookie spares every later request.
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

/**
 * Decides for a resident arriving without a pass: `ticket` is theirs if they are already in the
 * queue (from their ticket cookie), else null for a new arrival.
 */
export async function passGate(db: Db, config: AdmissionConfig, ticket: number | null, now = new Date()): Promise<GateDecision> {
  return db.transaction(async (tx) => {
    // The row is created on first use with a full bucket.
    await tx.execute(sql`insert into admission_gate (id, tokens, refilled_at, serving) values (1, ${config.burst}, ${now.toISOString()}::timestamptz, 0) on conflict (id) do nothing`);
    const [row] = rowsOf<GateRow>(
      await tx.execute(sql`select g.tokens, g.refilled_at, g.serving,
          (select case when is_called then last_value else 0 end from admission_ticket_seq) as issued
        from admission_gate g where g.id = 1 for update`),
    );
    const elapsed = Math.max(0, (now.getTime() - new Date(row!.refilled_at).getTime()) / 1000);
    let tokens = Math.min(config.burst, row!.tokens + elapsed * config.ratePerSecond);
    let serving = Number(row!.serving);
    const issued = Number(row!.issued);
    // Whoever waits is served first, in ticket order.
    const waiting = Math.max(0, issued - serving);
    const served = Math.min(waiting, Math.floor(tokens));
    serving += served;
    tokens -= served;

    let decision: GateDecision;
    if (ticket !== null && ticket <= serving) {
      decision = { admitted: true };
    } else if (ticket === null && serving >= issued && tokens >= 1) {
      tokens -= 1;
      decision = { admitted: true };
    } else {
      let mine = ticket;
      if (mine === null) {
        const [next] = rowsOf<{ n: string | number }>(await tx.execute(sql`select nextval('admission_ticket_seq') as n`));
        mine = Number(next!.n);
      }
      const ahead = Math.max(0, mine - serving - 1);
      decision = { admitted: false, ticket: mine, ahead, waitSeconds: Math.max(1, Math.ceil((ahead + 1 - tokens) / config.ratePerSecond)) };
    }
    await tx.execute(sql`update admission_gate set tokens = ${tokens}, refilled_at = ${now.toISOString()}::timestamptz, serving = ${serving} where id = 1`);
    return decision;
  });
}
