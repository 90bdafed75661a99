/** @jest-environment node */
// Issue 8's waitlist end to end, at phone width: a full slot (capacity 1, booked by resident A);
// resident B joins the waitlist inside LINE (LIFF with @line/liff-mock, contact LINE); A cancels
// on the web; the offer is pushed to B's LINE user at the fake LINE Platform with the
// /offers/<token> link; B opens the link in a browser with no session and no waiting-room pass,
// accepts, and sees the reservation number. Then, in the database: B's reservation is booked in
// that slot, booked_count ≤ capacity, held_count is back to 0, B's entry is 'booked'.
//
// This test runs its own `next start` (the build scripts/e2e.ts made) on its own database and its
// own fake LINE Platform, like tests/e2e/rush.e2e.test.ts: the pushes must be read from the fake
// LINE server the app talks to, and with PGlite the database can be read only by one process —
// after the server has let go of it. With E2E_DATABASE_URL (CI): a fresh PostgreSQL database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { freePort, freshPgliteDir, freshPostgresDatabase, health, openTarget, type RushTarget } from "@/bench/rush/rush";
import { migrateDatabase } from "@/db/client";
import { initMunicipality } from "@/db/seed/reference";
import { lineLinks, lineUsers, municipality, reservations, slots, staffAccounts, venues, vouchers, waitlistEntries } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { bookSlot } from "@/lib/booking/book";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { startFakeLine, type FakeLine } from "../support/fake-line";
import { expectAccessible } from "./a11y";
import { docScreenshot, launchBrowser, PHONE, screenshot, TABLET } from "./browser";

const ROOT = path.resolve(__dirname, "../..");
const ACCESS_TOKEN = "waitlist-e2e-line-token";
const LOGIN_CHANNEL = "1657000000";
const LINE_USER = `U${"8".padStart(32, "0")}`;
const SECRET = "waitlist-e2e-secret-0123456789-0123456789";
const A = { number: "8100000001", birth: ["1960", "6", "15"] as const, birthDate: "1960-06-15" };
const B = { number: "8100000002", birth: ["1972", "3", "14"] as const, birthDate: "1972-03-14" };
// The call center's part: C waits by phone for the second slot, which D holds.
const C = { number: "8100000003", birthDate: "1955-09-09", phone: "03-3333-4444", kanaName: "デンワ　マツコ" };
const D = { number: "8100000004", birthDate: "1965-01-20" };
const OPERATOR = { loginId: "wl-operator", password: "waitlist-e2e-pass-2026" };

const postgresUrl = process.env.E2E_DATABASE_URL;
let target: RushTarget;
let drop: () => Promise<void> = async () => {};
let fakeLine: FakeLine;
let server: ChildProcess | null = null;
let base: string;
let browser: Browser;
let slotId: number;
let secondSlotId: number;
let date: string;

async function seed(): Promise<void> {
  const database = await openTarget(target);
  try {
    await migrateDatabase(database);
    const { db } = database;
    await initMunicipality(db, "132012", "八王子市");
    await db.update(municipality).set({ bookingWindowDays: 30, waitlistEnabled: true, offerHoldMinutes: 30 });
    const [venue] = await db.insert(venues).values({ code: "WLE2E", name: "キャンセル待ち検証会場", kind: "mass", address: "八王子市元本郷町3-24-1" }).returning();
    date = addDays(tokyoDate(new Date()), 3);
    const [slot] = await db.insert(slots).values({ venueId: venue!.id, date, startTime: "10:00", endTime: "10:30", capacity: 1, productCode: "PFIZER" }).returning();
    slotId = slot!.id;
    const [second] = await db.insert(slots).values({ venueId: venue!.id, date, startTime: "11:00", endTime: "11:30", capacity: 1, productCode: "PFIZER" }).returning();
    secondSlotId = second!.id;
    const [a, b, , d] = await db
      .insert(vouchers)
      .values([
        { municipalityCode: "132012", voucherNumber: A.number, birthDate: A.birthDate },
        { municipalityCode: "132012", voucherNumber: B.number, birthDate: B.birthDate },
        { municipalityCode: "132012", voucherNumber: C.number, birthDate: C.birthDate, phone: C.phone, kanaName: C.kanaName },
        { municipalityCode: "132012", voucherNumber: D.number, birthDate: D.birthDate },
      ])
      .returning();
    // The full slots: A and D hold their one seat each.
    for (const [voucher, slot] of [[a!, slotId], [d!, secondSlotId]] as const) {
      const booked = await bookSlot(db, { voucherId: voucher.id, slotId: slot, actor: { kind: "resident", voucherId: voucher.id, channel: "web" }, channel: "web" });
      if (!booked.ok) throw new Error(`seed booking refused: ${booked.reason}`);
    }
    await db.insert(staffAccounts).values({ loginId: OPERATOR.loginId, displayName: "キャンセル待ち検証オペレーター", role: "call_center", passwordHash: await hashPassword(OPERATOR.password), mustChangePassword: false });
    // B's voucher is linked to the LINE user already (tests/e2e/liff.e2e.test.ts covers linking).
    await db.insert(lineUsers).values({ lineUserId: LINE_USER });
    await db.insert(lineLinks).values({ lineUserId: LINE_USER, voucherId: b!.id });
  } finally {
    await database.close();
  }
}

async function startServer(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: base,
    PUBLIC_BASE_URL: base,
    // The waiting room is on, so the offer link is shown to be outside it.
    ADMISSION: "on",
    ADMISSION_RATE: "50",
    LIFF_ID: `${LOGIN_CHANNEL}-WaitlistE2e`,
    LIFF_MOCK: "1",
    LINE_API_BASE_URL: fakeLine.url,
    LINE_API_DATA_BASE_URL: fakeLine.url,
    LINE_CHANNEL_SECRET: "waitlist-e2e-line-secret",
    LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  delete env.LINE_LOGIN_CHANNEL_ID;
  if (target.kind === "postgres") env.DATABASE_URL = target.url;
  else env.PGLITE_DATA_DIR = target.dataDir;
  server = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const end = Date.now() + 90_000;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    if ((await health(base)) === 200) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${base} did not become healthy`);
}

async function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

beforeAll(async () => {
  const fresh = postgresUrl ? await freshPostgresDatabase(postgresUrl) : freshPgliteDir();
  target = fresh.target;
  drop = fresh.drop;
  await seed();
  fakeLine = await startFakeLine({ channelAccessToken: ACCESS_TOKEN, loginChannelId: LOGIN_CHANNEL });
  await startServer();
  browser = await launchBrowser();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await stopServer();
  await fakeLine?.close();
  await drop();
});

async function phonePage(lineUser?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP" });
  if (lineUser) await context.addInitScript((token) => window.localStorage.setItem("liffMockIdToken", token), `fake.${lineUser}`);
  return context.newPage();
}

async function pushesTo(lineUser: string, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const pushes = fakeLine.callsTo("/v2/bot/message/push").filter((c) => (c.body as { to?: string } | null)?.to === lineUser);
    if (pushes.length > 0 || Date.now() > end) return pushes;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("waitlist: a full slot, a cancellation, the offer by LINE, accepted through the link", () => {
  let offerUrl: string;
  let reservationNumber: string;

  it("B joins the waitlist inside LINE with contact LINE", async () => {
    const page = await phonePage(LINE_USER);
    await page.goto(`${base}/liff/waitlist`);
    await page.waitForURL(/\/waitlist$/);
    await page.getByRole("heading", { name: "キャンセル待ちの登録", level: 1 }).waitFor();
    await expect(page.getByRole("radio", { name: "LINEで受け取る" }).isChecked()).resolves.toBe(true);
    expect(await page.getByLabel("希望期間（開始日）").inputValue()).toBe(tokyoDate(new Date()));
    await page.getByLabel("会場").selectOption({ label: "キャンセル待ち検証会場" });
    await expectAccessible(page);
    await docScreenshot(page, "40-waitlist-join");

    await page.getByRole("button", { name: "確認へ進む" }).click();
    await page.getByRole("heading", { name: "登録内容の確認" }).waitFor();
    expect(await page.textContent("main")).toContain("キャンセル待ち検証会場");
    await page.getByRole("button", { name: "キャンセル待ちに登録する" }).click();
    await page.waitForURL(/\/mypage\?waitlisted=1$/);
    expect(await page.getByRole("status").first().textContent()).toContain("キャンセル待ちに登録しました");
    const main = await page.textContent("main");
    expect(main).toContain("あなたが最初にご案内を受ける順番です");
    expect(main).toContain("LINE");
    await page.getByRole("button", { name: "キャンセル待ちをやめる" }).waitFor();
    await expectAccessible(page);
    await docScreenshot(page, "41-waitlist-mypage");
    // Nothing free yet: no offer was pushed.
    expect(await pushesTo(LINE_USER, 500)).toEqual([]);
    await page.context().close();
  });

  it("A cancels on the web, and the offer is pushed to B's LINE user with the link", async () => {
    const page = await phonePage();
    await page.goto(`${base}/login`);
    await page.getByLabel("接種券番号").fill(A.number);
    await page.getByLabel("年", { exact: true }).fill(A.birth[0]);
    await page.getByLabel("月", { exact: true }).fill(A.birth[1]);
    await page.getByLabel("日", { exact: true }).fill(A.birth[2]);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(/\/mypage$/);
    await page.getByRole("link", { name: "予約の確認・変更・キャンセル" }).click();
    await page.waitForURL(/\/reservations\/\d{9}$/);
    await page.getByRole("link", { name: "予約をキャンセルする" }).click();
    await page.waitForURL(/\/cancel$/);
    await page.getByRole("button", { name: "予約をキャンセルする" }).click();
    await page.waitForURL(/\/mypage\?cancelled=\d{9}$/);
    await page.context().close();

    const pushes = await pushesTo(LINE_USER);
    expect(pushes).toHaveLength(1);
    const body = pushes[0]!.body as { to: string; messages: { type: string; text: string }[] };
    expect(body.to).toBe(LINE_USER);
    const text = body.messages.map((m) => m.text).join("\n");
    const link = new RegExp(`${base.replace(/[.]/g, "\\.")}/offers/[A-Za-z0-9_-]{20,64}`).exec(text);
    expect(link).not.toBeNull();
    offerUrl = link![0];
  });

  it("B opens the link (no session, no waiting-room pass), accepts, and sees the reservation number", async () => {
    const page = await phonePage();
    const response = await page.goto(offerUrl);
    // Neither queued (/waiting) nor sent to /login.
    expect(response?.request().redirectedFrom()).toBeNull();
    expect(page.url()).toBe(offerUrl);
    await page.getByRole("heading", { name: "空き枠のご案内", level: 1 }).waitFor();
    const main = await page.textContent("main");
    expect(main).toContain(`接種券番号 ****${B.number.slice(-4)} の方へのご案内です`);
    expect(main).toContain("キャンセル待ち検証会場");
    expect(main).toContain("10:00");
    expect(await page.getByRole("timer").textContent()).toMatch(/あと約(29|30)分/);
    await expectAccessible(page);
    await docScreenshot(page, "42-offer");

    // A second tab on the same link, still showing the buttons: its press comes after the first.
    const second = await page.context().newPage();
    await second.goto(offerUrl);
    await second.getByRole("button", { name: "この枠で予約する" }).waitFor();

    await page.getByRole("button", { name: "この枠で予約する" }).click();
    await page.getByRole("heading", { name: "予約が確定しました", level: 1 }).waitFor();
    const status = await page.getByRole("status").first().textContent();
    reservationNumber = /(\d{9})/.exec(status ?? "")![1]!;
    expect(await page.textContent("main")).toContain("当日お持ちいただくもの");
    expect(await page.getByRole("link", { name: /予約の内容を見る/ }).getAttribute("href")).toBe(`/reservations/${reservationNumber}`);
    await expectAccessible(page);
    await docScreenshot(page, "43-offer-accepted");

    await second.getByRole("button", { name: "この枠で予約する" }).click();
    await second.getByRole("heading", { name: "予約が確定しました", level: 1 }).waitFor();
    expect(await second.getByRole("status").first().textContent()).toContain(reservationNumber);
    await page.context().close();
  });

  it("the call center registers C by phone, D cancels, and the operator books the offered seat for C", async () => {
    const context = await browser.newContext({ viewport: TABLET, locale: "ja-JP" });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.getByLabel("ログインID").fill(OPERATOR.loginId);
    await page.getByLabel("パスワード").fill(OPERATOR.password);
    await page.getByRole("button", { name: /ログイン/ }).click();
    await page.waitForURL(/\/admin$/);
    const findCaller = async (number: string, birthDate: string) => {
      await page.goto(`${base}/admin/callers`);
      await page.getByRole("textbox", { name: /接種券番号/ }).fill(number);
      await page.getByLabel(/生年月日/).fill(birthDate);
      await page.getByRole("button", { name: "検索して本人確認" }).click();
      await page.waitForURL(/\/admin\/callers\/view\?key=/);
    };

    await findCaller(C.number, C.birthDate);
    const join = page.getByRole("region", { name: "キャンセル待ちに登録" });
    await expect(join.getByRole("radio", { name: `電話（${C.phone}）` }).isChecked()).resolves.toBe(true);
    await expectAccessible(page);
    await join.getByRole("button", { name: "キャンセル待ちに登録する" }).click();
    const entry = page.getByRole("region", { name: "キャンセル待ち（登録中）" });
    await entry.waitFor();
    expect(await entry.textContent()).toContain("電話（コールセンターからお電話）");
    await screenshot(page, "44-caller-waitlist");

    // Nothing to phone yet.
    await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "空き枠のご案内（電話）" }).click();
    await page.waitForURL(/\/admin\/offers$/);
    await page.getByText("現在、お電話でご案内する枠はありません。").waitFor();

    // D calls to cancel: the seat goes to C, who is phoned.
    await findCaller(D.number, D.birthDate);
    await page.getByRole("region", { name: "現在の予約" }).getByRole("button", { name: "予約をキャンセル" }).click();
    await page.getByRole("region", { name: "現在の予約" }).getByText("現在の予約はありません。").waitFor();
    await page.goto(`${base}/admin/offers`);
    const item = page.getByRole("listitem").filter({ hasText: C.number });
    expect(await item.textContent()).toContain(C.phone);
    expect(await item.textContent()).toContain("11:00");
    await expectAccessible(page);
    await screenshot(page, "45-phone-offers");
    // Phoned, not pushed: nothing went to LINE for C.
    expect(fakeLine.callsTo("/v2/bot/message/push")).toHaveLength(1);
    await item.getByRole("button", { name: `予約する（接種券番号 ${C.number}）` }).click();
    const done = await item.getByRole("status").textContent();
    expect(done).toMatch(/予約しました（予約番号 \d{9}）/);
    await context.close();
  });

  it("holds the booking in the database: B booked in that slot, no seat held, the entry booked", async () => {
    // PGlite: the database is ours to read once the server has let go of it.
    await stopServer();
    const database = await openTarget(target);
    try {
      const { db } = database;
      const [b] = await db.select().from(vouchers).where(eq(vouchers.voucherNumber, B.number));
      const bookedForB = await db.select().from(reservations).where(and(eq(reservations.voucherId, b!.id), eq(reservations.status, "booked")));
      expect(bookedForB).toEqual([expect.objectContaining({ slotId, reservationNumber })]);
      const [slot] = await db.select().from(slots).where(eq(slots.id, slotId));
      expect(slot!.bookedCount).toBeLessThanOrEqual(slot!.capacity);
      expect(slot!.bookedCount).toBe(1);
      expect(slot!.heldCount).toBe(0);
      const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.voucherId, b!.id));
      expect(entry).toMatchObject({ status: "booked", contact: "line", channel: "line", lineUserId: LINE_USER });
      // C, booked by the operator into the seat D gave back.
      const [c] = await db.select().from(vouchers).where(eq(vouchers.voucherNumber, C.number));
      const bookedForC = await db.select().from(reservations).where(and(eq(reservations.voucherId, c!.id), eq(reservations.status, "booked")));
      expect(bookedForC).toEqual([expect.objectContaining({ slotId: secondSlotId, channel: "operator" })]);
      const [second] = await db.select().from(slots).where(eq(slots.id, secondSlotId));
      expect(second).toMatchObject({ bookedCount: 1, heldCount: 0 });
      const [entryC] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.voucherId, c!.id));
      expect(entryC).toMatchObject({ status: "booked", contact: "phone", channel: "operator" });
      const [a] = await db.select().from(vouchers).where(eq(vouchers.voucherNumber, A.number));
      const aReservations = await db.select().from(reservations).where(eq(reservations.voucherId, a!.id));
      expect(aReservations.map((r) => r.status)).toEqual(["cancelled"]);
    } finally {
      await database.close();
    }
  });
});
