/** @jest-environment node */
// Attempt-rate limits on login and booking, shared by all app instances through PostgreSQL.
import { verifyVoucherCredentials } from "@/lib/auth/resident-login";
import { eq } from "drizzle-orm";
import { rateLimits, slots as slotsTable } from "@/db/schema";
import { bookOnce, newIdempotencyKey } from "@/lib/booking/idempotency";
import { bookingChecks, RESIDENT_RATE_RULES } from "@/lib/rush/limits";
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

const noSleep = async () => {};

describe("resident rate limits", () => {
  it("stops the 11th login attempt on one voucher within a minute, even with the right birth date", async () => {
    const voucher = await createVoucher(t.db);
    const attempt = (clientKey: string, at: Date) =>
      verifyVoucherCredentials(t.db, { voucherNumber: voucher.voucherNumber, birthDate: voucher.birthDate, clientKey, channel: "web", now: at, sleep: noSleep });
    for (let i = 0; i < RESIDENT_RATE_RULES.loginPerVoucher.limit; i++) {
      expect(await attempt(`10.0.0.${i}`, NOW)).toMatchObject({ ok: true });
    }
    expect(await attempt("10.0.1.1", NOW)).toMatchObject({ ok: false, code: "rate_limited", params: { seconds: 60 } });
    // A minute later the window has passed.
    expect(await attempt("10.0.1.1", new Date(NOW.getTime() + 60_000))).toMatchObject({ ok: true });
  });

  it("limits logins per address across vouchers", async () => {
    const results = [];
    for (let i = 0; i <= RESIDENT_RATE_RULES.loginPerAddress.limit; i++) {
      results.push(await verifyVoucherCredentials(t.db, { voucherNumber: String(1000000000 + i), birthDate: "1960-01-01", clientKey: "203.0.113.9", channel: "web", now: NOW, sleep: noSleep }));
    }
    expect(results.at(-1)).toMatchObject({ code: "rate_limited" });
    expect(results.slice(0, -1).some((r) => !r.ok && r.code === "rate_limited")).toBe(false);
  });

  // 確定 counts its limits in the statement that locks the voucher (lib/booking/book.ts lockVoucherWithSlot).
  function confirm(voucherId: number, slotId: number, address: string, at = NOW) {
    return bookOnce(t.db, newIdempotencyKey(), {
      voucherId,
      slotId,
      actor: { kind: "resident", voucherId, channel: "web" },
      channel: "web",
      now: at,
      rateLimits: bookingChecks(address, voucherId),
    });
  }

  it("limits 確定 per voucher: the 21st press within a minute is refused before anything is read, another voucher goes on", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 5 });
    const [voucher, other] = [await createVoucher(t.db), await createVoucher(t.db)];
    const first = await confirm(voucher.id, slot.id, "198.51.100.1");
    expect(first).toMatchObject({ outcome: { ok: true }, repeated: false });
    // Presses after the booking are refused (one active reservation) but still counted.
    for (let i = 1; i < RESIDENT_RATE_RULES.bookingPerVoucher.limit; i++) {
      expect(await confirm(voucher.id, slot.id, "198.51.100.1")).toMatchObject({ outcome: { ok: false, code: "active_reservation" } });
    }
    expect(await confirm(voucher.id, slot.id, "198.51.100.2")).toEqual({
      outcome: { ok: false, code: "rate_limited", reason: expect.stringContaining("60秒"), params: { seconds: 60 } },
      repeated: false,
    });
    expect(await confirm(other.id, slot.id, "198.51.100.2")).toMatchObject({ outcome: { ok: true } });
    // The counters were kept although the refused transaction booked nothing; a minute later the window has passed.
    const [counter] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, `booking-voucher:${voucher.id}`));
    expect(counter!.count).toBe(RESIDENT_RATE_RULES.bookingPerVoucher.limit + 1);
    expect(await confirm(voucher.id, slot.id, "198.51.100.2", new Date(NOW.getTime() + 60_000))).toMatchObject({ outcome: { code: "active_reservation" } });
    const [seats] = await t.db.select({ booked: slotsTable.bookedCount }).from(slotsTable).where(eq(slotsTable.id, slot.id));
    expect(seats!.booked).toBe(2);
  });

  it("limits 確定 per address across vouchers", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 500 });
    const outcomes = [];
    for (let i = 0; i <= RESIDENT_RATE_RULES.bookingPerAddress.limit; i++) {
      const voucher = await createVoucher(t.db);
      const once = await confirm(voucher.id, slot.id, "203.0.113.7");
      outcomes.push("conflict" in once ? null : once.outcome);
    }
    expect(outcomes.slice(0, -1).every((o) => o?.ok)).toBe(true);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, code: "rate_limited" });
  });
});
