/** @jest-environment node */
// The demo as a resident and as staff meet it: served by `npm run demo` (scripts/e2e.ts).
import type { Browser, Page } from "playwright-core";
import holidayJp from "@holiday-jp/holiday_jp";
import { tokyoDate } from "@/lib/domain/dates";
import { BASE_URL, launchBrowser, PHONE, screenshot, TABLET } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function residentPage() {
  const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP" });
  return context.newPage();
}

async function fillResidentLogin(page: Page, voucherNumber: string, birth: [string, string, string]) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel("接種券番号").fill(voucherNumber);
  await page.getByLabel("年", { exact: true }).fill(birth[0]);
  await page.getByLabel("月", { exact: true }).fill(birth[1]);
  await page.getByLabel("日", { exact: true }).fill(birth[2]);
}

it("answers /api/health with the database reachable", async () => {
  const res = await fetch(`${BASE_URL}/api/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok" });
});

describe("resident site (phone width)", () => {
  it("shows the landing page with the municipality, the way in and the call center", async () => {
    const page = await residentPage();
    const res = await page.goto(`${BASE_URL}/`);
    expect(res?.status()).toBe(200);
    expect(await page.textContent("body")).toContain("八王子市");
    expect(await page.textContent("body")).toContain("0120-000-000");
    await screenshot(page, "resident-landing");
    await page.getByRole("link", { name: "予約する・予約を確認する" }).click();
    await page.waitForURL(/\/login$/);
    await page.context().close();
  });

  it("refuses a wrong birth date with a clear message", async () => {
    const page = await residentPage();
    await fillResidentLogin(page, "1000000002", ["1985", "7", "16"]);
    await page.getByRole("button", { name: /ログイン/ }).click();
    const alert = page.getByRole("alert");
    await alert.filter({ hasText: "正しくありません" }).waitFor();
    await screenshot(page, "resident-login-error");
    await page.context().close();
  });

  it("logs in with voucher + birth date (full-width digits too) and shows the next dose", async () => {
    const page = await residentPage();
    await fillResidentLogin(page, "１００００００００２", ["1985", "7", "15"]);
    await screenshot(page, "resident-login");
    await page.getByRole("button", { name: /ログイン/ }).click();
    await page.waitForURL(/\/mypage$/);
    const body = await page.textContent("body");
    expect(body).toContain("2回目");
    await screenshot(page, "resident-mypage");
    await page.context().close();
  });

  it("finds a slot by date and books it with the municipality's fields, confirming first", async () => {
    const page = await residentPage();
    await fillResidentLogin(page, "1000000001", ["1950", "4", "1"]);
    await page.getByRole("button", { name: /ログイン/ }).click();
    await page.waitForURL(/\/mypage$/);
    await page.getByRole("link", { name: "日付から探して予約する" }).click();
    await page.waitForURL(/\/slots$/);
    // The first day marked 空きあり or 残りわずか in the calendar, then its first bookable slot.
    await page.locator('a[aria-label$="空きあり"], a[aria-label$="残りわずか"]').first().click();
    await page.waitForURL(/\/slots\?.*date=/);
    await screenshot(page, "resident-slots-by-date");
    await page.getByRole("link", { name: "この枠で予約する" }).first().click();
    await page.waitForURL(/\/book\/\d+$/);
    await page.getByRole("button", { name: "確認へ進む" }).click();
    await page.getByRole("alert").filter({ hasText: "入力内容を確認してください" }).waitFor();
    expect(await page.textContent("body")).toContain("カナ氏名を入力してください。");
    await page.getByLabel(/カナ氏名/).fill("やまだ たろう");
    await page.getByLabel(/電話番号/).fill("０９０-１２３４-５６７８");
    await screenshot(page, "resident-booking-form");
    await page.getByRole("button", { name: "確認へ進む" }).click();
    // (not getByText: Playwright folds whitespace, and the hint 「例: ヤマダ タロウ」 would match too early)
    await page.getByRole("heading", { name: "入力内容の確認" }).waitFor();
    expect(await page.textContent("body")).toContain("ヤマダ　タロウ");
    expect(await page.textContent("body")).toContain("09012345678");
    await screenshot(page, "resident-booking-confirm");
    await page.getByRole("button", { name: "予約を確定する" }).click();
    await page.waitForURL(/\/reservations\/\d{9}\?done=1$/);
    expect(await page.getByRole("status").textContent()).toContain("予約が完了しました");
    expect(await page.textContent("body")).toContain("1回目");
    await screenshot(page, "resident-booked");
    await page.context().close();
  });

  it("finds a slot by venue: each venue with its first free dates, then only that venue's slots", async () => {
    const page = await residentPage();
    await fillResidentLogin(page, "1000000004", ["2016", "5", "5"]); // a child: 5〜11歳用 only, Saturdays at C02
    await page.getByRole("button", { name: /ログイン/ }).click();
    await page.waitForURL(/\/mypage$/);
    await page.getByRole("link", { name: "会場から探して予約する" }).click();
    await page.waitForURL(/\/venues$/);
    await screenshot(page, "resident-venues");
    const mass = page.locator("li", { has: page.getByRole("heading", { name: "市民体育館 集団接種会場" }) });
    expect(await mass.textContent()).toContain("現在、この会場で予約できる枠はありません。");
    const clinic = page.locator("li", { has: page.getByRole("heading", { name: "みなみ野内科・小児科クリニック" }) });
    await clinic.getByRole("link").first().click();
    await page.waitForURL(/\/slots\?date=.*&venue=\d+$/);
    const listed = await page.locator("section li").allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    for (const text of listed) expect(text).toContain("みなみ野内科・小児科クリニック");
    expect(listed.some((text) => text.includes("ファイザー (5〜11歳用)") && text.includes("この枠で予約する"))).toBe(true);
    await page.context().close();
  });

  it("sends a visitor without a session from /mypage to /login", async () => {
    const page = await residentPage();
    await page.goto(`${BASE_URL}/mypage`);
    await page.waitForURL(/\/login$/);
    await page.context().close();
  });
});

describe("admin console (tablet width)", () => {
  it("keeps /admin behind the login page", async () => {
    const context = await browser.newContext({ viewport: TABLET, locale: "ja-JP" });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/admin`);
    await page.waitForURL(/\/admin\/login/);
    expect(await page.textContent("body")).toContain("職員ログイン");
    await screenshot(page, "admin-login");
    await context.close();
  });

  it("refuses a wrong password and lets venue staff in to their reception page", async () => {
    const context = await browser.newContext({ viewport: TABLET, locale: "ja-JP" });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/admin/login`);
    await page.getByLabel("ログインID").fill("m01-staff");
    await page.getByLabel("パスワード").fill("wrong-password");
    await page.getByRole("button", { name: /ログイン/ }).click();
    await page.getByText("ログインIDまたはパスワードが正しくありません").waitFor();
    await page.getByLabel("パスワード").fill("demo-password-2026");
    await page.getByRole("button", { name: /ログイン/ }).click();
    await page.waitForURL(/\/admin$/);
    expect(await page.textContent("body")).toContain("会場一般");
    await screenshot(page, "admin-home-venue-staff");
    await page.getByRole("link", { name: "受付" }).first().click();
    await page.waitForURL(/\/admin\/reception/);
    expect(await page.textContent("body")).toContain("市民体育館");
    await screenshot(page, "admin-reception");

    // The demo venues close on public holidays (no slots, no reservations): then the page must say so.
    if (holidayJp.isHoliday(tokyoDate(new Date()))) {
      expect(await page.textContent("body")).toContain("本日の予約はありません");
      await context.close();
      return;
    }
    // Reception: the first booked reservation is checked in, then vaccinated with a lot number. Other e2e tests
    // may have recorded doses at this venue today already: the day's count must go up by exactly one.
    const dayVaccinated = async () => Number(/：予約済み \d+ \/ 受付済み \d+ \/ 接種済み (\d+)/.exec((await page.textContent("body")) ?? "")![1]);
    const vaccinatedBefore = await dayVaccinated();
    const firstRow = page.locator("li", { has: page.getByRole("button", { name: "受付", exact: true }) }).first();
    const number = (await firstRow.textContent())!.match(/予約番号 (\d{9})/)![1]!;
    await firstRow.getByRole("button", { name: "受付", exact: true }).click();
    const row = page.locator("li", { hasText: `予約番号 ${number}` });
    await row.getByText("受付済み", { exact: true }).waitFor();
    await row.getByLabel("ロット番号").fill("fa1234");
    await row.getByRole("button", { name: "接種済みにする" }).click();
    await row.getByText("接種済み", { exact: true }).waitFor();
    expect(await dayVaccinated()).toBe(vaccinatedBefore + 1);
    await screenshot(page, "admin-reception-after-dose");
    await context.close();
  });
});
