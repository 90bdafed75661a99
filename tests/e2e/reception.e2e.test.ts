/** @jest-environment node */
// Issue 10 at the venue, end to end against `npm run demo`: the admin opens a slot for later
// today at M01 and presets the day's lot; the call-center operator books a demo voucher into
// it for a caller; the venue staff (tablet width) types the reservation QR payload and the
// birth date into the scan field, checks in with one tap and records 接種済み with the preset
// lot; then the resident (phone width) sees dose 2 refused before the 21-day interval, with
// the reason, and books dose 2 on a day on or after it.
import type { Browser, Page } from "playwright-core";
import { addDays } from "@/lib/domain/dates";
import { expectAccessible } from "./a11y";
import { BASE_URL, launchBrowser, PHONE, screenshot, staffLogin } from "./browser";
import { freshAdultVoucher, FRESH_VOUCHER } from "./demo-vouchers";

const VENUE_NAME = "市民体育館 集団接種会場";
const LOT = "EE2610";
const DOCTOR = "受付 花子";

/** Tokyo's date and wall-clock minutes now. */
function tokyoNow(): { date: string; minutes: number } {
  const shifted = new Date(Date.now() + 9 * 3600_000);
  return { date: shifted.toISOString().slice(0, 10), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, "0");
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The day the demo was seeded (the e2e run seeds it just before the tests): its generated vouchers depend on it. */
const SEED_DAY = tokyoNow().date;

/**
 * A slot that starts a few minutes from now and ends before midnight, Tokyo time. In the last minutes of the day
 * there is no room for one, so the test waits for the next day (at most a few minutes) instead of failing.
 */
async function slotTimesLaterToday(): Promise<{ date: string; startTime: string; endTime: string }> {
  let now = tokyoNow();
  if (now.minutes > 23 * 60 + 54) {
    await new Promise((r) => setTimeout(r, (24 * 60 - now.minutes + 0.5) * 60_000));
    now = tokyoNow();
  }
  const start = now.minutes + 3;
  const end = Math.min(start + 20, 23 * 60 + 59);
  return { date: now.date, startTime: clock(start), endTime: clock(end) };
}

function pickVoucher(): { voucherNumber: string; birthDate: string } {
  return freshAdultVoucher(SEED_DAY, FRESH_VOUCHER.reception);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function staffPage(loginId: string): Promise<Page> {
  return staffLogin(browser, loginId);
}

it("operator books today, the venue checks in from the QR payload and records the dose, the resident books dose 2 only after the interval", async () => {
  const voucher = pickVoucher();
  const [year, month, day] = voucher.birthDate.split("-");

  // ── The admin: a slot later today at M01 (the demo's own slots of today may be over or absent on a holiday) and the day's lot.
  const { date: TODAY, startTime, endTime } = await slotTimesLaterToday();
  const admin = await staffPage("admin");
  await admin.goto(`${BASE_URL}/admin/reception`);
  const venueHref = await admin.getByRole("navigation", { name: "会場の切り替え" }).getByRole("link", { name: VENUE_NAME }).getAttribute("href");
  const venueId = /venue=(\d+)/.exec(venueHref ?? "")![1]!;
  await admin.goto(`${BASE_URL}/admin/slots/new?venue=${venueId}`);
  await admin.getByLabel(/^日付/).fill(TODAY);
  await admin.getByLabel(/^開始時刻/).fill(startTime);
  await admin.getByLabel(/^終了時刻/).fill(endTime);
  await admin.getByLabel(/定員/).fill("5");
  await admin.getByLabel(/^ワクチン/).selectOption("PFIZER");
  await admin.getByRole("button", { name: "作成する" }).click();
  await admin.waitForURL(/\/admin\/slots\/\d+\?saved=created$/);
  await admin.goto(`${BASE_URL}/admin/reception/lots?venue=${venueId}`);
  await admin.getByLabel("ワクチン").selectOption("PFIZER");
  await admin.getByLabel("ロット番号").fill(LOT);
  await admin.getByRole("button", { name: "ロットを登録" }).click();
  await admin.getByText(`ロット ${LOT} を登録しました。`).waitFor();
  await admin.context().close();

  // ── The call center: confirm the caller, book the new slot, read the reservation number.
  const operator = await staffPage("callcenter");
  await operator.goto(`${BASE_URL}/admin/callers`);
  await operator.getByRole("textbox", { name: /接種券番号/ }).fill(voucher.voucherNumber);
  await operator.getByLabel(/生年月日/).fill(voucher.birthDate);
  await operator.getByRole("button", { name: "検索して本人確認" }).click();
  await operator.waitForURL(/\/admin\/callers\/view\?key=/);
  expect(await operator.textContent("body")).toContain("次は1回目です");
  await operator.getByLabel("会場", { exact: true }).selectOption(venueId);
  await operator.getByLabel("日付（7日分）").fill(TODAY);
  await operator.getByRole("button", { name: "表示", exact: true }).click();
  await operator.waitForURL(/venue=\d+/);
  await operator.getByRole("button", { name: `${startTime}の枠を予約`, exact: true }).click();
  const current = operator.getByRole("region", { name: "現在の予約" });
  await current.getByText("予約済み", { exact: false }).waitFor();
  const booked = (await current.textContent()) ?? "";
  expect(booked).toContain(`${startTime}`);
  const reservationNumber = /予約番号 (\d{9})/.exec(booked)![1]!;
  await screenshot(operator, "reception-01-operator-booked");
  await operator.context().close();

  // ── The venue (会場一般 of M01), tablet width: scan field → birth date → 受付 → 接種済み with the preset lot.
  const venue = await staffPage("m01-staff");
  await venue.goto(`${BASE_URL}/admin/reception`);
  await venue.getByRole("heading", { name: `受付 — ${VENUE_NAME}` }).waitFor();
  const scan = venue.getByLabel("予約QR・予約番号・接種券番号");
  await venue.waitForFunction((label) => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.includes(label) ?? false, "予約QR・予約番号・接種券番号");
  // A scanner types the payload and presses Enter: the cursor moves on to the birth date.
  await scan.pressSequentially(`VRSV:${reservationNumber}`);
  await scan.press("Enter");
  const birth = venue.getByLabel("生年月日（8桁）");
  expect(await birth.evaluate((el) => el === document.activeElement)).toBe(true);
  // A wrong birth date reveals nothing.
  await birth.fill("19000101");
  await birth.press("Enter");
  await venue.getByText("予約が見つからないか、生年月日が一致しません", { exact: false }).first().waitFor();
  expect(await venue.textContent("main")).not.toContain(voucher.voucherNumber + "・生年月日");
  await birth.fill(`${year}${month}${day}`);
  await birth.press("Enter");
  const found = venue.locator('[aria-label="読み取った予約"]');
  await found.waitFor();
  const foundText = (await found.textContent()) ?? "";
  expect(foundText).toContain(`予約番号 ${reservationNumber}`);
  expect(foundText).toContain(`接種券番号 ${voucher.voucherNumber}`);
  expect(foundText).toContain("予約済み");
  expect(foundText).toContain(`${startTime}〜${endTime}・1回目`);
  // The slot has not ended: 来場なし is not offered yet.
  expect(await found.getByRole("button", { name: "来場なし" }).count()).toBe(0);
  await screenshot(venue, "reception-02-scanned");
  await expectAccessible(venue);
  await found.getByRole("button", { name: "受付", exact: true }).click();
  await venue.getByText(`「受付済み」にしました（予約番号 ${reservationNumber}）。`).waitFor();

  // The list of the day, by time slot: this reservation is 受付済み, with the day's lot one tap away.
  const row = venue.getByRole("listitem").filter({ hasText: `予約番号 ${reservationNumber}` });
  await row.getByText("受付済み", { exact: true }).waitFor();
  expect(await row.getByRole("button", { name: "来場なし" }).count()).toBe(0);
  await row.getByLabel(/接種医師名/).fill(DOCTOR);
  await screenshot(venue, "reception-03-checked-in");
  await row.getByRole("button", { name: `${LOT} で接種済み` }).click();
  await venue.getByRole("status").filter({ hasText: `接種を記録しました（予約番号 ${reservationNumber}、ロット ${LOT}、医師 ${DOCTOR}）。` }).waitFor();
  await venue.getByRole("listitem").filter({ hasText: `予約番号 ${reservationNumber}` }).getByText("接種済み", { exact: true }).waitFor();
  await screenshot(venue, "reception-04-vaccinated");
  // The tablet remembers today's doctor for the next dose form (this browser only).
  expect(await venue.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("reception.doctorName."))?.[1])).toBe(DOCTOR);
  await venue.context().close();

  // ── The resident, phone width: dose 2 before day 21 is refused with the reason; on/after it, bookable.
  const context = await browser.newContext({ viewport: PHONE, locale: "ja-JP" });
  const resident = await context.newPage();
  await resident.goto(`${BASE_URL}/login`);
  await resident.getByLabel("接種券番号").fill(voucher.voucherNumber);
  await resident.getByLabel("年", { exact: true }).fill(String(Number(year)));
  await resident.getByLabel("月", { exact: true }).fill(String(Number(month)));
  await resident.getByLabel("日", { exact: true }).fill(String(Number(day)));
  await resident.getByRole("button", { name: "ログイン" }).click();
  await resident.waitForURL(/\/mypage$/);
  expect(await resident.textContent("main")).toContain("から接種を受けられます");

  /** The day's slot list, or null when the day has no slot (a public holiday). */
  async function slotsOn(date: string) {
    await resident.goto(`${BASE_URL}/slots?date=${date}`);
    const section = resident.getByRole("region", { name: /の予約枠/ });
    await section.waitFor();
    return (await section.textContent())?.includes("この日の予約枠はありません") ? null : section;
  }

  let refusedOn: string | null = null;
  for (let i = 1; i < 21 && refusedOn === null; i++) {
    const section = await slotsOn(addDays(TODAY, i));
    if (!section) continue;
    const text = (await section.textContent()) ?? "";
    expect(text).toContain("予約できません");
    expect(text).toContain("21日以上");
    expect(await section.getByRole("link", { name: /この枠で予約する/ }).count()).toBe(0);
    refusedOn = addDays(TODAY, i);
  }
  expect(refusedOn).not.toBeNull();
  await screenshot(resident, "reception-05-dose2-refused");

  let bookableOn: string | null = null;
  for (let i = 21; i < 28 && bookableOn === null; i++) {
    const section = await slotsOn(addDays(TODAY, i));
    if (!section) continue;
    expect(await section.getByRole("link", { name: /この枠で予約する/ }).count()).toBeGreaterThan(0);
    bookableOn = addDays(TODAY, i);
    await screenshot(resident, "reception-06-dose2-bookable");
    await section.getByRole("link", { name: /この枠で予約する/ }).first().click();
  }
  expect(bookableOn).not.toBeNull();
  await resident.waitForURL(/\/book\/\d+$/);
  await resident.getByLabel(/カナ氏名/).fill("うけつけ たろう");
  await resident.getByLabel(/電話番号/).fill("090-3333-4444");
  await resident.getByRole("button", { name: "確認へ進む" }).click();
  await resident.getByRole("heading", { name: "入力内容の確認" }).waitFor();
  await resident.getByRole("button", { name: "予約を確定する" }).click();
  await resident.waitForURL(/\/reservations\/\d{9}\?done=1$/);
  expect(await resident.getByRole("status").textContent()).toContain("予約が完了しました");
  expect(await resident.textContent("main")).toContain("2回目");
  await screenshot(resident, "reception-07-dose2-booked");
  await context.close();
}, 8 * 60_000); // up to a few minutes of waiting for midnight (slotTimesLaterToday), then ~30 s
