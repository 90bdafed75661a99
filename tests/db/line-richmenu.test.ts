/** @jest-environment node */
// `npm run cli -- line richmenu` against the fake LINE Platform: the menu's four areas, its
// image (the committed public/line/richmenu.png) uploaded to the data API, made the default,
// and the menu it replaces removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { lineConfig } from "@/lib/line/config";
import { createDefaultRichMenu, DEFAULT_RICH_MENU_IMAGE, pngSize, RICH_MENU_SIZE } from "@/scripts/cli/line";
import { runCli } from "@/scripts/cli";
import { startFakeLine, type FakeLine } from "../support/fake-line";

const TOKEN = "test-channel-access-token";
let line: FakeLine;
const savedEnv = { ...process.env };
beforeAll(async () => {
  line = await startFakeLine({ channelAccessToken: TOKEN });
  Object.assign(process.env, { LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_BASE_URL: line.url, LINE_API_DATA_BASE_URL: line.url });
});
beforeEach(() => line.reset());
afterAll(async () => {
  process.env = savedEnv;
  await line?.close();
});

describe("line richmenu", () => {
  it("ships an image of the right size within LINE's 1 MB", () => {
    const image = fs.readFileSync(DEFAULT_RICH_MENU_IMAGE);
    expect(pngSize(image)).toEqual(RICH_MENU_SIZE);
    expect(image.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it("creates the menu with its four postback areas, uploads the image and makes it the default", async () => {
    const out: string[] = [];
    await runCli(["line", "richmenu"], (l) => out.push(l));
    const [create] = line.callsTo("/v2/bot/richmenu");
    const menu = create!.body as { size: object; areas: { bounds: { x: number; y: number; width: number; height: number }; action: { type: string; data: string; label: string } }[] };
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
    expect(menu.areas.map((a) => a.action.label)).toEqual(["予約する", "予約の確認・キャンセル", "よくある質問", "問い合わせ"]);
    expect(menu.areas.map((a) => a.action.data)).toEqual(["menu=book", "menu=reservations", "menu=faq", "menu=contact"]);
    // The areas tile the whole image.
    expect(menu.areas.reduce((sum, a) => sum + a.bounds.width * a.bounds.height, 0)).toBe(2500 * 1686);
    const richMenuId = out.join("\n").match(/richmenu-[0-9a-f]+/)![0];
    const [upload] = line.callsTo(`/v2/bot/richmenu/${richMenuId}/content`);
    expect(upload!.body).toEqual({ bytes: fs.statSync(DEFAULT_RICH_MENU_IMAGE).size, contentType: "image/png" });
    expect(upload!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(line.callsTo(`/v2/bot/user/all/richmenu/${richMenuId}`)).toHaveLength(1);
  });

  it("removes the menu it replaces", async () => {
    const first = await createDefaultRichMenu(lineConfig(), DEFAULT_RICH_MENU_IMAGE, () => {});
    const second = await createDefaultRichMenu(lineConfig(), DEFAULT_RICH_MENU_IMAGE, () => {});
    const deleted = line.calls.filter((c) => c.method === "DELETE").map((c) => c.path);
    expect(deleted).toContain(`/v2/bot/richmenu/${first}`);
    expect(deleted).not.toContain(`/v2/bot/richmenu/${second}`);
  });

  it("refuses an image of the wrong size before calling LINE", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "richmenu-"));
    const wrong = path.join(dir, "wrong.png");
    const image = Buffer.from(fs.readFileSync(DEFAULT_RICH_MENU_IMAGE));
    image.writeUInt32BE(843, 20); // height in the IHDR chunk
    fs.writeFileSync(wrong, image);
    await expect(runCli(["line", "richmenu", "--image", wrong], () => {})).rejects.toThrow("2500×1686");
    await expect(runCli(["line", "richmenu", "--image", path.join(dir, "missing.png")], () => {})).rejects.toThrow("読めません");
    expect(line.calls).toHaveLength(0);
  });
});
