// `npm run cli -- line richmenu [--image FILE]`: creates the official account's rich menu
// (2500×1686, four areas in a 2×2 grid: 予約する / 予約の確認・キャンセル / よくある質問 /
// 問い合わせ, each a postback the webhook answers), uploads its image (public/line/richmenu.png
// by default), makes it the default for every user, and removes the menus it replaces.
import fs from "node:fs";
import path from "node:path";
import type { messagingApi } from "@line/bot-sdk";
import { messagingBlobClient, messagingClient } from "@/lib/line/client";
import type { LineConfig } from "@/lib/line/config";
import { MENU_ITEMS } from "@/lib/line/messages";

export const RICH_MENU_NAME = "vaccine-reservation-main";
export const RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;
const MAX_IMAGE_BYTES = 1024 * 1024;
export const DEFAULT_RICH_MENU_IMAGE = path.join(process.cwd(), "public", "line", "richmenu.png");

export class RichMenuError extends Error {}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function richMenuRequest(): messagingApi.RichMenuRequest {
  const cellWidth = RICH_MENU_SIZE.width / 2;
  const cellHeight = RICH_MENU_SIZE.height / 2;
  return {
    size: { ...RICH_MENU_SIZE },
    selected: true,
    name: RICH_MENU_NAME,
    chatBarText: "メニュー",
    areas: MENU_ITEMS.map((item, i) => ({
      bounds: { x: (i % 2) * cellWidth, y: Math.floor(i / 2) * cellHeight, width: cellWidth, height: cellHeight },
      action: { type: "postback", label: item.label, data: item.data, displayText: item.label },
    })),
  };
}

export async function createDefaultRichMenu(config: LineConfig, imagePath: string, out: (line: string) => void): Promise<string> {
  const image = await fs.promises.readFile(imagePath).catch(() => {
    throw new RichMenuError(`画像「${imagePath}」を読めません。`);
  });
  const size = pngSize(image);
  if (!size) throw new RichMenuError("リッチメニューの画像は PNG にしてください。");
  if (size.width !== RICH_MENU_SIZE.width || size.height !== RICH_MENU_SIZE.height) {
    throw new RichMenuError(`画像の大きさは ${RICH_MENU_SIZE.width}×${RICH_MENU_SIZE.height} にしてください（今は ${size.width}×${size.height}）。`);
  }
  if (image.length > MAX_IMAGE_BYTES) throw new RichMenuError(`画像は1MB以下にしてください（今は ${(image.length / 1024).toFixed(0)}KB）。`);

  const client = messagingClient(config);
  const { richMenuId } = await client.createRichMenu(richMenuRequest());
  out(`リッチメニューを作成しました: ${richMenuId}`);
  await messagingBlobClient(config).setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: "image/png" }));
  out(`画像をアップロードしました: ${path.relative(process.cwd(), imagePath)}（${(image.length / 1024).toFixed(0)}KB）`);
  await client.setDefaultRichMenu(richMenuId);
  out("すべての友だちの既定のリッチメニューにしました。");
  const { richmenus } = await client.getRichMenuList();
  for (const old of richmenus.filter((m) => m.name === RICH_MENU_NAME && m.richMenuId !== richMenuId)) {
    await client.deleteRichMenu(old.richMenuId);
    out(`以前のリッチメニューを削除しました: ${old.richMenuId}`);
  }
  return richMenuId;
}
