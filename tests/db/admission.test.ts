/** @jest-environment node */
// The waiting room's gate: tokens at the configured rate, the queue in ticket order, several
// app instances (concurrent transactions) never letting in more than the bucket allows.
import { createTestDatabase, type TestDatabase } from "./harness";
import { passGate, separateGate } from "@/lib/admission/gate";
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
    // Twenty at once, three tokens: none goes straight in (more arrived than can go in); all queue by number.
    const many = await Promise.all(Array.from({ length: 20 }, () => passGate(t.db, config, null, at(0))));
    expect(many.filter((d) => d.admitted)).toHaveLength(0);
    const tickets = many.flatMap((d) => (d.admitted ? [] : [d.ticket])).sort((x, y) => x - y);
    expect(new Set(tickets).size).toBe(20);
    // The three tokens serve the three lowest numbers when they check again.
    const first = await Promise.all(tickets.map((ticket) => passGate(t.db, config, ticket, at(0))));
    expect(tickets.filter((_, i) => first[i]!.admitted)).toEqual(tickets.slice(0, 3));
    // Ten seconds bring 20 tokens, but waiting tickets catch up at most 4 s' worth (8) at once: the next eight go in.
    const later = await Promise.all(tickets.map((ticket) => passGate(t.db, config, ticket, at(10))));
    expect(tickets.filter((_, i) => later[i]!.admitted)).toEqual(tickets.slice(0, 11));
    // One second more, two more tokens: the next two in order.
    const after = await Promise.all(tickets.map((ticket) => passGate(t.db, config, ticket, at(11))));
    expect(tickets.filter((_, i) => after[i]!.admitted)).toEqual(tickets.slice(0, 13));
  });

  it("serves waiting tickets at the full rate when nobody checked for a few seconds, but lets in at most the burst of newcomers", async () => {
    // Two at a time while tokens last: both go in.
    expect(await Promise.all([passGate(t.db, config, null, at(0)), passGate(t.db, config, null, at(0))])).toEqual([{ admitted: true }, { admitted: true }]);
    const first = await Promise.all(Array.from({ length: 10 }, () => passGate(t.db, config, null, at(0))));
    expect(first.filter((d) => d.admitted)).toHaveLength(0);
    const tickets = first.flatMap((d) => (d.admitted ? [] : [d.ticket])).sort((x, y) => x - y);
    // Nobody checks for 3 s (their pages come back every few seconds): 1 + 6 tokens, all for the queue, none lost to the bucket's size.
    const back = await Promise.all(tickets.map((ticket) => passGate(t.db, config, ticket, at(3))));
    expect(tickets.filter((_, i) => back[i]!.admitted)).toEqual(tickets.slice(0, 7));
    // The rest go in, and the bucket then sits quiet for a minute: it holds the burst (3), not a minute's worth.
    await Promise.all(tickets.slice(7).map((ticket) => passGate(t.db, config, ticket, at(10))));
    const three = await Promise.all(Array.from({ length: 3 }, () => passGate(t.db, config, null, at(70))));
    expect(three.every((d) => d.admitted)).toBe(true);
    expect(await passGate(t.db, config, null, at(70))).toMatchObject({ admitted: false, ahead: 0 });
  });

  it("decides the arrivals this instance holds at the same moment with one statement, in arrival order", async () => {
    let statements = 0;
    const counted = new Proxy(t.db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== "execute") return value;
        return (...args: unknown[]) => {
          statements++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    await passGate(counted, config, null, at(0)); // creates the row
    statements = 0;
    const crowd = await Promise.all(Array.from({ length: 40 }, () => passGate(counted, config, null, at(0))));
    expect(statements).toBe(1);
    // Two tokens left for forty arrivals: none goes straight in; they queue in the order they came.
    const tickets = crowd.map((d) => (d.admitted ? null : d.ticket));
    expect(tickets).toEqual([...tickets].sort((x, y) => x! - y!));
    expect(new Set(tickets).size).toBe(40);
    expect(crowd.map((d) => (d.admitted ? null : d.ahead))).toEqual(Array.from({ length: 40 }, (_, i) => i));
    // Their pages check again: the two tokens go to the first two, in one statement again.
    statements = 0;
    const again = await Promise.all(tickets.map((ticket) => passGate(counted, config, ticket, at(0))));
    expect(statements).toBe(1);
    expect(again.map((d) => d.admitted)).toEqual([true, true, ...Array.from({ length: 38 }, () => false)]);
  });

  it("lets two instances deciding at the same moment in no more than the bucket holds, one queue between them", async () => {
    const one = separateGate(t.db, config);
    const two = separateGate(t.db, config);
    const all = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).pass(null, at(0))));
    expect(all.filter((d) => d.admitted)).toHaveLength(0);
    const tickets = all.flatMap((d) => (d.admitted ? [] : [d.ticket])).sort((x, y) => x - y);
    expect(tickets).toEqual(Array.from({ length: 30 }, (_, i) => tickets[0]! + i));
    // The three tokens and one second's two: the five lowest tickets go in, whichever instance asks.
    const later = await Promise.all(tickets.map((ticket, i) => (i % 2 ? two : one).pass(ticket, at(1))));
    expect(tickets.filter((_, i) => later[i]!.admitted)).toEqual(tickets.slice(0, 5));
    // Two instances, two arrivals each while tokens remain: in one moment no more than the bucket's three go in.
    await t.reset();
    const pairs = await Promise.all([one.pass(null, at(0)), one.pass(null, at(0)), two.pass(null, at(0)), two.pass(null, at(0))]);
    expect(pairs.filter((d) => d.admitted)).toHaveLength(2);
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
