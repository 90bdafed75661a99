// Steps of the resident booking pages that several e2e tests take the same way (web, LIFF, without JavaScript).
import type { Page } from "playwright-core";

/** In the month calendar, the `nth` day with a free slot (moving to the next month if this one has none). */
export async function chooseFreeDay(page: Page, nth = 0) {
  const free = page.locator('a[aria-label$="空きあり"], a[aria-label$="残りわずか"]');
  if ((await free.count()) <= nth) {
    await page.getByRole("link", { name: /次の月/ }).click();
    await page.waitForURL(/month=/);
  }
  await free.nth(nth).click();
  await page.waitForURL(/date=\d{4}-\d{2}-\d{2}/);
}

/** From a day's slots: the first bookable slot, the personal fields typed, up to the confirmation step. */
export async function reviewFirstSlot(page: Page, personal: { kanaName: string; phone: string }) {
  await page.getByRole("link", { name: /この枠で予約する/ }).first().click();
  await page.waitForURL(/\/book\/\d+$/);
  await page.getByLabel(/カナ氏名/).fill(personal.kanaName);
  await page.getByLabel(/電話番号/).fill(personal.phone);
  await page.getByRole("button", { name: "確認へ進む" }).click();
  await page.getByRole("heading", { name: "入力内容の確認" }).waitFor();
}

/** 確定 on the confirmation step: the reservation page says it is done; returns the reservation number. */
export async function confirmBooking(page: Page): Promise<string> {
  await page.getByRole("button", { name: "予約を確定する" }).click();
  await page.waitForURL(/\/reservations\/\d{9}\?done=1$/);
  const number = /\/reservations\/(\d{9})/.exec(page.url())![1]!;
  expect(await page.getByRole("status").textContent()).toContain("予約が完了しました");
  return number;
}
