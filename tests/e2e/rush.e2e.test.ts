/** @jest-environment node */
// The booking rush at small scale, as CI runs it (not timed): the harness of bench/rush on a
// database of its own — never the demo's —, 60 residents at once on 3 slots with fewer seats
// than residents, through a waiting room slow enough that some really queue, and a few
// residents pressing 確定 twice at once with the same one-time key. Then the invariants, in
// the database. With E2E_DATABASE_URL (CI): a fresh database on that PostgreSQL server and two
// app instances; without it: a fresh PGlite directory and one instance.
// scripts/e2e.ts has built .next already.
import path from "node:path";
import {
  actionIds,
  BENCH_SECRET,
  bookingThroughput,
  checkInvariants,
  driveResidents,
  freshPgliteDir,
  freshPostgresDatabase,
  seedRush,
  startInstances,
  type Invariants,
  type RushRun,
  type RushSeed,
} from "@/bench/rush/rush";

const RESIDENTS = 60;
const SLOTS = 3;
const CAPACITY = 12; // 36 seats for 60 residents
const DOUBLE_SUBMITTERS = 5;
// Then the booking step alone (bench/rush's throughput phase): 30 residents already let in press 確定 8 at a time, on 3 slots of 8 seats.
const ALONE = 30;
// 5 per second with a burst of 5: about 5 go straight in, most of the others wait (up to ~11 s),
// also on a slow machine where the arrivals spread over a few seconds.
const ADMISSION_RATE = 5;
const ADMISSION_BURST = 5;

const postgresUrl = process.env.E2E_DATABASE_URL;
let drop: () => Promise<void> = async () => {};
let seed: RushSeed;
let run: RushRun;
let invariants: Invariants;
let alone: Awaited<ReturnType<typeof bookingThroughput>>;
let aloneInvariants: Invariants;

beforeAll(async () => {
  const fresh = postgresUrl ? await freshPostgresDatabase(postgresUrl) : freshPgliteDir();
  drop = fresh.drop;
  seed = await seedRush(fresh.target, { residents: RESIDENTS, slots: SLOTS, capacity: CAPACITY, throughput: ALONE });
  const root = path.resolve(__dirname, "../..");
  const instances = await startInstances(fresh.target, { instances: postgresUrl ? 2 : 1, root, admissionRate: ADMISSION_RATE, admissionBurst: ADMISSION_BURST, poolMax: 5 });
  try {
    run = await driveResidents(instances.bases, actionIds(root), seed, { doubleSubmitters: DOUBLE_SUBMITTERS });
    alone = await bookingThroughput(instances.bases, actionIds(root), seed, BENCH_SECRET, 8);
  } finally {
    // PGlite: the directory is ours to read only once the server has let go of it.
    await instances.stop();
  }
  invariants = await checkInvariants(fresh.target, seed, run);
  aloneInvariants = await checkInvariants(fresh.target, { ...seed, slotIds: seed.throughput!.slotIds }, { residents: [], seconds: alone.seconds, samples: [] });
  const count = (result: string) => run.residents.filter((r) => r.outcome.result === result).length;
  console.log(
    `rush on ${fresh.target.kind}: ${RESIDENTS} residents in ${run.seconds.toFixed(1)} s, booked ${count("booked")}, refused ${count("refused")}, ` +
      `failed ${count("failed")}, waited ${run.residents.filter((r) => r.waitedMs > 0).length}; seats taken ${invariants.slots.map((s) => `${s.bookedCount}/${s.capacity}`).join(", ")}`,
  );
}, 150_000);

afterAll(async () => {
  await drop();
});

it("answers every request without a 5xx, and every resident gets booked or refused", () => {
  const failedRequests = run.samples.filter((s) => s.status >= 500 || s.status === 0);
  expect(failedRequests).toEqual([]);
  const failed = run.residents.filter((r) => r.outcome.result === "failed").map((r) => ({ voucher: r.voucherNumber, outcome: r.outcome }));
  expect(failed).toEqual([]);
  const booked = run.residents.filter((r) => r.outcome.result === "booked").length;
  const refused = run.residents.filter((r) => r.outcome.result === "refused").length;
  expect(booked + refused).toBe(RESIDENTS);
  // More residents than seats: some are refused, and every seat that could be taken was
  // (a slot refuses only when full; a slot nobody chose stays partly empty).
  expect(booked).toBeGreaterThan(0);
  expect(booked).toBeLessThanOrEqual(SLOTS * CAPACITY);
  expect(refused).toBeGreaterThanOrEqual(RESIDENTS - SLOTS * CAPACITY);
  expect(run.residents.every((r) => r.attempts === 1)).toBe(true);
});

it("queued some residents in the waiting room", () => {
  const waited = run.residents.filter((r) => r.waitedMs > 0).length;
  expect(waited).toBeGreaterThan(0);
  expect(run.samples.some((s) => s.kind === "waiting" && s.status === 200)).toBe(true);
});

it("refuses the residents who lost the race with a clear Japanese message", () => {
  for (const r of run.residents) {
    if (r.outcome.result === "refused") expect(r.outcome.message).toMatch(/[ぁ-んァ-ン一-龥]/);
  }
  expect(run.residents.some((r) => r.outcome.result === "refused" && /満|空き/.test(r.outcome.message))).toBe(true);
});

it("never overbooks a slot, and every slot's count equals its reservations", () => {
  expect(invariants.slots).toHaveLength(SLOTS);
  for (const slot of invariants.slots) {
    expect(slot.bookedCount).toBeLessThanOrEqual(slot.capacity);
    expect(slot.bookedCount).toBe(slot.seated);
  }
  expect(invariants.overCapacity).toBe(0);
  expect(invariants.miscounted).toBe(0);
  const booked = run.residents.filter((r) => r.outcome.result === "booked").length;
  expect(invariants.slots.reduce((n, s) => n + s.bookedCount, 0)).toBe(booked);
  expect(invariants.reservations).toBe(booked);
});

it("never gives a voucher two active reservations; told booked = exactly that reservation, told refused = none", () => {
  expect(invariants.doubleBooked).toBe(0);
  expect(invariants.bookedNotInDatabase).toEqual([]);
  expect(invariants.notBookedButReserved).toEqual([]);
  expect(invariants.unaudited).toBe(0);
});

it("books once for a double 確定 with the same one-time key: both presses get the same answer", () => {
  const doubles = run.residents.filter((r) => r.doubleAnswers);
  expect(doubles.length).toBe(DOUBLE_SUBMITTERS);
  for (const r of doubles) {
    const [a, b] = r.doubleAnswers!;
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.redirect).toBe(b.redirect);
    if (!a.redirect) expect(a.message).toBe(b.message);
  }
});

it("books through the booking step alone without a 5xx or an overbooked slot: seats taken = residents told booked", () => {
  expect(alone.attempts).toBe(ALONE);
  expect(alone.samples.filter((x) => x.status >= 500 || x.status === 0)).toEqual([]);
  const seats = aloneInvariants.slots.reduce((n, x) => n + x.capacity, 0);
  expect(alone.booked).toBe(Math.min(ALONE, seats));
  expect(alone.booked + alone.refused).toBe(ALONE);
  expect(aloneInvariants.slots.reduce((n, x) => n + x.bookedCount, 0)).toBe(alone.booked);
  expect(aloneInvariants.overCapacity).toBe(0);
  expect(aloneInvariants.miscounted).toBe(0);
  expect(aloneInvariants.doubleBooked).toBe(0);
  expect(aloneInvariants.unaudited).toBe(0);
});
