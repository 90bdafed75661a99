/** @jest-environment node */
// Issue 8 at tablet width against `npm run demo`: the admin turns overbooking on for M01 on the
// venue page (the risk line follows the chosen percentage), the week grid then shows the extra
// seats and the day's vials, and the admin turns it off again (other e2e files share the demo data).
import type { Browser, Page } from "playwright-core";
import { expectAccessible } from "./a11y";
import { BASE_URL, launchBrowser, screenshot, staffLogin } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function login(loginId: string): Promise<Page> {
  return staffLogin(browser, loginId);
}

async function openM01(page: Page): Promise<string> {
  await page.goto(`${BASE_URL}/admin/venues`);
  await page.getByRole("link", { name: /市民体育館/ }).first().click();
  await page.waitForURL(/\/admin\/venues\/\d+$/);
  return page.url().split("/").at(-1)!;
}

it("the admin sets overbooking for M01 beside the measured rate, sees it on the grid with the vials, and turns it off", async () => {
  const page = await login("admin");
  const venueId = await openM01(page);
  const section = page.getByRole("region", { name: "オーバーブッキング" });
  await section.getByText("現在の設定").waitFor();
  // The demo's two past weeks at M01 (db/seed/demo-history.ts) give a measured rate, and so a risk per percentage.
  const measured = (await section.textContent()) ?? "";
  expect(measured).toMatch(/来場なし率（実績）\d+\.\d%/);
  expect(measured).toMatch(/のうち\d+日分/);
  expect(measured).toMatch(/10％\d+人（\+\d+）\d+\.\d%/);
  const field = page.getByLabel("オーバーブッキング（％）");
  expect(await field.inputValue()).toBe("0");
  await field.selectOption("10");
  await page.getByRole("button", { name: "オーバーブッキングを保存する" }).click();
  await page.getByRole("status").filter({ hasText: "オーバーブッキングを10％にしました" }).waitFor();
  await page.reload();
  await section.getByText("現在の設定").waitFor();
  expect(await section.textContent()).toMatch(/今の設定のリスク定員\d+人の枠に\d+人まで予約が入ると、定員を超えて来場する確率は\d+(\.\d)?%/);
  await expectAccessible(page);
  await screenshot(page, "admin-venue-overbooking");

  await page.goto(`${BASE_URL}/admin/slots?venue=${venueId}`);
  await page.getByRole("table").waitFor();
  const cells = page.getByRole("link", { name: /オーバーブッキング枠\d+人/ });
  expect(await cells.count()).toBeGreaterThan(0);
  const vials = page.getByRole("rowheader", { name: "バイアル" });
  await vials.waitFor();
  expect(await page.locator("tfoot").textContent()).toMatch(/バイアル\d+本/);
  await expectAccessible(page);
  await screenshot(page, "admin-slot-week-vials");

  await page.goto(`${BASE_URL}/admin/venues/${venueId}`);
  await page.getByLabel("オーバーブッキング（％）").selectOption("0");
  await page.getByRole("button", { name: "オーバーブッキングを保存する" }).click();
  await page.getByRole("status").filter({ hasText: "オーバーブッキングをオフにしました" }).waitFor();
  await page.goto(`${BASE_URL}/admin/slots?venue=${venueId}`);
  await page.getByRole("table").waitFor();
  expect(await page.getByRole("link", { name: /オーバーブッキング枠/ }).count()).toBe(0);
  await page.context().close();
});

it("the venue manager sees M01's overbooking but cannot change it", async () => {
  const page = await login("m01-manager");
  await page.goto(`${BASE_URL}/admin/venues`);
  await page.getByRole("link", { name: /市民体育館/ }).first().click();
  await page.waitForURL(/\/admin\/venues\/\d+$/);
  await page.getByRole("region", { name: "オーバーブッキング" }).getByText("現在の設定").waitFor();
  expect(await page.getByLabel("オーバーブッキング（％）").count()).toBe(0);
  await page.context().close();
});
