/** @jest-environment node */
// The LIFF side on a real database and a fake LINE Platform: the ID token verified by LINE's
// verify endpoint before anything, the voucher linked only after a correct voucher login,
// several vouchers per LINE user, unlinking, and where POST /api/line/liff-session leads.
import { eq } from "drizzle-orm";
import { setAppDatabase } from "@/db/client";
import { auditLog, lineLinks } from "@/db/schema";
import { POST as liffSessionPost } from "@/app/api/line/liff-session/route";
import { decodeResidentSession, RESIDENT_COOKIE } from "@/lib/auth/resident-session";
import { channelIdOfLiffId, lineConfig } from "@/lib/line/config";
import { verifyLineIdToken } from "@/lib/line/id-token";
import { decodeLineSession, LINE_SESSION_COOKIE } from "@/lib/line/line-session";
import { linkVoucherByLogin, listLinkedVouchers, loginWithLink, unlinkVoucher } from "@/lib/line/links";
import { fakeIdToken, fakeLineUserId, startFakeLine, type FakeLine } from "../support/fake-line";
import { createVoucher, setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase((db) => setupMunicipality(db));
let line: FakeLine;
const savedEnv = { ...process.env };
beforeAll(async () => {
  line = await startFakeLine({ loginChannelId: "1657000000" });
  Object.assign(process.env, { LIFF_ID: "1657000000-AbCdEfGh", LINE_API_BASE_URL: line.url, NEXTAUTH_SECRET: "test-secret-0123456789-0123456789-0123456789" });
  delete process.env.LINE_LOGIN_CHANNEL_ID;
});
beforeEach(() => {
  setAppDatabase(t);
  line.reset();
});
afterAll(async () => {
  process.env = savedEnv;
  await line?.close();
});

const noSleep = async () => {};
const link = (lineUserId: string, voucherNumber: string, birthDate: string) =>
  linkVoucherByLogin(t.db, { lineUserId, voucherNumber, birthDate, clientKey: `test-${lineUserId}`, sleep: noSleep });

function cookiesOf(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const [name, ...value] = pair!.split("=");
    cookies[name!] = value.join("=");
  }
  return cookies;
}

const openLiff = (idToken: string, to?: string) =>
  liffSessionPost(new Request("http://localhost/api/line/liff-session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ idToken, to }) }));

describe("ID token verification", () => {
  it("takes the channel id from the LIFF ID", () => {
    expect(channelIdOfLiffId("1657000000-AbCdEfGh")).toBe("1657000000");
    expect(channelIdOfLiffId("nonsense")).toBeNull();
  });

  it("accepts a token LINE confirms, sending it with our channel id", async () => {
    const user = fakeLineUserId(1);
    expect(await verifyLineIdToken(lineConfig(), fakeIdToken(user))).toMatchObject({ ok: true, lineUserId: user });
    const [call] = line.callsTo("/oauth2/v2.1/verify");
    expect(call!.body).toEqual({ id_token: fakeIdToken(user), client_id: "1657000000" });
  });

  it("refuses a token LINE does not confirm, or one issued for another channel", async () => {
    expect(await verifyLineIdToken(lineConfig(), "forged.token")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLineIdToken({ ...lineConfig(), loginChannelId: "1999999999" }, fakeIdToken(fakeLineUserId(1)))).toEqual({ ok: false, reason: "invalid" });
  });

  it("says LINE is unavailable rather than trusting a token when the verify endpoint cannot be reached", async () => {
    const closed = await startFakeLine();
    await closed.close();
    const quiet = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await verifyLineIdToken({ ...lineConfig(), apiBaseUrl: closed.url }, fakeIdToken(fakeLineUserId(1)))).toEqual({ ok: false, reason: "unavailable" });
    } finally {
      quiet.mockRestore();
    }
  });
});

describe("linking vouchers to a LINE user", () => {
  it("links only after a correct birth date, and counts a wrong one towards the lockout", async () => {
    const voucher = await createVoucher(t.db, { voucherNumber: "1000000101", birthDate: "1960-05-05" });
    const user = fakeLineUserId(2);
    const wrong = await link(user, "1000000101", "1960-05-06");
    expect(wrong).toMatchObject({ ok: false, code: "invalid" });
    expect(await listLinkedVouchers(t.db, user)).toEqual([]);
    const right = await link(user, "1000000101", "1960-05-05");
    expect(right).toEqual({ ok: true, voucherId: voucher.id });
    expect((await listLinkedVouchers(t.db, user)).map((l) => l.voucherNumber)).toEqual(["1000000101"]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.voucherId, voucher.id));
    expect(audit.map((a) => [a.action, a.actorKind])).toEqual([
      ["resident.login", "line"],
      ["line.link", "line"],
    ]);
  });

  it("links several vouchers (a family) to one LINE user, each once", async () => {
    await createVoucher(t.db, { voucherNumber: "1000000102", birthDate: "1980-01-01" });
    await createVoucher(t.db, { voucherNumber: "1000000103", birthDate: "2015-02-02" });
    const user = fakeLineUserId(3);
    await link(user, "1000000102", "1980-01-01");
    await link(user, "1000000103", "2015-02-02");
    await link(user, "1000000103", "2015-02-02");
    expect((await listLinkedVouchers(t.db, user)).map((l) => l.voucherNumber)).toEqual(["1000000102", "1000000103"]);
  });

  it("opens a linked voucher without the voucher login, and only a linked one", async () => {
    const mine = await createVoucher(t.db, { voucherNumber: "1000000104", birthDate: "1970-07-07" });
    const other = await createVoucher(t.db, { voucherNumber: "1000000105", birthDate: "1970-07-07" });
    const user = fakeLineUserId(4);
    await link(user, "1000000104", "1970-07-07");
    expect(await loginWithLink(t.db, user, mine.id)).toBe(true);
    expect(await loginWithLink(t.db, user, other.id)).toBe(false);
    expect(await loginWithLink(t.db, fakeLineUserId(5), mine.id)).toBe(false);
  });

  it("unlinks: the voucher can no longer be opened from that LINE account", async () => {
    const voucher = await createVoucher(t.db, { voucherNumber: "1000000106", birthDate: "1990-09-09" });
    const user = fakeLineUserId(6);
    await link(user, "1000000106", "1990-09-09");
    expect(await unlinkVoucher(t.db, user, voucher.id)).toBe(true);
    expect(await listLinkedVouchers(t.db, user)).toEqual([]);
    expect(await loginWithLink(t.db, user, voucher.id)).toBe(false);
    expect(await unlinkVoucher(t.db, user, voucher.id)).toBe(false);
    expect(await t.db.select().from(lineLinks)).toHaveLength(0);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "line.unlink"));
    expect(audit).toMatchObject({ voucherId: voucher.id, actorKind: "line" });
  });
});

describe("POST /api/line/liff-session", () => {
  it("refuses a token LINE does not confirm: no cookie, nothing recorded", async () => {
    const res = await openLiff("forged.token");
    expect(res.status).toBe(401);
    expect((await res.json()).message).toContain("LINE");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("sends a LINE user without links to the voucher login, with the LINE session set", async () => {
    const user = fakeLineUserId(7);
    const res = await openLiff(fakeIdToken(user), "book");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ next: "/liff/link?to=book", linked: 0 });
    const cookies = cookiesOf(res);
    expect(await decodeLineSession(cookies[LINE_SESSION_COOKIE])).toBe(user);
    expect(cookies[RESIDENT_COOKIE]).toBeUndefined();
  });

  it("opens the resident flow (channel line) straight away for one linked voucher", async () => {
    const voucher = await createVoucher(t.db, { voucherNumber: "1000000107", birthDate: "1955-05-05" });
    const user = fakeLineUserId(8);
    await link(user, "1000000107", "1955-05-05");
    const res = await openLiff(fakeIdToken(user), "book");
    expect(await res.json()).toEqual({ next: "/slots", linked: 1 });
    expect(await decodeResidentSession(cookiesOf(res)[RESIDENT_COOKIE])).toEqual({ voucherId: voucher.id, channel: "line" });
  });

  it("lets a family choose when several vouchers are linked", async () => {
    await createVoucher(t.db, { voucherNumber: "1000000108", birthDate: "1981-01-01" });
    await createVoucher(t.db, { voucherNumber: "1000000109", birthDate: "1982-02-02" });
    const user = fakeLineUserId(9);
    await link(user, "1000000108", "1981-01-01");
    await link(user, "1000000109", "1982-02-02");
    const res = await openLiff(fakeIdToken(user), "reservations");
    expect(await res.json()).toEqual({ next: "/liff/vouchers?to=reservations", linked: 2 });
    expect(cookiesOf(res)[RESIDENT_COOKIE]).toBeUndefined();
  });

  it("answers 400 for a request without a token", async () => {
    expect((await liffSessionPost(new Request("http://localhost/api/line/liff-session", { method: "POST", body: "{}" }))).status).toBe(400);
  });
});
