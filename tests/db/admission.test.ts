/** @jest-environment node */
// The waiting room's gate: tokens at the configured rate, the queue in ticket order, several
// app instances (concurrent transactions) never letting in more than the bucket allows.
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./harness";
import { passGate } from "@/lib/admission/gate";
import type { AdmissionConfig } from "@/lib/admission/config";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

const config: AdmissionConfig = { enabled: true, ratePerSecond: 2, burst: 3, passMs: 60_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1) + seconds * 1000);

describe("admission gate", () => {
  it("lets a burst in, then queues arrivals and serves them in ticket order as tokens refill", async () => {
    const first = await Promise.all([0, 1, 2].map(() => passGate(t.db, config, null, at(0))));
    expect(first.every((d) => d.admitted)).toBe(true);

    const a = await passGate(t.db, config, null, at(0));
    const b = await passGate(t.db, config, null, at(0));
    expect(a).toMatchObject({ admitted: false, ahead: 0 });
    expect(b).toMatchObject({ admitted: false, ahead: 1 });
    if (a.admitted || b.admitted) throw new Error("unreachable");
    expect(b.ticket).toBe(a.ticket + 1);

    // Half a second later one token has come: it goes to a, not to b and not to a newcomer.
    expect(await passGate(t.db, config, b.ticket, at(0.5))).toMatchObject({ admitted: false, ahead: 0 });
    const newcomer = await passGate(t.db, config, null, at(0.5));
    expect(newcomer).toMatchObject({ admitted: false, ahead: 1 });
    expect(await passGate(t.db, config, a.ticket, at(0.5))).toEqual({ admitted: true });

    // One more second: two tokens, for b and then the newcomer.
    expect(await passGate(t.db, config, b.ticket, at(1.5))).toEqual({ admitted: true });
    if (newcomer.admitted) throw new Error("unreachable");
    expect(await passGate(t.db, config, newcomer.ticket, at(1.5))).toEqual({ admitted: true });
  });

  it("never admits more than the bucket holds, whatever the concurrency", async () => {
    const many = await Promise.all(Array.from({ length: 20 }, () => passGate(t.db, config, null, at(0))));
    expect(many.filter((d) => d.admitted)).toHaveLength(3);
    const tickets = many.flatMap((d) => (d.admitted ? [] : [d.ticket])).sort((x, y) => x - y);
    expect(new Set(tickets).size).toBe(17);
    // Ten seconds bring 20 tokens, but waiting tickets catch up at most 4 s' worth (8) at once: the eight lowest go in.
    const later = await Promise.all(tickets.map((ticket) => passGate(t.db, config, ticket, at(10))));
    expect(tickets.filter((_, i) => later[i]!.admitted)).toEqual(tickets.slice(0, 8));
    // One second more, two more tokens: the next two in order.
    const after = await Promise.all(tickets.map((ticket) => passGate(t.db, config, ticket, at(11))));
    expect(tickets.filter((_, i) => after[i]!.admitted)).toEqual(tickets.slice(0, 10));
  });

  it("serves waiting tickets at the full rate when nobody checked for a few seconds, but lets in at most the burst of newcomers", async () => {
    const first = await Promise.all(Array.from({ length: 12 }, () => passGate(t.db, config, null, at(0))));
    expect(first.filter((d) => d.admitted)).toHaveLength(3);
    const tickets = first.flatMap((d) => (d.admitted ? [] : [d.ticket])).sort((x, y) => x - y);
    // Nobody checks for 3 s (their pages come back every few seconds): 6 tokens, all for the queue, none lost to the bucket's size.
    const back = await Promise.all(tickets.map((ticket) => passGate(t.db, config, ticket, at(3))));
    expect(tickets.filter((_, i) => back[i]!.admitted)).toEqual(tickets.slice(0, 6));
    // The rest go in, and the bucket then sits quiet for a minute: it holds the burst (3), not a minute's worth.
    await Promise.all(tickets.slice(6).map((ticket) => passGate(t.db, config, ticket, at(10))));
    const crowd = await Promise.all(Array.from({ length: 10 }, () => passGate(t.db, config, null, at(70))));
    expect(crowd.filter((d) => d.admitted)).toHaveLength(3);
  });

  it("answers a ticket far from the front and a newcomer behind a queue without writing the gate row", async () => {
    await Promise.all(Array.from({ length: 8 }, () => passGate(t.db, config, null, at(0))));
    const gateRow = async () => JSON.stringify(await t.db.execute(sql`select tokens, refilled_at, serving from admission_gate`));
    const before = await gateRow();
    const last = await passGate(t.db, config, null, at(0.5));
    expect(last).toMatchObject({ admitted: false, ahead: 4 });
    if (last.admitted) throw new Error("unreachable");
    // Half a second brings one token, for ticket 1: tickets 2–5 are still ahead of the newcomer (6).
    expect(await passGate(t.db, config, last.ticket, at(0.5))).toMatchObject({ admitted: false, ahead: 4 });
    expect(await gateRow()).toBe(before);
  });

  it("does not count the same seconds twice when a request that arrived earlier reaches the gate later", async () => {
    await Promise.all([0, 1, 2].map(() => passGate(t.db, config, null, at(0))));
    // At 1 s two tokens have come: one for this arrival, one left.
    expect(await passGate(t.db, config, null, at(1))).toEqual({ admitted: true });
    // A request that arrived at 0.5 s but was delayed (a busy server) takes the one left.
    expect(await passGate(t.db, config, null, at(0.5))).toEqual({ admitted: true });
    // 0.2 s after the last refill (1 s) there is not a whole token yet; counting from 0.5 s there would be.
    expect(await passGate(t.db, config, null, at(1.2))).toMatchObject({ admitted: false });
  });

  it("queues nobody when arrivals stay under the rate", async () => {
    for (let i = 0; i < 10; i++) expect(await passGate(t.db, config, null, at(i))).toEqual({ admitted: true });
  });
});
