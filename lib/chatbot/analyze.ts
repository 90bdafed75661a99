// A message or FAQ text → the terms the ranking counts. Four kinds, each with its weight:
//   c:<concept>  a domain concept from the thesaurus (lexicon.ts), in any script or in English
//   w:<word>     a word from ICU's dictionary-based Japanese word segmentation (Intl.Segmenter),
//                or an English word, lightly stemmed
//   b:/m:/h:<xy> character bigrams: b kanji/katakana inside one word, m across words or mixed with
//                hiragana or a digit, h hiragana/digits only (okurigana, endings: weak evidence).
//                Bigrams survive typos and the segmenter's mistakes on hiragana-only text.
// Intl.Segmenter is ICU's word segmenter with its Japanese dictionary, built into Node (full
// ICU): a real tokenizer with no package, no dictionary to load and nothing native to build.
import { LEXICON, WEAK_CONCEPTS } from "./lexicon";
import { foldKana, isHiraganaChar, surfaceForm } from "./normalize";

export type Terms = Map<string, number>;

export interface Analysis {
  /** term → count in the text */
  terms: Terms;
  /** concept terms found only by typo-tolerant matching (counted at a lower weight) */
  fuzzy: Set<string>;
  /** word terms written in hiragana only (grammar and casual speech, mostly) */
  hiraganaWords: Set<string>;
  /** word and bigram terms inside a thesaurus match: the domain knows them even if no entry says them */
  inThesaurus: Set<string>;
  /** characters of the normalised text */
  length: number;
}

// ---------------------------------------------------------------- English

const ENGLISH_STOPWORDS = new Set(
  ("a an the i me my we our you your he she it its they them their is am are was were be been being do does did " +
    "have has had to of in on at for from by with about as into or and but if so not no can could would should will " +
    "shall may might must please thank thanks hello hi this that these those there here what which who whom whose " +
    "when why how any some get got just also want wanted need like know tell let make use yes ok okay").split(" "),
);

/** A light English stemmer: plural, -ing/-ed/-ation, a doubled final consonant, a final e. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, "");
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) w = w.slice(0, -1);
  if (w.endsWith("ation") && w.length > 7) w = `${w.slice(0, -5)}ate`;
  else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !w.endsWith("ss")) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

function englishWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z0-9']*|[0-9]+(?:st|nd|rd|th)?/g) ?? [];
}

// ---------------------------------------------------------------- Japanese

const JAPANESE_STOPWORDS = new Set(
  ("は が を に で と の も へ や か ね よ な て た だ し する した して します しました しています している いる います いた ある あり あります" +
    " です ます でした ました ですか ますか ません ない なく なっ なる なり こと もの ため これ それ あれ この その あの ここ そこ" +
    " どう どの なに なん 何 ので から まで けど けれど でも また ください くださ いい よい たい たいです ほしい お ご 方 さん 私 わたし 僕 自分" +
    " について による によって として という って じゃ じゃない ちゃ ちょっと すみません よろしく お願い おねがい いただけ いただき もらえ できる でき できます" +
    " ん の で いつ ら れ せ け き く さ").split(" "),
);
const PARTICLES = new Set([..."がをはにでもとのへやか"]);

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

function isLatin(ch: string): boolean {
  return /[a-z]/.test(ch);
}

// ---------------------------------------------------------------- the thesaurus, compiled

interface Surface {
  key: string;
  concepts: string[];
  /** an i-adjective's stem (痛い → 痛): matches only before one of these endings (痛く, 痛かった) */
  endings?: string;
  /** kana-only and short: must start where a word can start */
  needsBoundary: boolean;
  /** digits only: must not touch other digits */
  digits: boolean;
}

interface CompiledLexicon {
  byFirstChar: Map<string, Surface[]>;
  english: Map<string, string[]>;
  englishMaxWords: number;
  /** kana-only surfaces of 5+ characters, for typo-tolerant matching, by each of their bigrams */
  fuzzyByBigram: Map<string, Surface[]>;
  /** every word of the English surfaces (stemmed), and those of 4+ letters for spelling correction */
  englishWords: Set<string>;
  englishVocabulary: string[];
}

/** The godan verb's a-row before ない → its i-row before ません (届かない → 届きません). */
const I_ROW: Record<string, string> = { か: "き", が: "ぎ", さ: "し", た: "ち", な: "に", ば: "び", ま: "み", ら: "り", わ: "い" };

let compiled: CompiledLexicon | null = null;

function compileLexicon(): CompiledLexicon {
  const byKey = new Map<string, Surface>();
  const english = new Map<string, string[]>();
  let englishMaxWords = 1;
  for (const [concept, surfaces] of Object.entries(LEXICON)) {
    for (const raw of surfaces) {
      if (/^[a-z0-9 .'-]+$/i.test(raw) && /[a-z]/i.test(raw)) {
        const key = englishWords(raw).map(stem).join(" ");
        englishMaxWords = Math.max(englishMaxWords, key.split(" ").length);
        const list = english.get(key) ?? [];
        if (!list.includes(concept)) list.push(concept);
        english.set(key, list);
        continue;
      }
      const key = foldKana(surfaceForm(raw)).replace(/ /g, "");
      if (!key) continue;
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.concepts.includes(concept)) existing.concepts.push(concept);
        continue;
      }
      const kanaOnly = [...key].every(isHiraganaChar);
      byKey.set(key, { key, concepts: [concept], needsBoundary: kanaOnly && key.length < 4, digits: /^[0-9 ]+$/.test(key) });
      // A plain negative (届かない, 入れない) also matches its polite form (届きません, 入れません).
      const negative = /^(.+?)([かがさたなばまらわ]?)ない$/.exec(key);
      if (negative && key.length >= 3) {
        const polite = `${negative[1]}${negative[2] ? I_ROW[negative[2]] : ""}ません`;
        if (!byKey.has(polite)) byKey.set(polite, { key: polite, concepts: [concept], needsBoundary: false, digits: false });
      }
      // An i-adjective after kanji (痛い, 息苦しい) also matches its other forms (痛く, 息苦しかった).
      const adjective = /^(.*[\u3400-\u9fff]し?)い$/.exec(key);
      if (adjective && !byKey.has(adjective[1]!)) {
        byKey.set(adjective[1]!, { key: adjective[1]!, concepts: [concept], needsBoundary: false, digits: false, endings: "いくかけさ" });
      }
    }
  }
  const byFirstChar = new Map<string, Surface[]>();
  const fuzzyByBigram = new Map<string, Surface[]>();
  for (const surface of byKey.values()) {
    const first = surface.key[0]!;
    byFirstChar.set(first, [...(byFirstChar.get(first) ?? []), surface]);
    if (surface.key.length >= 5 && [...surface.key].every(isHiraganaChar)) {
      for (let i = 0; i + 1 < surface.key.length; i++) {
        const bigram = surface.key.slice(i, i + 2);
        const list = fuzzyByBigram.get(bigram) ?? [];
        if (!list.includes(surface)) list.push(surface);
        fuzzyByBigram.set(bigram, list);
      }
    }
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.key.length - a.key.length);
  const englishWordSet = new Set([...english.keys()].flatMap((k) => k.split(" ")));
  const englishVocabulary = [...englishWordSet].filter((w) => w.length >= 4);
  return { byFirstChar, english, englishMaxWords, fuzzyByBigram, englishWords: englishWordSet, englishVocabulary };
}

function lexicon(): CompiledLexicon {
  compiled ??= compileLexicon();
  return compiled;
}

// ---------------------------------------------------------------- edit distance

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Where `pattern` occurs in `text` with at most one edit (Sellers' algorithm): the end index, or -1. */
function approximateEnd(pattern: string, text: string): number {
  const m = pattern.length;
  let column = Array.from({ length: m + 1 }, (_, i) => i);
  for (let j = 0; j < text.length; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) {
      const cost = pattern[i - 1] === text[j] ? 0 : 1;
      next.push(Math.min(column[i]! + 1, next[i - 1]! + 1, column[i - 1]! + cost));
    }
    column = next;
    if (column[m]! <= 1) return j;
  }
  return -1;
}

// ---------------------------------------------------------------- analysis

function add(terms: Terms, term: string, count = 1) {
  terms.set(term, (terms.get(term) ?? 0) + count);
}

const KANJI = /[\u3400-\u9fff々]/;

/**
 * Whether a short kana surface may match at `at`: written in katakana it is a word of its own
 * (メール); written in hiragana it must follow a phrase start, a particle, or katakana/Latin,
 * not a kanji (「込める」 is okurigana, not メール) nor other hiragana (「もらいたい」 is not 痛い).
 */
function canStartWord(surface: string, at: number): boolean {
  if (!isHiraganaChar(surface[at]!)) return true;
  if (at === 0) return true;
  const before = surface[at - 1]!;
  if (before === " " || PARTICLES.has(before)) return true;
  return !isHiraganaChar(before) && !KANJI.test(before);
}

/** Finds the thesaurus concepts in a text; returns which characters exact matches covered. */
function conceptsIn(surface: string, folded: string, terms: Terms, fuzzy: Set<string>, tolerateTypos: boolean): Uint8Array {
  const { byFirstChar, fuzzyByBigram } = lexicon();
  const covered = new Uint8Array(folded.length);
  for (let i = 0; i < folded.length; ) {
    const candidates = byFirstChar.get(folded[i]!);
    let matched: Surface | undefined;
    for (const c of candidates ?? []) {
      if (!folded.startsWith(c.key, i)) continue;
      const next = folded[i + c.key.length];
      if (c.endings && (!next || !c.endings.includes(next))) continue;
      if (c.needsBoundary && !canStartWord(surface, i)) continue;
      if (c.digits && ((i > 0 && /[0-9]/.test(folded[i - 1]!)) || /[0-9]/.test(folded[i + c.key.length] ?? ""))) continue;
      matched = c;
      break;
    }
    if (matched) {
      for (const concept of matched.concepts) add(terms, `c:${concept}`);
      covered.fill(1, i, i + matched.key.length);
      i += matched.key.length;
    } else {
      i++;
    }
  }
  if (!tolerateTypos) return covered;
  // Typos: kana runs not explained by an exact match, against kana surfaces of 5+ characters
  // (shorter ones are one edit away from too many everyday words: こんにちは / なんにち).
  for (const run of folded.matchAll(/[\u3041-\u3096]{3,}/g)) {
    const start = run.index;
    const text = run[0];
    let uncovered = 0;
    for (let k = start; k < start + text.length; k++) uncovered += covered[k] ? 0 : 1;
    if (uncovered < 3) continue;
    const tried = new Set<Surface>();
    for (let k = 0; k + 1 < text.length; k++) {
      for (const s of fuzzyByBigram.get(text.slice(k, k + 2)) ?? []) {
        if (tried.has(s)) continue;
        tried.add(s);
        if (s.concepts.every((c) => terms.has(`c:${c}`))) continue;
        const end = approximateEnd(s.key, text);
        if (end < 0) continue;
        const from = Math.max(0, end - s.key.length + 1);
        let fresh = 0;
        for (let p = from; p <= end; p++) fresh += covered[start + p] ? 0 : 1;
        if (fresh * 2 < s.key.length) continue;
        for (const concept of s.concepts) {
          if (terms.has(`c:${concept}`)) continue;
          add(terms, `c:${concept}`);
          fuzzy.add(`c:${concept}`);
        }
      }
    }
  }
  return covered;
}

function englishTerms(words: string[], terms: Terms, fuzzy: Set<string>, tolerateTypos: boolean) {
  const { english, englishMaxWords, englishWords: known, englishVocabulary } = lexicon();
  const stems = words.map(stem);
  // Spelling: a word the thesaurus does not know, one edit (two for long words) from one it knows.
  const corrected = stems.map((word, i) => {
    if (!tolerateTypos || known.has(word) || word.length < 4 || ENGLISH_STOPWORDS.has(words[i]!)) return null;
    const max = word.length >= 8 ? 2 : 1;
    return englishVocabulary.find((v) => editDistance(word, v, max) <= max) ?? null;
  });
  const lookup = stems.map((word, i) => corrected[i] ?? word);
  const inConcept = new Array<boolean>(stems.length).fill(false);
  for (let i = 0; i < stems.length; ) {
    let taken = 1;
    for (let n = Math.min(englishMaxWords, stems.length - i); n >= 1; n--) {
      const concepts = english.get(lookup.slice(i, i + n).join(" "));
      if (!concepts) continue;
      const typo = corrected.slice(i, i + n).some(Boolean);
      for (const concept of concepts) {
        if (typo && terms.has(`c:${concept}`)) continue;
        add(terms, `c:${concept}`);
        if (typo) fuzzy.add(`c:${concept}`);
      }
      inConcept.fill(true, i, i + n);
      taken = n;
      break;
    }
    i += taken;
  }
  // Words of a thesaurus concept count through the concept only: with one English phrasing per
  // entry, a shared everyday word ("shot") would otherwise outweigh the meaning.
  for (let i = 0; i < words.length; i++) {
    if (!inConcept[i] && !ENGLISH_STOPWORDS.has(words[i]!) && stems[i]!.length >= 2) add(terms, `w:${stems[i]}`);
  }
}

/**
 * The terms of a text. `tolerateTypos` is for questions (not the FAQ itself): kana surfaces
 * and English words of the thesaurus are also found one edit away.
 */
export function analyze(text: string, options: { tolerateTypos?: boolean } = {}): Analysis {
  const tolerateTypos = options.tolerateTypos ?? false;
  const terms: Terms = new Map();
  const fuzzy = new Set<string>();
  const surface = surfaceForm(text);
  const folded = foldKana(surface);

  const covered = conceptsIn(surface, folded, terms, fuzzy, tolerateTypos);
  const inThesaurus = new Set<string>();
  const isCovered = (from: number, to: number) => covered.subarray(from, to).every((c) => c === 1);

  const latinWords: string[] = [];
  const hiraganaWords = new Set<string>();
  const wordStarts = new Set<number>();
  for (const { segment, index, isWordLike } of segmenter.segment(surface)) {
    wordStarts.add(index);
    if (!isWordLike) continue;
    if (/^[a-z][a-z0-9']*$/.test(segment) || /^[0-9]+(st|nd|rd|th)$/.test(segment)) {
      latinWords.push(segment);
      continue;
    }
    const word = foldKana(segment);
    if (JAPANESE_STOPWORDS.has(word)) continue;
    if (/^[0-9]+$/.test(word)) continue; // numbers count through concepts (2回目, 14歳), not alone
    if (word.length === 1 && isHiraganaChar(word)) continue;
    add(terms, `w:${word}`);
    if ([...segment].every(isHiraganaChar)) hiraganaWords.add(`w:${word}`);
    if (isCovered(index, index + segment.length)) inThesaurus.add(`w:${word}`);
  }
  if (latinWords.length > 0) englishTerms(latinWords, terms, fuzzy, tolerateTypos);

  // Bigrams over the Japanese runs of each phrase (Latin words are counted as words). A bigram
  // of kanji/katakana inside one word is strong; across a word boundary (「予約|取れる」) or
  // with hiragana or digits it is weak.
  const weakChar = (ch: string) => isHiraganaChar(ch) || /[0-9]/.test(ch);
  let runStart = 0;
  for (let i = 0; i <= surface.length; i++) {
    if (i < surface.length && surface[i] !== " " && !isLatin(surface[i]!)) continue;
    if (i - runStart === 1 && !weakChar(surface[runStart]!)) add(terms, `b:${folded[runStart]}`);
    for (let k = runStart; k + 1 < i; k++) {
      const weak = Number(weakChar(surface[k]!)) + Number(weakChar(surface[k + 1]!));
      const kind = weak === 2 ? "h" : weak === 1 || wordStarts.has(k + 1) ? "m" : "b";
      add(terms, `${kind}:${folded.slice(k, k + 2)}`);
      if (isCovered(k, k + 2)) inThesaurus.add(`${kind}:${folded.slice(k, k + 2)}`);
    }
    runStart = i + 1;
  }
  return { terms, fuzzy, hiraganaWords, inThesaurus, length: surface.length };
}

/** How much one occurrence of a term counts, by its kind. */
export function termWeight(term: string): number {
  switch (term[0]) {
    case "c":
      return WEAK_CONCEPTS.has(term.slice(2)) ? 0.5 : 2;
    case "w":
      return 1;
    case "b":
      return 0.8;
    case "m":
      return 0.4;
    default:
      return 0.2;
  }
}

/**
 * Terms whose absence from every FAQ entry says nothing about the question being out of
 * scope: okurigana, endings, bigrams across words or with digits, hiragana-only words
 * (mostly grammar and casual speech: これから, ちゃんと, ありがとう), and words the thesaurus
 * knows (「喘息」 is a chronic condition even if no entry names it).
 */
export function isWeakEvidence(term: string, analysis: Analysis): boolean {
  return term[0] === "m" || term[0] === "h" || analysis.hiraganaWords.has(term) || analysis.inThesaurus.has(term);
}
