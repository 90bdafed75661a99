// The chatbot as POST /api/chatbot and the LINE webhook run it: answerQuestion() on a real database
// (the FAQ index loaded from it, unanswered questions logged in it), with the demo FAQ padded to 500
// entries. The eval script (npm run chatbot:eval) times the index alone; this adds the database work.
//
//   npx tsx bench/chatbot/service.ts [FAQ.csv] [QUERIES.csv]          embedded PGlite in memory
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/chatbot/service.ts   a fresh database on that server
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import Papa from "papaparse";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "@/db/client";
import { initMunicipality } from "@/db/seed/reference";
import { answerQuestion } from "@/lib/chatbot/answer";
import { parseFaqCsv } from "@/lib/chatbot/faq-csv";
import { importFaqCsv } from "@/lib/chatbot/faq-store";
import { readQueries, syntheticEntries } from "./faq-bench-data";

const ENTRIES = 500;
const ROUNDS = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<number> {
  const [faqFile = "db/seed/faq-demo.csv", queryFile = "bench/chatbot/queries.csv"] = process.argv.slice(2);
  const parsed = parseFaqCsv(readFileSync(faqFile));
  if (!parsed.ok) throw new Error(`${faqFile}: ${parsed.problems.map((p) => `${p.line}: ${p.message}`).join("; ")}`);
  const rows = [...parsed.rows, ...syntheticEntries(parsed.rows, ENTRIES)];
  const csv = Papa.unparse({
    fields: ["ID", "質問", "回答", "言い換え", "カテゴリ"],
    data: rows.map((r) => [r.id, r.question, r.answer, r.alternatives.join("|"), r.category]),
  });

  const adminUrl = process.env.BENCH_DATABASE_URL;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `chatbot_${randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  }
  const database = await openDatabase(url ? { url } : { dataDir: "memory" });
  try {
    await migrateDatabase(database);
    await initMunicipality(database.db, "132012", "八王子市");
    const imported = await importFaqCsv(database.db, csv);
    if (!imported.ok) throw new Error("the padded FAQ did not import");
    const queries = readQueries(queryFile);
    const ms: number[] = [];
    let handoffs = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      for (const q of queries) {
        const started = performance.now();
        const reply = await answerQuestion(database.db, q.query, { channel: "web" });
        // Round 0 warms up (JIT, the index is built on first use) and is not counted.
        if (round > 0) ms.push(performance.now() - started);
        if (round === 1 && reply.handoff) handoffs++;
      }
    }
    ms.sort((a, b) => a - b);
    const p95 = percentile(ms, 95);
    console.log(`answerQuestion on ${database.kind}, ${rows.length} FAQ entries, ${queries.length} questions × ${ROUNDS} rounds (${handoffs} hand-offs per round, each logged):`);
    console.log(`  p50 ${percentile(ms, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${percentile(ms, 99).toFixed(2)} ms, max ${ms.at(-1)!.toFixed(2)} ms`);
    console.log(`latency target (p95 < 50 ms) ${p95 < 50 ? "met" : "MISSED"}`);
    return p95 < 50 ? 0 : 1;
  } finally {
    await database.close();
    await dropDatabase();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
