// Draws public/line/richmenu.png (2500×1686, the four items of lib/line/messages.ts MENU_ITEMS
// in a 2×2 grid) by rendering an HTML page with Debian's Chromium. Run after changing the
// menu: `npx tsx scripts/line/render-richmenu.ts`, then `npm run cli -- line richmenu`.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { MENU_ITEMS } from "@/lib/line/messages";
import { RICH_MENU_SIZE } from "@/scripts/cli/line";

const OUT = path.join(process.cwd(), "public", "line", "richmenu.png");

// Simple line icons (24×24 viewBox), drawn here so the image needs no downloads.
const ICONS: Record<string, string> = {
  book: '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4M9 15l2 2 4-4"/>',
  reservations: '<rect x="5" y="3" width="14" height="18" rx="2"/><path d="M9 8h6M9 12h6M9 16h4"/>',
  faq: '<circle cx="12" cy="12" r="9"/><path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5M12 17h.01"/>',
  contact: '<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"/>',
};

function html(): string {
  const cells = MENU_ITEMS.map(
    (item, i) => `
    <div class="cell ${i === 0 ? "primary" : ""}">
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${ICONS[item.key]}</svg>
      <div class="label">${item.label.replace("・", "・<br>")}</div>
    </div>`,
  ).join("");
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${RICH_MENU_SIZE.width}px; height: ${RICH_MENU_SIZE.height}px; }
    body { display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: 1fr 1fr; gap: 12px; background: #c9d6e3;
      font-family: "IPAGothic", "IPAPGothic", sans-serif; }
    .cell { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 40px; background: #ffffff; color: #0b3d6e; }
    .cell.primary { background: #0b5cad; color: #ffffff; }
    svg { width: 260px; height: 260px; }
    .label { font-size: 130px; font-weight: bold; line-height: 1.15; text-align: center; letter-spacing: 0.04em; }
  </style></head><body>${cells}</body></html>`;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: RICH_MENU_SIZE, deviceScaleFactor: 1 });
    await page.setContent(html());
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT, type: "png" });
  } finally {
    await browser.close();
  }
  console.log(`${OUT}: ${(fs.statSync(OUT).size / 1024).toFixed(0)} KB`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
