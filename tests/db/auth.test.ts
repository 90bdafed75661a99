/** @jest-environment node */
import { encode } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { loginFailures, staffAccounts } from "@/db/schema";
import { residentLogin } from "@/lib/auth/resident-login";
import { decodeResidentSession, encodeResidentSession } from "@/lib/auth/resident-session";
import { hashPassword } from "@/lib/auth/password";
import { staffLogin } from "@/lib/auth/staff-login";
import { setUpTestDatabase } from "./harness";
import { createVoucher, NOW, setupMunicipality } from "./fixtures";

process.env.NEXTAUTH_SECRET = "test-secret-0123456789-0123456789-abcdef";

const t = setUpTestDatabase(setupMunicipality);

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("resident login", () => {
  const noSleep = async () => {};

  it("accepts the voucher number with full-width digits and the right birth date", async () => {
    const voucher = await createVoucher(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01" });
    const result = await residentLogin(t.db, { voucherNumber: "１２３４５６７８９０", birthDate: "1950-04-01", clientKey: "1.1.1.1", channel: "web", now: NOW });
    expect(result).toEqual({ ok: true, voucherId: voucher.id });
  });

  it("refuses a wrong birth date and an unknown number with the same message", async () => {
    await createVoucher(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01" });
    const wrong = await residentLogin(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-02", clientKey: "a", channel: "web", now: NOW, sleep: noSleep });
    const unknown = await residentLogin(t.db, { voucherNumber: "9999999999", birthDate: "1950-04-01", clientKey: "b", channel: "web", now: NOW, sleep: noSleep });
    expect(wrong).toMatchObject({ ok: false, code: "invalid" });
    expect(unknown).toMatchObject({ ok: false, code: "invalid" });
    if (!wrong.ok && !unknown.ok) expect(wrong.reason).toBe(unknown.reason);
  });

  it("locks the voucher for 15 minutes after 5 failures, even for the right birth date", async () => {
    const voucher = await createVoucher(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01" });
    const attempt = (birthDate: string, at: Date, clientKey = "c") =>
      residentLogin(t.db, { voucherNumber: "1234567890", birthDate, clientKey, channel: "web", now: at, sleep: noSleep });
    for (let i = 1; i <= 4; i++) expect(await attempt("1999-01-01", minutes(i))).toMatchObject({ ok: false, code: "invalid" });
    const fifth = await attempt("1999-01-01", minutes(5));
    expect(fifth).toMatchObject({ ok: false, code: "locked" });
    if (!fifth.ok) expect(fifth.reason).toContain("09:20"); // locked until 09:05 + 15 min, Tokyo time
    // A different client, the right birth date: still locked.
    expect(await attempt("1950-04-01", minutes(19), "other-client")).toMatchObject({ ok: false, code: "locked" });
    expect(await attempt("1950-04-01", minutes(20), "other-client")).toEqual({ ok: true, voucherId: voucher.id });
  });

  it("warns before the lock and forgets failures after a success", async () => {
    await createVoucher(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01" });
    const attempt = (birthDate: string) => residentLogin(t.db, { voucherNumber: "1234567890", birthDate, clientKey: "d", channel: "web", now: NOW, sleep: noSleep });
    await attempt("1999-01-01");
    await attempt("1999-01-01");
    const third = await attempt("1999-01-01");
    if (!third.ok) expect(third.reason).toContain("あと2回");
    expect((await attempt("1950-04-01")).ok).toBe(true);
    const [row] = await t.db.select().from(loginFailures).where(eq(loginFailures.key, "voucher:1234567890"));
    expect(row).toBeUndefined();
  });

  it("slows a client down after repeated failures, then blocks it", async () => {
    const pauses: number[] = [];
    const sleep = async (ms: number) => {
      pauses.push(ms);
    };
    for (let i = 0; i < 30; i++) {
      const number = String(1000000000 + i);
      await residentLogin(t.db, { voucherNumber: number, birthDate: "1950-04-01", clientKey: "9.9.9.9", channel: "web", now: NOW, sleep });
    }
    expect(pauses.slice(0, 3)).toEqual([250, 500, 1000]); // from the 3rd failure on
    expect(Math.max(...pauses)).toBe(4000);
    const blocked = await residentLogin(t.db, { voucherNumber: "1234567890", birthDate: "1950-04-01", clientKey: "9.9.9.9", channel: "web", now: NOW, sleep });
    expect(blocked).toMatchObject({ ok: false, code: "client_blocked" });
  });

  it("answers bad input with a clear message and counts nothing", async () => {
    expect(await residentLogin(t.db, { voucherNumber: "12345", birthDate: "1950-04-01", clientKey: "e", channel: "web", now: NOW })).toMatchObject({
      ok: false,
      code: "invalid_input",
      reason: "接種券番号は10桁の数字で入力してください。",
    });
    expect(await residentLogin(t.db, { voucherNumber: "1234567890", birthDate: "1950-02-30", clientKey: "e", channel: "web", now: NOW })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    expect(await t.db.select().from(loginFailures)).toHaveLength(0);
  });

  it("does not let an out-of-area voucher log in on the resident site", async () => {
    await createVoucher(t.db, { municipalityCode: "131016", voucherNumber: "2000000001", birthDate: "1970-06-06" });
    expect(await residentLogin(t.db, { voucherNumber: "2000000001", birthDate: "1970-06-06", clientKey: "f", channel: "web", now: NOW, sleep: noSleep })).toMatchObject({
      ok: false,
      code: "invalid",
    });
  });
});

describe("resident session", () => {
  it("round-trips a session", async () => {
    const cookie = await encodeResidentSession({ voucherId: 42, channel: "web" });
    expect(await decodeResidentSession(cookie)).toEqual({ voucherId: 42, channel: "web" });
  });

  it("rejects a forged, tampered, foreign-key or expired session", async () => {
    const cookie = await encodeResidentSession({ voucherId: 42, channel: "web" });
    expect(await decodeResidentSession("forged.value.that.is.not.jwe")).toBeNull();
    const tampered = cookie.slice(0, -4) + (cookie.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await decodeResidentSession(tampered)).toBeNull();
    // Signed with another secret.
    const foreign = await encode({ token: { sub: "42" }, secret: "another-secret-0123456789-0123456789-xyz", salt: "vaccine-resident-session" });
    expect(await decodeResidentSession(foreign)).toBeNull();
    // A staff session cookie (different salt) is not a resident session.
    const staffCookie = await encode({ token: { sub: "42" }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await decodeResidentSession(staffCookie)).toBeNull();
    // Expired: maxAge in the past (beyond the 15 s clock tolerance).
    const expired = await encodeResidentSession({ voucherId: 42, channel: "web" }, -60);
    expect(await decodeResidentSession(expired)).toBeNull();
  });
});

describe("staff login", () => {
  it("accepts the right password, refuses a wrong one, locks after 5 failures, refuses disabled accounts", async () => {
    const [account] = await t.db
      .insert(staffAccounts)
      .values({ loginId: "tanaka", displayName: "田中", role: "call_center", passwordHash: await hashPassword("correct horse battery") })
      .returning();
    expect(await staffLogin(t.db, "tanaka", "correct horse battery", NOW)).toMatchObject({ ok: true, staff: { staffId: account!.id, role: "call_center" } });
    for (let i = 0; i < 4; i++) expect(await staffLogin(t.db, "tanaka", "wrong", NOW)).toMatchObject({ ok: false, code: "invalid" });
    expect(await staffLogin(t.db, "tanaka", "wrong", NOW)).toMatchObject({ ok: false, code: "locked" });
    expect(await staffLogin(t.db, "tanaka", "correct horse battery", NOW)).toMatchObject({ ok: false, code: "locked" });
    expect(await staffLogin(t.db, "tanaka", "correct horse battery", minutes(16))).toMatchObject({ ok: true });
    await t.db.update(staffAccounts).set({ disabledAt: NOW }).where(eq(staffAccounts.id, account!.id));
    expect(await staffLogin(t.db, "tanaka", "correct horse battery", minutes(17))).toMatchObject({ ok: false, code: "disabled" });
    expect(await staffLogin(t.db, "nobody", "whatever", NOW)).toMatchObject({ ok: false, code: "invalid" });
  });
});
