/** @jest-environment node */
// One-time keys: the same confirmation submitted many times at once books once, and every
// submission gets the first attempt's result; a refusal is kept too, and a new form (new key) may try again.
import { eq } from "drizzle-orm";
import { idempotencyKeys, reservations, slots } from "@/db/schema";
import { bookOnce, newIdempotencyKey } from "@/lib/booking/idempotency";
import { createTestDatabase, type TestDatabase } from "./harness";
import { createSlot, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
  await setupMunicipality(t.db);
});

// As the booking form's 確定 does (app/(resident)/book/[slotId]/booking-step.ts).
function book(key: string, voucherId: number, slotId: number) {
  return bookOnce(t.db, key, { voucherId, slotId, actor: { kind: "resident", voucherId, channel: "web" }, channel: "web", now: NOW });
}

describe("bookOnce", () => {
  it("books once for eight simultaneous submissions of one form, and all see the same reservation", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 5 });
    const voucher = await createVoucher(t.db);
    const key = newIdempotencyKey();
    const results = await Promise.all(Array.from({ length: 8 }, () => book(key, voucher.id, slot.id)));
    const outcomes = results.map((r) => ("conflict" in r ? null : r.outcome));
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(new Set(outcomes.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(results.filter((r) => !("conflict" in r) && !r.repeated)).toHaveLength(1);
    expect(await t.db.select().from(reservations).where(eq(reservations.voucherId, voucher.id))).toHaveLength(1);
    const [row] = await t.db.select({ booked: slots.bookedCount }).from(slots).where(eq(slots.id, slot.id));
    expect(row!.booked).toBe(1);
  });

  it("keeps a refusal as the outcome of its key, and a new key may try again", async () => {
    const venue = await createVenue(t.db);
    const full = await createSlot(t.db, { venueId: venue.id, capacity: 0 });
    const open = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30" });
    const voucher = await createVoucher(t.db);
    const key = newIdempotencyKey();
    const first = await book(key, voucher.id, full.id);
    expect(first).toMatchObject({ outcome: { ok: false, code: "slot_full" }, repeated: false });
    expect(await book(key, voucher.id, open.id)).toMatchObject({ outcome: { ok: false }, repeated: true });
    expect(await book(newIdempotencyKey(), voucher.id, open.id)).toMatchObject({ outcome: { ok: true } });
  });

  it("keeps no key for a booking refused before the voucher was read, so a repeat is refused the same way", async () => {
    const voucher = await createVoucher(t.db);
    const key = newIdempotencyKey();
    const first = await book(key, voucher.id, 999_999);
    expect(first).toMatchObject({ outcome: { ok: false, code: "slot_not_found" }, repeated: false });
    expect(await book(key, voucher.id, 999_999)).toEqual(first);
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(0);
  });

  it("refuses a key presented by another voucher", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const a = await createVoucher(t.db);
    const b = await createVoucher(t.db);
    const key = newIdempotencyKey();
    await book(key, a.id, slot.id);
    expect(await book(key, b.id, slot.id)).toEqual({ conflict: true });
    expect(await t.db.select().from(reservations).where(eq(reservations.voucherId, b.id))).toHaveLength(0);
  });
});
