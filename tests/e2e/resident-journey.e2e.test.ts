/** @jest-environment node */
// Issue 3's resident journeys at phone width, as a screen reader finds things (role and label):
// book → QR → .ics → change → cancel; セット予約; 同時予約; a refused booking; lockout; English.
// Every page passed on the way is scanned with axe (no serious or critical violations).
import type { Browser, Page } from "playwright-core";
import { expectAccessible } from "./a11y";
import { BASE_URL, docScreenshot, fetchWithPass, launchBrowser, PHONE } from "./browser";
import { freshAdultVoucher, FRESH_VOUCHER, tokyoToday } from "./demo-vouchers";
import { chooseFreeDay, confirmBooking, reviewFirstSlot } from "./resident-steps";

/** The day the demo was seeded (the e2e run seeds it just before the tests): its generated vouchers depend on it. */
const SEED_DAY = tokyoToday();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function residentPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP" });
  return context.newPage();
}

async function logIn(page: Page, voucherNumber: string, [year, month, day]: [string, string, string]) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel("接種券番号").fill(voucherNumber);
  await page.getByLabel("年", { exact: true }).fill(year);
  await page.getByLabel("月", { exact: true }).fill(month);
  await page.getByLabel("日", { exact: true }).fill(day);
  await page.getByRole("button", { name: "ログイン" }).click();
}

describe("book → QR → .ics → change → cancel", () => {
  it("walks the whole life of a reservation with a confirmation at every step", async () => {
    const page = await residentPage();
    await page.goto(`${BASE_URL}/`);
    await expectAccessible(page);
    await docScreenshot(page, "01-landing");

    await logIn(page, "1000000007", ["1975", "8", "8"]);
    await page.waitForURL(/\/mypage$/);
    await expectAccessible(page);
    await docScreenshot(page, "03-mypage");
    for (const [path, heading, shot] of [
      ["/venues", "会場から探す", "04b-venues"],
      ["/today", "当日予約（今日の空き）", "04c-today"],
    ] as const) {
      await page.goto(`${BASE_URL}${path}`);
      await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
      await expectAccessible(page);
      await docScreenshot(page, shot);
    }
    await page.goto(`${BASE_URL}/mypage`);

    await page.getByRole("link", { name: "日付から探して予約する" }).click();
    await page.waitForURL(/\/slots$/);
    await expectAccessible(page);
    // A few days ahead: the change deadline (the day before at 17:00) must not have passed when the test runs.
    await chooseFreeDay(page, 2);
    await expectAccessible(page);
    await docScreenshot(page, "04-slots-by-date");
    await page.getByRole("link", { name: /この枠で予約する/ }).first().click();
    await page.waitForURL(/\/book\/\d+$/);
    await expectAccessible(page);
    await page.getByLabel(/カナ氏名/).fill("すずき はなこ");
    await page.getByLabel(/電話番号/).fill("090-1111-2222");
    await docScreenshot(page, "06-booking-form");
    await page.getByRole("button", { name: "確認へ進む" }).click();
    await page.getByRole("heading", { name: "入力内容の確認" }).waitFor();
    await expectAccessible(page);
    await docScreenshot(page, "06b-booking-confirm");
    await page.getByRole("button", { name: "予約を確定する" }).click();

    await page.waitForURL(/\/reservations\/\d{9}\?done=1$/);
    const number = /\/reservations\/(\d{9})/.exec(page.url())![1]!;
    expect(await page.getByRole("status").textContent()).toContain("予約が完了しました");
    await page.getByRole("img", { name: new RegExp(`受付用QRコード.*${number}`) }).waitFor();
    expect(await page.textContent("main")).toContain("本人確認書類");
    await expectAccessible(page);
    await docScreenshot(page, "07-reservation-done");

    // The .ics file: a real download of this reservation, in the resident's session.
    const ics = await page.request.get(`${BASE_URL}/reservations/${number}/ics`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const calendar = await ics.text();
    expect(calendar).toContain("BEGIN:VEVENT");
    expect(calendar).toContain(number);

    // Change: pick another day, see before/after, confirm.
    await page.getByRole("link", { name: "予約を変更する" }).click();
    await page.waitForURL(/\/reservations\/\d{9}\/change$/);
    await page.getByRole("heading", { name: "予約の変更", level: 1 }).waitFor();
    await expectAccessible(page);
    await chooseFreeDay(page, 3);
    await expectAccessible(page);
    await docScreenshot(page, "08a-change-choose");
    await page.getByRole("link", { name: /この枠に変更する/ }).first().click();
    await page.waitForURL(/\/change\/\d+$/);
    await page.getByRole("heading", { name: "変更内容の確認" }).waitFor();
    expect(await page.textContent("main")).toContain("変更前");
    expect(await page.textContent("main")).toContain("変更後");
    await expectAccessible(page);
    await docScreenshot(page, "08-change-confirm");
    await page.getByRole("button", { name: "この内容で変更する" }).click();
    await page.waitForURL(/\/reservations\/\d{9}\?changed=1$/);
    const changedNumber = /\/reservations\/(\d{9})/.exec(page.url())![1]!;

    // Cancel: a warning, then the button.
    await page.getByRole("link", { name: "予約をキャンセルする" }).click();
    await page.waitForURL(/\/cancel$/);
    await page.getByRole("heading", { name: "予約のキャンセル" }).waitFor();
    expect(await page.textContent("main")).toContain("ほかの方が予約できるようになります");
    await expectAccessible(page);
    await docScreenshot(page, "09-cancel-confirm");
    await page.getByRole("button", { name: "予約をキャンセルする" }).click();
    await page.waitForURL(new RegExp(`/mypage\\?cancelled=${changedNumber}$`));
    expect(await page.getByRole("status").textContent()).toContain("キャンセルしました");
    expect(await page.textContent("main")).toContain("現在、予約はありません。");
    await page.context().close();
  });
});

describe("refusals", () => {
  it("shows why a slot cannot be booked: dose 2 before the interval has passed", async () => {
    const page = await residentPage();
    await logIn(page, "1000000003", ["1990", "1", "20"]); // dose 1 ten days ago: dose 2 from day 21
    await page.waitForURL(/\/mypage$/);
    expect(await page.textContent("main")).toContain("から接種を受けられます");
    await page.getByRole("link", { name: "日付から探して予約する" }).click();
    await page.waitForURL(/\/slots$/);
    // Tomorrow is too early: its slots are listed greyed with the reason, without a booking link.
    const tomorrow = await page.evaluate(() => {
      const d = new Date(Date.now() + 9 * 3600_000 + 86400_000);
      return d.toISOString().slice(0, 10);
    });
    await page.goto(`${BASE_URL}/slots?date=${tomorrow}`);
    const section = page.getByRole("region", { name: /の予約枠/ });
    await section.waitFor();
    const text = await section.textContent();
    if (!text?.includes("この日の予約枠はありません")) {
      expect(text).toContain("予約できません");
      expect(text).toContain("21日以上");
      expect(await section.getByRole("link", { name: /この枠で予約する/ }).count()).toBe(0);
    }
    await docScreenshot(page, "05-slots-refused");
    await expectAccessible(page);
    await page.context().close();
  });

  it("locks a voucher number after five wrong birth dates and says until when", async () => {
    const page = await residentPage();
    await page.goto(`${BASE_URL}/login`);
    await expectAccessible(page);
    for (let i = 0; i < 5; i++) {
      await logIn(page, "1000000012", ["1999", "12", String(i + 1)]);
      await page.getByRole("alert").filter({ hasText: /正しくありません|ログインできません/ }).waitFor();
    }
    const alert = await page.getByRole("alert").filter({ hasText: "接種券番号" }).textContent();
    expect(alert).toContain("までログインできません");
    // Even the right birth date is refused while locked.
    await logIn(page, "1000000012", ["1999", "12", "31"]);
    await page.getByRole("alert").filter({ hasText: "までログインできません" }).waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await expectAccessible(page);
    await docScreenshot(page, "02-login-locked");
    await page.context().close();
  });
});

describe("セット予約 and 同時予約", () => {
  it("books doses 1 and 2 together", async () => {
    const page = await residentPage();
    await logIn(page, "1000000008", ["1982", "2", "2"]);
    await page.waitForURL(/\/mypage$/);
    await page.getByRole("link", { name: "日付から探して予約する" }).click();
    await page.waitForURL(/\/slots$/);
    await chooseFreeDay(page);
    await page.getByRole("link", { name: /この枠で予約する/ }).first().click();
    await page.waitForURL(/\/book\/\d+$/);
    await page.getByRole("link", { name: /セット予約/ }).click();
    await page.waitForURL(/\/book\/\d+\/set$/);
    await page.getByRole("heading", { name: "セット予約（1回目と2回目）" }).waitFor();
    await expectAccessible(page);
    await chooseFreeDay(page);
    await expectAccessible(page);
    await page.getByRole("link", { name: /2回目をこの枠にする/ }).first().click();
    await page.waitForURL(/\/set\/\d+$/);
    // The demo municipality asks for カナ氏名 and 電話番号 (required), then shows both doses to confirm.
    await page.getByLabel(/カナ氏名/).fill("サトウ ジロウ");
    await page.getByLabel(/電話番号/).fill("0312345678");
    await expectAccessible(page);
    await page.getByRole("button", { name: "確認へ進む" }).click();
    await page.getByRole("heading", { name: "予約内容の確認" }).waitFor();
    await expectAccessible(page);
    await docScreenshot(page, "10-set-confirm");
    await page.getByRole("button", { name: "2回分を予約する" }).click();
    await page.waitForURL(/\/reservations\/\d{9}\?done=1$/);
    const main = await page.textContent("main");
    expect(main).toContain("1回目");
    expect(main).toContain("2回目");
    await page.context().close();
  });

  it("books two family members into the same slot, or nobody", async () => {
    const page = await residentPage();
    await logIn(page, "1000000009", ["1980", "9", "9"]);
    await page.waitForURL(/\/mypage$/);
    await page.getByRole("link", { name: "日付から探して予約する" }).click();
    await page.waitForURL(/\/slots$/);
    await chooseFreeDay(page);
    await page.getByRole("link", { name: /この枠で予約する/ }).first().click();
    await page.waitForURL(/\/book\/\d+$/);
    await page.getByRole("link", { name: /同時予約/ }).click();
    await page.waitForURL(/\/book\/\d+\/family$/);
    await page.getByRole("heading", { name: "同時予約（ご家族と同じ時間に）" }).waitFor();
    await expectAccessible(page);
    // One family row is there from the start; a row added by mistake can be removed.
    await page.getByRole("button", { name: "家族を追加" }).click();
    await page.getByRole("button", { name: "3人目を削除" }).click();
    expect(await page.getByLabel("3人目の接種券番号").count()).toBe(0);
    await page.getByLabel("2人目の接種券番号").fill("1000000010");
    // A wrong birth date first: nobody is booked, and the row says why.
    await page.getByLabel("2人目の生まれた年（西暦）").fill("1983");
    await page.getByLabel("2人目の生まれた月").fill("10");
    await page.getByLabel("2人目の生まれた日").fill("11");
    await docScreenshot(page, "11-family-form");
    await page.getByRole("button", { name: "確認へ進む" }).click();
    await page.getByRole("button", { name: "全員分を予約する" }).click();
    // (Next's route announcer is also role="alert": wait for the form's own message.)
    await page.getByRole("alert").filter({ hasText: "どなたの予約も行いませんでした" }).waitFor();
    expect(await page.textContent("main")).toContain("この方は予約できません: 接種券番号または生年月日が正しくありません。");
    expect(page.url()).toMatch(/\/family$/);
    await expectAccessible(page);
    // Corrected: both are booked into the same slot.
    await page.getByLabel("2人目の生まれた日").fill("10");
    await page.getByRole("button", { name: "確認へ進む" }).click();
    await page.getByRole("button", { name: "全員分を予約する" }).click();
    await page.waitForURL(/\/reservations\/\d{9}\?done=1$/);
    await page.context().close();

    // The second member sees the reservation too.
    const other = await residentPage();
    await logIn(other, "1000000010", ["1983", "10", "10"]);
    await other.waitForURL(/\/mypage$/);
    expect(await other.textContent("main")).toContain("予約済み");
    await other.context().close();
  });
});

describe("English", () => {
  it("switches language on any page and books in English", async () => {
    const page = await residentPage();
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole("navigation", { name: /Language/ }).getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole("heading", { name: "Log in with your voucher number" }).waitFor();
    expect(await page.locator("[lang=en]").count()).toBeGreaterThan(0);
    await page.getByLabel(/Voucher number/).fill("1000000011");
    await page.getByLabel("Year", { exact: true }).fill("1955");
    await page.getByLabel("Month", { exact: true }).fill("12");
    await page.getByLabel("Day", { exact: true }).fill("12");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/mypage$/);
    expect(await page.textContent("main")).toContain("Your next dose");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Find a slot by date" }).click();
    await page.locator('a[aria-label$="Available"], a[aria-label$="Few left"]').first().click();
    await page.waitForURL(/date=/);
    await docScreenshot(page, "12-english-slots");
    await page.getByRole("link", { name: /Book this slot/ }).first().click();
    await page.waitForURL(/\/book\/\d+$/);
    await page.getByLabel(/Name in katakana/).fill("たなか いちろう");
    await page.getByLabel(/Phone number/).fill("09000000000");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Confirm booking" }).click();
    await page.waitForURL(/\/reservations\/\d{9}\?done=1$/);
    await page.getByRole("status").filter({ hasText: "Your reservation is complete" }).waitFor();
    await expectAccessible(page);
    // Back to Japanese: the same page, in Japanese.
    await page.getByRole("link", { name: "日本語" }).click();
    await page.waitForURL(/\/reservations\/\d{9}/);
    expect(await page.getByRole("status").textContent()).toContain("予約が完了しました");
    await page.context().close();
  });
});

describe("FAQ chatbot", () => {
  it("answers a suggested question on any page, and hands off what it cannot answer", async () => {
    const page = await residentPage();
    await page.goto(`${BASE_URL}/`);
    await page.getByRole("button", { name: "質問する（チャット）" }).click();
    const panel = page.getByRole("region", { name: "よくある質問（チャット）" });
    await panel.getByRole("button", { name: "予約をキャンセルしたい" }).click();
    const answers = panel.getByRole("listitem");
    await answers.nth(1).waitFor();
    expect(await answers.nth(1).textContent()).toContain("キャンセル");
    await panel.getByLabel("質問").fill("犬の狂犬病ワクチンはどこで受けられますか");
    await panel.getByRole("button", { name: "送信" }).click();
    await answers.nth(3).waitFor();
    expect(await answers.nth(3).textContent()).toContain("コールセンター");
    await expectAccessible(page);
    await docScreenshot(page, "13-chatbot");
    await page.context().close();
  });
});

describe("pages without a session", () => {
  it.each(["/mypage", "/slots", "/venues", "/today", "/book/1", "/reservations/123456789", "/reservations/123456789/change", "/reservations/123456789/cancel"])(
    "%s sends the visitor to /login",
    async (path) => {
      const page = await residentPage();
      await page.goto(`${BASE_URL}${path}`);
      await page.waitForURL(/\/login$/);
      await page.context().close();
    },
  );

  it("answers the .ics of someone else's reservation with 401, not the file", async () => {
    const res = await fetchWithPass(`${BASE_URL}/reservations/123456789/ics`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("BEGIN:VCALENDAR");
  });
});

describe("without JavaScript", () => {
  // With JavaScript the login form posts to /login/submit and navigates itself; without it the
  // form posts the server action and the answer is the page (a refusal) or a 303 to My page.
  it("logs in with the plain form, and a refusal is shown on the page", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP", javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, "1000000006", ["1978", "3", "4"]);
    await page.getByRole("alert").filter({ hasText: /正しくありません|ログインできません/ }).waitFor();
    await logIn(page, "1000000006", ["1978", "3", "3"]);
    await page.waitForURL(/\/mypage$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("マイページ");
    await context.close();
  });

  // Without JavaScript both steps of the booking form post its server action: the review comes back as
  // the page, and 確定 answers with a 303 to the reservation (with JavaScript: /book/{slot}/submit).
  it("books with the plain form: review, back to the fields, review again, then 確定, and lands on the reservation", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP", javaScriptEnabled: false });
    const page = await context.newPage();
    const voucher = freshAdultVoucher(SEED_DAY, FRESH_VOUCHER.noScriptBooking);
    await logIn(page, voucher.voucherNumber, voucher.birthDate.split("-").map((part) => String(Number(part))) as [string, string, string]);
    await page.waitForURL(/\/mypage$/);
    await page.goto(`${BASE_URL}/slots`);
    await chooseFreeDay(page, 1);
    await reviewFirstSlot(page, { kanaName: "たなか じろう", phone: "090-3333-4444" });
    expect(await page.textContent("main")).toContain("タナカ　ジロウ");
    // 「入力に戻る」 without a script posts the form back: the fields again as the review checked them
    // (the confirmation's copy: kana in katakana, the phone in digits), then the review once more.
    await page.getByRole("button", { name: "入力に戻る" }).click();
    await page.getByRole("button", { name: "確認へ進む" }).waitFor();
    expect(await page.getByLabel(/カナ氏名/).inputValue()).toBe("タナカ　ジロウ");
    expect(await page.getByLabel(/電話番号/).inputValue()).toBe("09033334444");
    await page.getByLabel(/電話番号/).fill("090-3333-5555");
    await page.getByRole("button", { name: "確認へ進む" }).click();
    await page.getByRole("heading", { name: "入力内容の確認" }).waitFor();
    expect(await page.textContent("main")).toMatch(/090-?3333-?5555/);
    await confirmBooking(page);
    await context.close();
  });
});
