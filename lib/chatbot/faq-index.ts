// Ranking: BM25 over each entry's phrasings — the question and every 言い換え, each a short
// document, the entry scoring mostly as its best-matching phrasing and partly as all of them
// together — plus, at a lower weight, BM25 over its answer. Terms and their weights are in
// analyze.ts. Built once per FAQ version and kept in memory (faq-store.ts).
//
// Confidence (0..1) is how much of the question the best entry explains: its share of the
// question's information (term weight × IDF), against what it leaves unexplained — words no
// entry knows count double (「ペットの予防接種」: nothing in the FAQ mentions ペット), words of
// other entries half — plus a small prior, so that a message bringing little information
// (「こんにちは」) is not answered. Thresholds and constants were set on the dev part of
// bench/chatbot/queries.csv and checked on its holdout part.
import { analyze, isWeakEvidence, termWeight, type Analysis, type Terms } from "./analyze";

export interface FaqDocument {
  id: string;
  question: string;
  answer: string;
  alternatives: readonly string[];
  category: string;
  answerEn?: string | null;
}

export interface RankedEntry {
  id: string;
  score: number;
}

export interface SearchResult {
  /** best first; at most `limit` entries with a positive score */
  ranked: RankedEntry[];
  /** 0..1: how sure the best entry answers the question */
  confidence: number;
}

/** Below this confidence the chatbot hands off to the call center instead of guessing. */
export const HANDOFF_THRESHOLD = 0.38;
/** Answered, but below this the question is logged for the admin to review. */
export const REVIEW_THRESHOLD = 0.5;

const K1 = 1.2;
const B = 0.5;
const ANSWER_WEIGHT = 0.3;
/** An entry's score: this share from its best phrasing, the rest from all its phrasings together. */
const PHRASE_WEIGHT = 0.6;
/** Information a question must bring before it can be answered confidently (「こんにちは」 brings little). */
const PRIOR = 3;
/** Messages up to this many characters count every unexplained word in full. */
const SHORT_MESSAGE = 30;
const UNKNOWN_WEIGHT = 2;
const ELSEWHERE_WEIGHT = 0.5;

interface Doc {
  entry: number;
  terms: Terms;
  length: number;
}

function lengthOf(terms: Terms): number {
  let n = 0;
  for (const count of terms.values()) n += count;
  return n;
}

function idf(documents: number, withTerm: number): number {
  return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
}

export class FaqIndex {
  readonly entries: readonly FaqDocument[];
  private readonly phrases: Doc[] = [];
  private readonly answers: Doc[] = [];
  /** Per term: the phrasings that contain it (postings), and in how many entries it occurs. */
  private readonly phrasePostings = new Map<string, number[]>();
  private readonly answerPostings = new Map<string, number[]>();
  private readonly entryFrequency = new Map<string, number>();
  private readonly answerFrequency = new Map<string, number>();
  private readonly entryTerms: Set<string>[] = [];
  private readonly entryBags: Doc[] = [];
  private readonly averagePhraseLength: number;
  private readonly averageAnswerLength: number;
  private readonly averageEntryLength: number;

  constructor(entries: readonly FaqDocument[]) {
    this.entries = entries;
    entries.forEach((entry, e) => {
      const seen = new Set<string>();
      for (const text of [entry.question, ...entry.alternatives]) {
        const { terms } = analyze(text);
        const index = this.phrases.length;
        this.phrases.push({ entry: e, terms, length: lengthOf(terms) });
        for (const term of terms.keys()) {
          const list = this.phrasePostings.get(term) ?? [];
          list.push(index);
          this.phrasePostings.set(term, list);
          seen.add(term);
        }
      }
      this.entryTerms.push(seen);
      const bag: Terms = new Map();
      for (let p = this.phrases.length - 1; p >= 0 && this.phrases[p]!.entry === e; p--) {
        for (const [term, count] of this.phrases[p]!.terms) bag.set(term, (bag.get(term) ?? 0) + count);
      }
      this.entryBags.push({ entry: e, terms: bag, length: lengthOf(bag) });
      for (const term of seen) this.entryFrequency.set(term, (this.entryFrequency.get(term) ?? 0) + 1);
      const { terms } = analyze(`${entry.answer}\n${entry.answerEn ?? ""}`);
      this.answers.push({ entry: e, terms, length: lengthOf(terms) });
      for (const term of terms.keys()) {
        const list = this.answerPostings.get(term) ?? [];
        list.push(e);
        this.answerPostings.set(term, list);
        this.answerFrequency.set(term, (this.answerFrequency.get(term) ?? 0) + 1);
      }
    });
    this.averagePhraseLength = this.phrases.reduce((n, d) => n + d.length, 0) / Math.max(1, this.phrases.length);
    this.averageAnswerLength = this.answers.reduce((n, d) => n + d.length, 0) / Math.max(1, this.answers.length);
    this.averageEntryLength = this.entryBags.reduce((n, d) => n + d.length, 0) / Math.max(1, this.entryBags.length);
  }

  get size(): number {
    return this.entries.length;
  }

  entry(id: string): FaqDocument | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /**
   * BM25 of the question against all phrasings of entry `e` taken together: a question whose
   * parts are spread over several phrasings (「2回目」 in one, 「何週間」 in another) still meets them.
   */
  private wholeEntryScore(e: number, terms: Terms, weights: Map<string, number>): number {
    const n = this.entries.length;
    const bag = this.entryBags[e]!;
    let score = 0;
    for (const term of terms.keys()) {
      const tf = bag.terms.get(term);
      if (!tf) continue;
      score += weights.get(term)! * idf(n, this.entryFrequency.get(term)!) * this.bm25(tf, bag.length, this.averageEntryLength);
    }
    return score;
  }

  private bm25(tf: number, length: number, average: number): number {
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));
  }

  search(message: string, limit = 5): SearchResult {
    const n = this.entries.length;
    if (n === 0) return { ranked: [], confidence: 0 };
    const analysis = analyze(message, { tolerateTypos: true });
    const { terms, fuzzy } = analysis;
    const phraseScores = new Float64Array(this.phrases.length);
    const answerScores = new Float64Array(n);
    const weights = new Map<string, number>();
    for (const term of terms.keys()) {
      const weight = termWeight(term) * (fuzzy.has(term) ? 0.8 : 1);
      weights.set(term, weight);
      const inEntries = this.entryFrequency.get(term) ?? 0;
      if (inEntries > 0) {
        const w = weight * idf(n, inEntries);
        for (const p of this.phrasePostings.get(term)!) {
          const doc = this.phrases[p]!;
          phraseScores[p]! += w * this.bm25(doc.terms.get(term)!, doc.length, this.averagePhraseLength);
        }
      }
      const inAnswers = this.answerFrequency.get(term) ?? 0;
      if (inAnswers > 0) {
        const w = weight * idf(n, inAnswers) * ANSWER_WEIGHT;
        for (const e of this.answerPostings.get(term)!) {
          const doc = this.answers[e]!;
          answerScores[e]! += w * this.bm25(doc.terms.get(term)!, doc.length, this.averageAnswerLength);
        }
      }
    }
    const entryScores = Float64Array.from(answerScores);
    const best = new Float64Array(n);
    this.phrases.forEach((doc, p) => {
      best[doc.entry] = Math.max(best[doc.entry]!, phraseScores[p]!);
    });
    for (let e = 0; e < n; e++) entryScores[e]! += PHRASE_WEIGHT * best[e]! + (1 - PHRASE_WEIGHT) * this.wholeEntryScore(e, terms, weights);

    const order = [...entryScores.keys()].filter((e) => entryScores[e]! > 0).sort((a, b) => entryScores[b]! - entryScores[a]!);
    const ranked = order.slice(0, limit).map((e) => ({ id: this.entries[e]!.id, score: entryScores[e]! }));
    if (ranked.length === 0) return { ranked, confidence: 0 };
    return { ranked, confidence: this.confidence(order[0]!, analysis, weights) };
  }

  private confidence(top: number, analysis: Analysis, weights: Map<string, number>): number {
    const f = this.features(top, analysis, weights);
    // Unexplained information: words no entry knows weigh double (a topic the FAQ does not
    // cover: 「ペット」「天気」), words of other entries half (the question touches them too).
    // In a long message the unexplained part is mostly the resident's story (先週から探して…):
    // it weighs less the longer the message is (by the square of the length ratio).
    const knownElsewhere = Math.max(0, f.total - f.explained - f.unknown);
    const story = Math.min(1, SHORT_MESSAGE / Math.max(1, analysis.length)) ** 2;
    const unexplained = (UNKNOWN_WEIGHT * f.unknown + ELSEWHERE_WEIGHT * knownElsewhere) * story;
    const confidence = f.explained / (f.explained + unexplained + PRIOR);
    return Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000;
  }

  /**
   * The question's information (term weight × IDF): how much of it the top entry explains (in
   * its phrasings, or half in its answer), how much no entry knows at all, and the total.
   */
  private features(top: number, analysis: Analysis, weights: Map<string, number>): { explained: number; unknown: number; total: number } {
    const n = this.entries.length;
    const unknownIdf = idf(n, 0);
    const answerTerms = this.answers[top]!.terms;
    let total = 0;
    let explained = 0;
    let unknown = 0;
    for (const term of analysis.terms.keys()) {
      const inEntries = this.entryFrequency.get(term) ?? 0;
      const inAnswers = this.answerFrequency.get(term) ?? 0;
      const known = inEntries > 0 || inAnswers > 0;
      if (!known && isWeakEvidence(term, analysis)) continue;
      const information = weights.get(term)! * (inEntries > 0 ? idf(n, inEntries) : inAnswers > 0 ? idf(n, inAnswers) : unknownIdf);
      total += information;
      if (!known) unknown += information;
      else if (this.entryTerms[top]!.has(term)) explained += information;
      else if (answerTerms.has(term)) explained += information * 0.5;
    }
    return { explained, unknown, total };
  }
}

