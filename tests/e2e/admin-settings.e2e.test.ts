/** @jest-environment node */
// The admin's 設定, FAQ and 監査ログ as they meet them (tablet width), against `npm run demo`:
// a new call-center number shows on the resident landing page at once; a question the chatbot
// could not answer becomes a phrasing in one click and is answered from then on; the audit log
// shows both changes. The demo's call-center number is put back at the end (other files read it).
import type { Browser, Page } from "playwright-core";
import { BASE_URL, launchBrowser, PHONE, screenshot, staffLogin } from "./browser";

const DEMO_PHONE = "0120-000-000";
const NEW_PHONE = "0120-555-777";
// Letters only: the unanswered log replaces runs of 4+ digits, and the words must be new to the FAQ.
const token = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
const QUESTION = `会場でWi-Fiは使えますか ${token}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  // Put the demo's number back whatever happened above.
  const page = await adminPage().catch(() => null);
  if (page) {
    await saveCallCenterPhone(page, DEMO_PHONE).catch(() => undefined);
    await page.context().close();
  }
  await browser?.close();
});

function adminPage(): Promise<Page> {
  return staffLogin(browser, "admin");
}

async function saveCallCenterPhone(page: Page, phone: string) {
  await page.goto(`${BASE_URL}/admin/settings`);
  const form = page.getByRole("form", { name: "コールセンター" });
  await form.getByLabel(/電話番号/).fill(phone);
  await form.getByRole("button", { name: "コールセンターの案内を保存する" }).click();
  await form.getByRole("status").filter({ hasText: /設定を保存しました|変更はありませんでした/ }).waitFor();
}

async function askChatbot(message: string) {
  const res = await fetch(`${BASE_URL}/api/chatbot`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { answer: string; faqId: string | null; handoff: boolean };
}

it("a new call-center number in 設定 shows on the resident landing page at once", async () => {
  const page = await adminPage();
  await saveCallCenterPhone(page, NEW_PHONE);
  await screenshot(page, "admin-settings");
  // A bad number is refused beside the field, and nothing is saved.
  const form = page.getByRole("form", { name: "コールセンター" });
  await form.getByLabel(/電話番号/).fill("でんわ");
  await form.getByRole("button", { name: "コールセンターの案内を保存する" }).click();
  await form.getByText("コールセンターの電話番号は「0120-000-000」のように数字とハイフンで入力してください。").waitFor();
  expect(await form.getByLabel(/電話番号/).getAttribute("aria-invalid")).toBe("true");
  await page.context().close();

  const resident = await (await browser.newContext({ viewport: PHONE, locale: "ja-JP" })).newPage();
  await resident.goto(`${BASE_URL}/`);
  const body = await resident.textContent("body");
  expect(body).toContain(NEW_PHONE);
  expect(body).not.toContain(DEMO_PHONE);
  await resident.context().close();
});

it("the admin adds a question the chatbot could not answer as a phrasing, and it is answered from then on", async () => {
  expect(await askChatbot(QUESTION)).toMatchObject({ handoff: true, faqId: null });
  const page = await adminPage();
  await page.goto(`${BASE_URL}/admin/faq`);
  await page.getByRole("link", { name: /答えられなかった質問/ }).click();
  await page.waitForURL(/\/admin\/faq\/unanswered/);
  const row = page.locator("li", { hasText: token });
  await row.waitFor();
  await screenshot(page, "admin-faq-unanswered");
  await row.getByLabel(/別のFAQのID/).fill("F30");
  await row.getByRole("button", { name: "この言い換えとして追加" }).click();
  await page.waitForURL(/done=phrasing/);
  await page.getByRole("status").filter({ hasText: "言い換えを追加しました" }).waitFor();
  expect(await page.locator("li", { hasText: token }).count()).toBe(0);

  const reply = await askChatbot(QUESTION);
  expect(reply).toMatchObject({ handoff: false, faqId: "F30" });

  // The entry shows the new phrasing.
  await page.goto(`${BASE_URL}/admin/faq/F30`);
  expect(await page.getByLabel(/言い換え/).inputValue()).toContain(token);
  await page.context().close();
});

it("the audit log shows both changes with who made them", async () => {
  const page = await adminPage();
  await page.goto(`${BASE_URL}/admin/audit?account=admin`);
  const table = page.getByRole("table");
  await table.waitFor();
  const settingsRow = table.locator("tr", { hasText: "設定の変更" }).filter({ hasText: NEW_PHONE }).first();
  expect(await settingsRow.textContent()).toContain("コールセンター電話番号");
  expect(await settingsRow.textContent()).toContain("管理者（デモ）");
  const phrasingRow = table.locator("tr", { hasText: "FAQに言い換えを追加" }).filter({ hasText: token }).first();
  expect(await phrasingRow.textContent()).toContain("F30");
  await screenshot(page, "admin-audit");

  // Filtering by kind keeps only the FAQ rows.
  await page.getByLabel("種類").selectOption("faq_entry");
  await page.getByRole("button", { name: "検索する" }).click();
  await page.waitForURL(/entity=faq_entry/);
  expect(await page.getByRole("table").locator("tr", { hasText: "設定の変更" }).count()).toBe(0);
  await page.context().close();
});
