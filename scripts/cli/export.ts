// `npm run cli -- export vrs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--encoding sjis] [--venue CODE]`
// The same export as the admin page (lib/export/vrs.ts), streamed to a file: written to FILE.part
// and renamed when complete, so a failed run never leaves a half file that looks finished.
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { venues } from "@/db/schema";
import { openVrsExport, vrsFilterProblem, type VrsEncoding } from "@/lib/export/vrs";
import { UsageError } from "../cli";

export const EXPORT_USAGE = "使い方: npm run cli -- export vrs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--encoding sjis] [--venue 会場コード]";

export async function runExportVrs(db: Db, flags: Record<string, string>, out: (line: string) => void): Promise<void> {
  const from = flags["from"];
  const to = flags["to"];
  const file = flags["out"];
  if (!from || !to || !file) throw new UsageError(`export vrs には --from, --to, --out が必要です。\n${EXPORT_USAGE}`);
  const encodingFlag = (flags["encoding"] ?? "utf8").toLowerCase().replace(/[-_]/g, "");
  const encoding: VrsEncoding | null = encodingFlag === "utf8" ? "utf8" : ["sjis", "shiftjis", "cp932"].includes(encodingFlag) ? "sjis" : null;
  if (!encoding) throw new UsageError("--encoding は utf8 か sjis を指定してください。");
  const problem = vrsFilterProblem({ from, to });
  if (problem) throw new UsageError(problem);
  let venueId: number | null = null;
  if (flags["venue"]) {
    const [venue] = await db.select({ id: venues.id }).from(venues).where(eq(venues.code, flags["venue"]));
    if (!venue) throw new UsageError(`会場コード「${flags["venue"]}」の会場はありません。`);
    venueId = venue.id;
  }
  const opened = await openVrsExport(db, { kind: "system", name: "cli" }, { from, to, venueId, encoding });
  if (!opened.ok) throw new UsageError(opened.reason);
  const partial = `${file}.part`;
  try {
    await pipeline(Readable.from(opened.body), fs.createWriteStream(partial));
    await fs.promises.rename(partial, file);
  } catch (e) {
    await fs.promises.rm(partial, { force: true });
    throw e;
  }
  out(`VRS出力: ${opened.stats.rows}行（接種 ${opened.stats.doses}件、${encoding === "sjis" ? "Shift_JIS・CRLF" : "UTF-8"}）を ${file} に書き出しました。`);
}
