/** @jest-environment node */
// The call center as an operator meets it (tablet width), against `npm run demo`: confirm a
// caller by voucher number + birth date, book a slot for them from the picker, and see the
// booking on the caller page; then register a 住所地外 voucher and go straight to booking it.
import type { Browser, Locator, Page } from "playwright-core";
import { expectAccessible } from "./a11y";
import { launchBrowser, screenshot, staffLogin } from "./browser";

// Unique per run, so the registration also passes against a database that has seen an earlier run.
const NEW_VOUCHER = `3${Date.now().toString().slice(-9)}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function loginAsOperator(): Promise<Page> {
  return staffLogin(browser, "callcenter");
}

/** The first 「…の枠を予約」 button in the picker, moving on a week at a time if this one has none. */
async function firstBookButton(page: Page): Promise<Locator> {
  for (let week = 0; week < 4; week++) {
    const buttons = page.getByRole("button", { name: /の枠を予約$/ });
    if ((await buttons.count()) > 0) return buttons.first();
    const before = page.url();
    await page.getByRole("link", { name: "次の7日" }).click();
    await page.waitForURL((url) => url.toString() !== before);
    await page.getByRole("heading", { name: /予約枠を選ぶ/ }).waitFor();
  }
  throw new Error("no bookable slot in four weeks");
}

it("an operator confirms a caller by voucher number + birth date and books a slot for them", async () => {
  const page = await loginAsOperator();
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "電話予約" }).click();
  await page.waitForURL(/\/admin\/callers$/);
  await expectAccessible(page);

  // A wrong birth date shows nothing about the caller.
  // (a textbox: the search kinds are radio buttons, one of them also named 接種券番号)
  await page.getByRole("textbox", { name: /接種券番号/ }).fill("2000000001");
  await page.getByLabel(/生年月日/).fill("1970-06-07");
  await page.getByRole("button", { name: "検索して本人確認" }).click();
  await page.getByRole("alert").filter({ hasText: "一致しません" }).waitFor();
  expect(page.url()).toMatch(/\/admin\/callers$/);

  // The demo's 住所地外 voucher (千代田区 131016), full-width digits as an operator might type them.
  await page.getByLabel(/生年月日/).fill("１９７０/６/６");
  await page.getByRole("button", { name: "検索して本人確認" }).click();
  await page.waitForURL(/\/admin\/callers\/view\?key=/);
  const body = await page.textContent("body");
  expect(body).toContain("2000000001");
  expect(body).toContain("住所地外（自治体コード 131016）");
  expect(body).toContain("次は1回目です");
  await screenshot(page, "call-center-caller");
  await expectAccessible(page);

  const button = await firstBookButton(page);
  const label = (await button.textContent()) ?? "";
  await button.click();
  const current = page.getByRole("region", { name: "現在の予約" });
  await current.getByText("予約済み", { exact: false }).waitFor();
  const booked = (await current.textContent()) ?? "";
  expect(booked).toMatch(/予約番号 \d{9}/);
  expect(booked).toContain(label.replace(/の枠を予約$/, "")); // the start time chosen
  expect(booked).toContain("1回目");
  // With a booking, no new one is offered: the picker gives way to change / cancel.
  expect(await page.getByRole("button", { name: /の枠を予約$/ }).count()).toBe(0);
  expect(await current.getByRole("button", { name: "予約をキャンセル" }).count()).toBe(1);
  await screenshot(page, "call-center-booked");
  await page.context().close();
});

it("an operator registers a 住所地外 voucher and goes straight to booking it", async () => {
  const page = await loginAsOperator();
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "接種券" }).click();
  await page.waitForURL(/\/admin\/vouchers$/);
  // The CSV upload is the admin's: no link for the call center.
  expect(await page.getByRole("link", { name: "CSVで一括登録" }).count()).toBe(0);
  await page.getByRole("textbox", { name: /接種券番号/ }).fill(NEW_VOUCHER);
  await page.getByLabel(/生年月日/).fill("1980-02-29");
  await page.getByLabel(/発行自治体コード/).fill("131017"); // wrong check digit (千代田区 is 131016)
  await page.getByRole("button", { name: "登録して予約へ進む" }).click();
  await page.getByRole("alert").filter({ hasText: "入力内容を確認してください" }).waitFor();
  expect(await page.textContent("body")).toContain("検査数字");
  await expectAccessible(page);
  await page.getByLabel(/発行自治体コード/).fill("131016");
  await page.getByRole("button", { name: "登録して予約へ進む" }).click();
  await page.waitForURL(/\/admin\/callers\/view\?key=/);
  expect(await page.textContent("body")).toContain(NEW_VOUCHER);
  expect(await page.textContent("body")).toContain("住所地外（自治体コード 131016）");
  await (await firstBookButton(page)).click();
  await page.getByRole("region", { name: "現在の予約" }).getByText("予約済み", { exact: false }).waitFor();
  await page.context().close();
});
