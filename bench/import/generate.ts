// Writes a voucher CSV of N rows (default 1,000,000) for the import bench:
//   npx tsx bench/import/generate.ts [FILE] [--rows N]
// 八王子市 (132012), voucher numbers 0000000001…, varied birth dates, a third with prior doses.
import fs from "node:fs";
import { once } from "node:events";

export async function generateVoucherCsv(file: string, rows: number, municipalityCode = "132012"): Promise<void> {
  const out = fs.createWriteStream(file);
  let buffer = "自治体コード,接種券番号,生年月日,接種済回数,前回接種日,前回ワクチン\n";
  const products = ["PFIZER", "MODERNA"];
  for (let i = 1; i <= rows; i++) {
    const year = 1930 + (i % 80);
    const month = String(1 + (i % 12)).padStart(2, "0");
    const day = String(1 + (i % 28)).padStart(2, "0");
    const prior = i % 3 === 0 ? 1 + (i % 4) : 0;
    const last = prior > 0 ? `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}` : "";
    buffer += `${municipalityCode},${String(i).padStart(10, "0")},${year}-${month}-${day},${prior},${last},${prior > 0 ? products[i % 2] : ""}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const rowsAt = args.indexOf("--rows");
  const rows = rowsAt >= 0 ? Number(args[rowsAt + 1]) : 1_000_000;
  const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--rows") ?? "tmp/bench-vouchers.csv";
  generateVoucherCsv(file, rows).then(() => console.log(`${file}: ${rows.toLocaleString()} rows, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`));
}
