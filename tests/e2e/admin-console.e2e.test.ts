/** @jest-environment node */
// The admin's 会場, 予約枠 and アカウント as they meet them (tablet width), against `npm run demo`:
// create a venue, a week of slots by a recurring pattern (holidays skipped), see them in the week
// grid, create a 会場一般 account and read its one-time password; then that account's first login
// goes through the password change before anything else.
import type { Browser, Page } from "playwright-core";
import holidayJp from "@holiday-jp/holiday_jp";
import { addDays, tokyoDate, weekday } from "@/lib/domain/dates";
import { expectAccessible } from "./a11y";
import { BASE_URL, launchBrowser, screenshot, staffLogin } from "./browser";

// Unique per run, so the file also passes against a database that has seen an earlier run.
const suffix = Date.now().toString(36).toUpperCase().slice(-5);
const VENUE_CODE = `E${suffix}`;
const VENUE_NAME = `テスト会場${suffix}`;
const LOGIN_ID = `e2e-${suffix.toLowerCase()}`;

// Next week's Monday to Friday; 5 slots a day (09:30–12:00 every 30 minutes), none on a holiday.
const today = tokyoDate(new Date());
const nextMonday = addDays(today, 7 - ((weekday(today) + 6) % 7));
const weekdays = [0, 1, 2, 3, 4].map((i) => addDays(nextMonday, i));
const expectedSlots = weekdays.filter((d) => !holidayJp.isHoliday(d)).length * 5;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function login(loginId: string, password: string, landing: RegExp): Promise<Page> {
  return staffLogin(browser, loginId, { password, landing });
}

let oneTimePassword = "";

it("the admin creates a venue, a week of slots by pattern, sees them in the grid, and creates an account", async () => {
  const page = await login("admin", "demo-password-2026", /\/admin$/);

  // 会場: list → 登録
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "会場" }).click();
  await page.waitForURL(/\/admin\/venues$/);
  expect(await page.textContent("body")).toContain("市民体育館");
  expect(await page.getByRole("link", { name: "CSVで一括登録" }).getAttribute("href")).toBe("/admin/venues/import");
  await expectAccessible(page);
  await page.getByRole("link", { name: "会場を登録する" }).click();
  await page.waitForURL(/\/admin\/venues\/new$/);
  await page.getByRole("button", { name: "登録する" }).click();
  await page.getByRole("alert").filter({ hasText: "入力内容を確認してください" }).waitFor();
  expect(await page.textContent("body")).toContain("会場名を入力してください。");
  await page.getByLabel(/会場コード/).fill(VENUE_CODE);
  await page.getByLabel(/会場名/).fill(VENUE_NAME);
  await page.getByLabel("集団接種会場").check();
  await page.getByLabel("住所").fill("八王子市元本郷町3-24-1");
  await page.getByLabel("電話番号").fill("042-626-3111");
  await expectAccessible(page);
  await page.getByRole("button", { name: "登録する" }).click();
  await page.waitForURL(/\/admin\/venues\/\d+\?saved=created$/);
  await page.getByRole("status").filter({ hasText: `会場「${VENUE_NAME}」を登録しました` }).waitFor();
  await screenshot(page, "admin-venue-created");

  // 予約枠: the new venue's empty week → 繰り返しで作成 → confirm the count → create
  await page.getByRole("link", { name: "この会場の予約枠" }).click();
  await page.waitForURL(/\/admin\/slots\?venue=\d+$/);
  const venueId = new URL(page.url()).searchParams.get("venue")!;
  await page.getByText("この週の予約枠はありません。").waitFor();
  await page.getByRole("link", { name: "繰り返しで作成" }).click();
  await page.waitForURL(/\/admin\/slots\/pattern\?venue=\d+$/);
  await page.getByLabel(/^開始日/).fill(nextMonday);
  await page.getByLabel(/^終了日/).fill(addDays(nextMonday, 6));
  await page.getByLabel("最初の枠の開始時刻").fill("09:30");
  await page.getByLabel("最後の枠の終了時刻").fill("12:00");
  await page.getByLabel("1枠の長さ（分）").fill("30");
  await page.getByLabel("1枠の定員（人）").fill("20");
  await page.getByRole("button", { name: "作成する件数を確認する" }).click();
  await page.getByRole("alert").filter({ hasText: `${expectedSlots}件の予約枠を作成します` }).waitFor();
  await expectAccessible(page);
  await screenshot(page, "admin-slot-pattern-preview");
  await page.getByRole("button", { name: "この内容で作成する（確定）" }).click();
  await page.getByRole("status").filter({ hasText: `${expectedSlots}件の予約枠を作成しました` }).waitFor();

  // The week grid: every slot shows 0 booked of 20
  await page.goto(`${BASE_URL}/admin/slots?venue=${venueId}&week=${nextMonday}`);
  await page.getByRole("table").waitFor();
  const cells = page.getByRole("link", { name: /予約0人／定員20人/ });
  expect(await cells.count()).toBe(expectedSlots);
  expect(await page.textContent("body")).toContain(`この週: ${expectedSlots}枠`);
  await expectAccessible(page);
  await screenshot(page, "admin-slot-week");
  // Prev/next week
  await page.getByRole("link", { name: "次の週 →" }).click();
  await page.getByText("この週の予約枠はありません。").waitFor();
  await page.getByRole("link", { name: "← 前の週" }).click();
  await page.getByRole("table").waitFor();

  // アカウント: a 会場一般 of the new venue, with its one-time password
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "アカウント" }).click();
  await page.waitForURL(/\/admin\/accounts$/);
  expect(await page.textContent("body")).toContain("m01-manager");
  await expectAccessible(page);
  await page.getByRole("link", { name: "アカウントを作成する" }).click();
  await page.waitForURL(/\/admin\/accounts\/new$/);
  await page.getByLabel(/ログインID/).fill(LOGIN_ID);
  await page.getByLabel("氏名").fill("テスト 花子");
  await page.getByLabel("会場一般").check();
  await page.getByLabel(/担当会場の会場コード/).fill(VENUE_CODE.toLowerCase());
  await expectAccessible(page);
  await page.getByRole("button", { name: "作成して初期パスワードを発行する" }).click();
  await page.getByRole("status").filter({ hasText: `アカウント「${LOGIN_ID}」を作成しました` }).waitFor();
  oneTimePassword = (await page.getByTestId("one-time-password").textContent())!.trim();
  expect(oneTimePassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{14}$/);
  await page.getByRole("button", { name: "パスワードをコピー" }).waitFor();
  await expectAccessible(page);
  await screenshot(page, "admin-account-created");
  await page.context().close();
});

it("the new account must change its password at first login, then reaches its console", async () => {
  expect(oneTimePassword).not.toBe("");
  const page = await login(LOGIN_ID, oneTimePassword, /\/admin\/password$/);
  // Any console page sends it back here until the password is changed.
  await page.goto(`${BASE_URL}/admin/slots`);
  await page.waitForURL(/\/admin\/password$/);
  await page.getByRole("heading", { name: "パスワードの変更" }).waitFor();
  await expectAccessible(page);
  await page.getByLabel("今のパスワード").fill(oneTimePassword);
  await page.getByLabel("新しいパスワード", { exact: true }).fill("short");
  await page.getByLabel("新しいパスワード（確認のためもう一度）").fill("short");
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await page.getByText("パスワードは10文字以上にしてください。").waitFor();
  await page.getByLabel("新しいパスワード", { exact: true }).fill("e2e-new-password-2026");
  await page.getByLabel("新しいパスワード（確認のためもう一度）").fill("e2e-new-password-2026");
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await page.waitForURL(/\/admin(\?password=changed)?$/);
  expect(await page.textContent("body")).toContain("会場一般");
  expect(await page.textContent("body")).toContain(VENUE_NAME);
  // Venue staff see their venue's slots but may not change them.
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "予約枠" }).click();
  await page.getByRole("heading", { name: `予約枠 — ${VENUE_NAME}` }).waitFor();
  expect(await page.getByRole("link", { name: "繰り返しで作成" }).count()).toBe(0);
  await page.context().close();
});
