/** @jest-environment node */
// The dashboard at tablet width against `npm run demo` (today's demo reservations at M01, slots
// for the coming weeks): the admin sees every venue, the venue manager only M01 — also when the
// address asks for another venue — and 会場一般 is told it has no permission.
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

/** The bars drawn with a height in the chart titled `title`. */
async function barsDrawn(page: Page, title: string | RegExp): Promise<number> {
  const figure = page.locator("figure").filter({ has: page.locator("figcaption", { hasText: title }) });
  await figure.locator("svg[role=img]").waitFor();
  return figure.locator("svg rect").evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute("height")) > 0).length);
}

/** The table behind 「表で見る」 of the chart titled `title`, as rows of cell texts. */
async function chartTable(page: Page, title: string | RegExp): Promise<string[][]> {
  const figure = page.locator("figure").filter({ has: page.locator("figcaption", { hasText: title }) });
  await figure.getByText("表で見る").click();
  const table = figure.getByRole("table");
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? "").trim())));
}

it("the admin sees charts for every venue, with their tables, and a clear message for a bad range", async () => {
  const page = await login("admin");
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "ダッシュボード" }).click();
  await page.waitForURL(/\/admin\/dashboard$/);
  await page.getByRole("heading", { name: "ダッシュボード", level: 1 }).waitFor();

  // Every venue is offered; the charts count the demo's reservations (today, M01, web).
  const options = await page.getByLabel("会場", { exact: true }).locator("option").allTextContents();
  expect(options[0]).toBe("すべての会場");
  expect(options.some((o) => o.includes("M01"))).toBe(true);
  expect(options.some((o) => o.includes("C01"))).toBe(true);
  expect(await page.locator("svg[role=img]").count()).toBe(9); // with the wasted doses of past days
  expect(await barsDrawn(page, "予約数と定員（接種日ごと）")).toBeGreaterThan(1);
  expect(await barsDrawn(page, /^今後14日の空き（\d/)).toBeGreaterThan(10);
  await screenshot(page, "admin-dashboard");

  const perDay = await chartTable(page, "予約数と定員（接種日ごと）");
  expect(perDay).toHaveLength(14);
  const todayRow = perDay.at(-1)!;
  const [capacity, booked] = todayRow.slice(1).map((c) => Number(c.replace(/[^0-9]/g, "")));
  expect(booked).toBeGreaterThan(0);
  expect(capacity).toBeGreaterThanOrEqual(booked!);
  const channels = await chartTable(page, "接種日の予約");
  expect(channels.map((r) => r[0])).toEqual(["Web", "LINE", "電話（自動音声）", "オペレーター（職員）", "一括予約"]);
  expect(Number(channels[0]![1]!.replace(/[^0-9]/g, ""))).toBeGreaterThan(0);
  await expectAccessible(page);

  // A range the form cannot show is answered in words.
  await page.getByLabel("開始日", { exact: true }).fill("2026-12-10");
  await page.getByLabel("終了日", { exact: true }).fill("2026-12-01");
  await page.getByRole("button", { name: "表示する" }).click();
  await page.getByRole("alert").filter({ hasText: "開始日は終了日より前の日付にしてください。" }).waitFor();
  await page.goto(`${BASE_URL}/admin/dashboard?venue=abc`);
  await page.getByRole("alert").filter({ hasText: "会場の指定が正しくありません" }).waitFor();
  await page.context().close();
});

it("the venue manager sees only M01, also when the address names another venue", async () => {
  const admin = await login("admin");
  await admin.goto(`${BASE_URL}/admin/dashboard`);
  const otherVenue = await admin.getByLabel("会場", { exact: true }).locator("option", { hasText: "C01" }).getAttribute("value");
  await admin.context().close();

  const page = await login("m01-manager");
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "ダッシュボード" }).click();
  await page.waitForURL(/\/admin\/dashboard$/);
  const options = await page.getByLabel("会場", { exact: true }).locator("option").allTextContents();
  expect(options).toHaveLength(1);
  expect(options[0]).toContain("M01");
  expect(await barsDrawn(page, "予約数と定員（接種日ごと）")).toBeGreaterThan(1);
  const perVenue = await chartTable(page, "予約数と定員（会場ごと）");
  expect(perVenue.map((r) => r[0])).toEqual([expect.stringContaining("市民体育館")]);
  await expectAccessible(page);
  await screenshot(page, "venue-manager-dashboard");

  await page.goto(`${BASE_URL}/admin/dashboard?venue=${otherVenue}`);
  await page.getByRole("alert").filter({ hasText: "この会場のダッシュボードを見る権限がありません。" }).waitFor();
  expect(await page.locator("svg[role=img]").count()).toBe(0);
  await page.context().close();
});

it("会場一般 is told it has no permission, not shown an error", async () => {
  const page = await login("m01-staff");
  expect(await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "ダッシュボード" }).count()).toBe(0);
  const response = await page.goto(`${BASE_URL}/admin/dashboard`);
  expect(response?.status()).toBe(200);
  await page.getByRole("alert").filter({ hasText: "権限がありません" }).waitFor();
  expect(await page.locator("svg[role=img]").count()).toBe(0);
  await page.context().close();
});
