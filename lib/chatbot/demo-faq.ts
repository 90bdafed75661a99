// The demo municipality's FAQ (八王子市, 2026 booking campaign), kept as the CSV an admin would
// upload: db/seed/faq-demo.csv. The demo seed loads it through the same import.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/client";
import { importFaqCsv } from "./faq-store";

export const DEMO_FAQ_CSV = path.join(process.cwd(), "db", "seed", "faq-demo.csv");

/** Loads the demo FAQ (idempotent: unchanged entries stay as they are). Returns the number of entries. */
export async function seedDemoFaq(db: Db, file = DEMO_FAQ_CSV): Promise<number> {
  const result = await importFaqCsv(db, await readFile(file));
  if (!result.ok) {
    throw new Error(`デモFAQ ${file} を読み込めません:\n${result.problems.map((p) => `  ${p.line}行目: ${p.message}`).join("\n")}`);
  }
  return result.imported;
}
