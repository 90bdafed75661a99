/** @jest-environment node */
// Attempt-rate limits on login and booking, shared by all app instances through PostgreSQL.
import { verifyVoucherCredentials } from "@/lib/auth/resident-login";
import { limitBooking, RESIDENT_RATE_RULES } from "@/lib/rush/limits";
import { createTestDatabase, type TestDatabase } from "./harness";
import { createVoucher, NOW, setupMunicipality } from "./fixtures";

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

  it("limits bookings per voucher", async () => {
    for (let i = 0; i < RESIDENT_RATE_RULES.bookingPerVoucher.limit; i++) expect(await limitBooking(t.db, "198.51.100.1", 7, NOW)).toBeNull();
    expect(await limitBooking(t.db, "198.51.100.2", 7, NOW)).toMatchObject({ code: "rate_limited" });
    expect(await limitBooking(t.db, "198.51.100.2", 8, NOW)).toBeNull();
  });
});
