// The accessibility scan every resident page goes through: axe-core (WCAG 2.1 A/AA rules)
// in the real page; serious and critical findings fail the test with where they are.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const scannedPages: string[] = [];

export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  scannedPages.push(new URL(page.url()).pathname);
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/**
 * Fails with the list of serious/critical violations on the page once it has settled. After a
 * client-side navigation (a server action's redirect) the URL changes before the new page's
 * metadata has been applied, so the scan first waits (up to 5 s) for the document to have a title
 * again; a page that never gets one still fails, on axe's document-title rule.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
  expect({ url: page.url(), violations: await seriousA11yViolations(page) }).toEqual({ url: page.url(), violations: [] });
}
