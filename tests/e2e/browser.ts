// Debian's Chromium driven by playwright-core (never a browser download). The flags keep
// Chromium off the network this machine does not have.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:3000";
export const SCREENSHOT_DIR = path.join(process.cwd(), "tmp", "screenshots");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 1024, height: 768 };

/** The demo staff accounts' password (db/seed/demo.ts). */
export const DEMO_STAFF_PASSWORD = "demo-password-2026";

/** A new tablet-width context, logged in to the console as `loginId`; waits for the page the login lands on. */
export async function staffLogin(browser: Browser, loginId: string, options: { password?: string; landing?: RegExp } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: TABLET, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/admin/login`);
  await page.getByLabel("ログインID").fill(loginId);
  await page.getByLabel("パスワード").fill(options.password ?? DEMO_STAFF_PASSWORD);
  await page.getByRole("button", { name: /ログイン/ }).click();
  await page.waitForURL(options.landing ?? /\/admin$/);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Pages screenshotted for the README land in docs/screenshots when UPDATE_DOC_SCREENSHOTS=1 (else tmp/). */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_DOC_SCREENSHOTS === "1" ? path.join(process.cwd(), "docs", "screenshots") : SCREENSHOT_DIR;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * fetch() as a resident who has passed the waiting room: resident pages send visitors without
 * a pass to /waiting first (lib/admission), and plain fetch keeps no cookies between redirects.
 */
export async function fetchWithPass(url: string, init: RequestInit = {}): Promise<Response> {
  const gate = await fetch(`${BASE_URL}/waiting?next=/`, { redirect: "manual" });
  const pass = gate.headers.getSetCookie().find((c) => c.startsWith("vrs_pass="));
  if (!pass) throw new Error(`the waiting room gave no pass (status ${gate.status})`);
  const headers = new Headers(init.headers);
  headers.set("cookie", pass.split(";")[0]!);
  return fetch(url, { ...init, headers, redirect: "manual" });
}
