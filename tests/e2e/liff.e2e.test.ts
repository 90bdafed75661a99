/** @jest-environment node */
// Issue 4's LIFF flow at phone width with @line/liff-mock (LIFF_MOCK=1, set by scripts/e2e.ts
// together with a fake LINE Platform that verifies the mock's ID token): open the LIFF app
// from the rich menu's 予約する, link the demo voucher 1000000013 with its birth date, book in
// the same resident pages as the web, then open the LIFF app again — no voucher login this
// time — and see the booking, and the linked voucher on the family page.
import type { Browser, Page } from "playwright-core";
import { expectAccessible } from "./a11y";
import { BASE_URL, docScreenshot, launchBrowser, PHONE } from "./browser";
import { chooseFreeDay, confirmBooking, reviewFirstSlot } from "./resident-steps";

// The mock's ID token as the fake LINE Platform reads it: "fake.<LINE user id>".
const LINE_USER = `U${"e2e".padStart(32, "0")}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function lineUserPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP" });
  await context.addInitScript((token) => window.localStorage.setItem("liffMockIdToken", token), `fake.${LINE_USER}`);
  return context.newPage();
}

describe("LINE (LIFF with liff-mock)", () => {
  it("links a voucher once, books in the resident pages, and sees the booking on the next visit", async () => {
    const page = await lineUserPage();

    // 予約する in the rich menu opens https://liff.line.me/{LIFF_ID}/book → {endpoint}/book.
    await page.goto(`${BASE_URL}/liff/book`);
    await page.waitForURL(/\/liff\/link\?to=book$/);
    await page.getByRole("heading", { name: "接種券をLINEに連携", level: 1 }).waitFor();
    await expectAccessible(page);
    await docScreenshot(page, "20-liff-link");

    // A wrong birth date links nothing.
    await page.getByLabel("接種券番号").fill("1000000013");
    await page.getByLabel("年", { exact: true }).fill("1972");
    await page.getByLabel("月", { exact: true }).fill("3");
    await page.getByLabel("日", { exact: true }).fill("14");
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("alert").filter({ hasText: "接種券番号または生年月日が正しくありません" }).waitFor();
    expect(page.url()).toMatch(/\/liff\/link\?to=book$/);

    await page.getByLabel("日", { exact: true }).fill("13");
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(/\/slots$/);

    // The same booking pages as the web site.
    await chooseFreeDay(page, 2);
    await reviewFirstSlot(page, { kanaName: "らいん はなこ", phone: "090-3333-4444" });
    const number = await confirmBooking(page);
    await page.context().close();

    // Next visit (予約の確認・キャンセル): LINE alone opens the resident's page.
    const again = await lineUserPage();
    await again.goto(`${BASE_URL}/liff/reservations`);
    await again.waitForURL(/\/mypage$/);
    expect(await again.textContent("main")).toContain(number);
    await expectAccessible(again);
    await docScreenshot(again, "21-liff-mypage");

    // The family page: the linked voucher with its booking.
    await again.getByRole("link", { name: /LINEに連携した接種券/ }).click();
    await again.waitForURL(/\/liff\/vouchers$/);
    const main = await again.textContent("main");
    expect(main).toContain("******0013");
    expect(main).toContain("予約:");
    await again.getByRole("button", { name: "この接種券で進む（接種券番号 ******0013）" }).waitFor();
    await expectAccessible(again);
    await docScreenshot(again, "22-liff-vouchers");
    await again.context().close();
  });

  it("does not open the LIFF pages for a LINE user whose ID token LINE refuses", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP" });
    await context.addInitScript(() => window.localStorage.setItem("liffMockIdToken", "forged-token"));
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/liff`);
    await page.getByRole("alert").filter({ hasText: "LINEでの本人確認ができませんでした" }).waitFor();
    expect(page.url()).toMatch(/\/liff$/);
    await context.close();
  });
});
