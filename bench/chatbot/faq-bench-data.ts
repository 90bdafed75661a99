// What the chatbot benchmarks share: the labelled questions (bench/chatbot/queries.csv) and the
// synthetic entries that pad the FAQ to the size of a large municipality's.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import type { FaqRow } from "@/lib/chatbot/faq-csv";

export interface Query {
  query: string;
  expected: string;
  set: string;
}

export function readQueries(file: string): Query[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  return parsed.data
    .filter((r) => r.query?.trim())
    .map((r) => ({ query: r.query!.trim(), expected: (r.expected_id ?? "").trim(), set: (r.set ?? "").trim() }));
}

/** A deterministic PRNG (mulberry32): the synthetic FAQ is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Entries about other municipal services, built from their own vocabulary, to pad the FAQ to
 * `total` entries: realistic lengths (question, 4 phrasings, an answer of ~150 characters) and
 * Japanese text, so the index has the size of a large municipality's FAQ.
 */
export function syntheticEntries(base: FaqRow[], total: number): FaqRow[] {
  const next = random(2026);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const topics = ["粗大ごみ", "図書館", "児童手当", "保育園", "国民健康保険", "住民税", "市営住宅", "下水道", "公園", "選挙", "防災", "介護保険", "パスポート", "犬の登録", "道路", "水道料金", "成人式", "健康診断", "がん検診", "斎場", "市民プール", "自転車駐輪場", "空き家", "不妊治療", "ひとり親", "奨学金", "商店街", "農業", "観光"];
  const actions = ["申請", "手続き", "届出", "支払い", "予約", "変更", "廃止", "相談", "証明書の発行", "利用方法", "受付時間", "必要書類", "料金", "場所", "締め切り"];
  const asks = ["はどうすればいいですか", "について教えてください", "はどこでできますか", "の方法は", "はいつまでですか", "に必要なものは"];
  const answerWords = ["市役所", "窓口", "本庁舎", "各事務所", "オンライン", "郵送", "平日", "午前8時30分", "午後5時", "本人確認書類", "印鑑", "申請書", "手数料", "担当課", "電話", "ホームページ", "市民課", "届出書", "証明書", "期限"];
  const rows: FaqRow[] = [];
  for (let i = base.length; i < total; i++) {
    const topic = pick(topics);
    const action = pick(actions);
    const alternatives = Array.from({ length: 4 }, () => `${topic}の${pick(actions)}${pick(asks)}`);
    const answer = Array.from({ length: 12 }, () => pick(answerWords)).join("で") + "。";
    rows.push({ id: `S${String(i).padStart(4, "0")}`, question: `${topic}の${action}${pick(asks)}`, answer, alternatives, category: "その他の行政サービス", answerEn: null });
  }
  return rows;
}

