/** @jest-environment node */
// Same-day leftover doses (余剰ワクチン) as people meet them, against `npm run demo` with the fake
// LINE Platform of scripts/e2e.ts: the admin turns the offers on in 設定 (tablet); a resident opens
// the LIFF page, links the demo voucher 1000000005 (no other e2e file uses it) and opts in with LINE
// at phone width; the venue's receptionist declares 1 dose 30 minutes from now on the tablet and
// sees the offer sent (the fake LINE Platform accepted the push) and closes it. The setting is put
// back off at the end.
import type { Browser, Page } from "playwright-core";
import { expectAccessible } from "./a11y";
import { BASE_URL, launchBrowser, PHONE, screenshot, staffLogin } from "./browser";

const LINE_USER = `U${"1ef7".padStart(32, "0")}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  const page = await staffPage("admin").catch(() => null);
  if (page) {
    await setLeftover(page, false).catch(() => undefined);
    await page.context().close();
  }
  await browser?.close();
});

function staffPage(loginId: string): Promise<Page> {
  return staffLogin(browser, loginId);
}

async function setLeftover(page: Page, on: boolean) {
  await page.goto(`${BASE_URL}/admin/settings`);
  const form = page.getByRole("form", { name: "キャンセル待ち・余剰ワクチン" });
  await form.getByRole("group", { name: "余剰ワクチンのご案内" }).getByLabel(on ? "使う" : "使わない").check();
  await form.getByRole("button", { name: "キャンセル待ち・余剰ワクチンの設定を保存する" }).click();
  await form.getByRole("status").filter({ hasText: /設定を保存しました|変更はありませんでした/ }).waitFor();
}

function minutesUntilTokyoMidnight(): number {
  const [h, m] = tokyoClock(0).split(":").map(Number);
  return 24 * 60 - (h! * 60 + m!);
}

/** HH:MM in Tokyo, `minutes` from now. */
function tokyoClock(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 9 * 3_600_000).toISOString().slice(11, 16);
}

it("a resident opts in through LINE; the venue declares a leftover dose and the offer goes out", async () => {
  const admin = await staffPage("admin");
  await setLeftover(admin, true);
  await admin.context().close();

  // The resident, in LINE: the LIFF entry leads through linking to the opt-in page.
  const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP" });
  await context.addInitScript((token) => window.localStorage.setItem("liffMockIdToken", token), `fake.${LINE_USER}`);
  const resident = await context.newPage();
  await resident.goto(`${BASE_URL}/liff/leftover`);
  await resident.waitForURL(/\/liff\/link\?to=leftover$/);
  await resident.getByLabel("接種券番号").fill("1000000005");
  await resident.getByLabel("年", { exact: true }).fill("1960");
  await resident.getByLabel("月", { exact: true }).fill("11");
  await resident.getByLabel("日", { exact: true }).fill("11");
  await resident.getByRole("button", { name: "ログイン" }).click();
  await resident.waitForURL(/\/mypage\/leftover$/);
  await resident.getByRole("heading", { name: "余剰ワクチンの当日のご案内を受け取る", level: 1 }).waitFor();
  expect(await resident.textContent("main")).toContain("申し込んでいません");
  await resident.getByRole("group", { name: "ご案内を受け取る会場" }).getByLabel("すべての会場").check();
  await resident.getByRole("group", { name: "ご案内の受け取り方法" }).getByLabel("LINE").check();
  await expectAccessible(resident);
  await screenshot(resident, "leftover-opt-in-390");
  await resident.getByRole("button", { name: "申し込む" }).click();
  await resident.waitForURL(/\/mypage\/leftover\?saved=1$/);
  await resident.getByRole("status").filter({ hasText: "申し込みを保存しました" }).waitFor();
  expect(await resident.textContent("main")).toContain("申し込み済みです（会場: すべての会場、ご案内: LINE）");
  await expectAccessible(resident);
  await screenshot(resident, "leftover-opt-in-saved-390");

  // The venue tablet.
  const staff = await staffPage("m01-staff");
  await staff.goto(`${BASE_URL}/admin/leftover`);
  await staff.getByRole("heading", { name: /余剰ワクチン — 市民体育館/ }).waitFor();
  // A dose a few minutes from now, today. In the last minutes of the day there is none to declare: wait for
  // the next day (at most a few minutes) instead of leaving the declaration out.
  if (tokyoClock(0) >= "23:55") await new Promise((r) => setTimeout(r, (minutesUntilTokyoMidnight() + 0.5) * 60_000));
  const at = tokyoClock(3);
  const form = staff.getByRole("form", { name: "本日の余剰を登録する" });
  await form.getByLabel(/接種の時刻/).fill(at);
  await form.getByLabel(/余剰の回数/).fill("1");
  await form.getByLabel("ワクチン").selectOption("PFIZER");
  await form.getByLabel(/メモ/).fill("e2e: 1名キャンセル");
  await form.getByRole("button", { name: "余剰を登録してご案内を送る" }).click();
  await form.getByRole("status").filter({ hasText: `本日 ${at} に 1回分の余剰を登録しました。1人にご案内を送りました` }).waitFor();
  const release = staff.getByRole("listitem").filter({ hasText: `${at}〜` });
  await release.getByText("ご案内中").waitFor();
  expect(await release.textContent()).toMatch(/ご案内を送信\s*1人/);
  await screenshot(staff, "leftover-venue-1024");
  await release.getByRole("button", { name: "ご案内を終了する" }).click();
  await release.getByRole("status").filter({ hasText: "回答待ちだった1人のご案内を取り消しました" }).waitFor();
  await staff.getByText("ご案内終了").first().waitFor();
  await staff.context().close();
  await context.close();
}, 10 * 60_000); // up to a few minutes of waiting for midnight in Tokyo, then about a minute
