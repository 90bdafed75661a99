// How residents type, folded to one form before matching: full-/half-width (NFKC), upper/lower
// case, katakana/hiragana, long vowel marks (サーバー/サーバ), okurigana and kanji/kana spellings
// of everyday words (出来る/できる, 無くす/なくす), punctuation, and polite or casual endings.
import { isHiragana, isKatakana, toHiragana } from "wanakana";

/** Spelling variants folded to one form (applied after NFKC, before kana folding). */
const VARIANTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/下さい/g, "ください"],
  [/出来/g, "でき"],
  [/[無失]く(?=[しすさせなっ])/g, "なく"],
  [/無くな/g, "なくな"],
  [/分か(?=[らりるれっ])/g, "わか"],
  [/分(?=から|かり|かる|かれ|かっ)/g, "わ"],
  [/頂(?=[きくけい])/g, "いただ"],
  [/貰/g, "もら"],
  [/致(?=[しす])/g, "いた"],
  [/子供/g, "子ども"],
  [/車椅子/g, "車いす"],
  [/申し?込み?/g, "申込"],
  [/引っ?越し?/g, "引越"],
  [/取り?消し?/g, "取消"],
  [/受け?付け?/g, "受付"],
  [/問い?合わ?せ/g, "問合せ"],
  [/振り?替え?/g, "振替"],
  [/[ヶヵケケ](?=[月所])/g, "か"],
  [/何故/g, "なぜ"],
  [/何処/g, "どこ"],
  [/(?<![a-z0-9])e-?mail/g, "email"],
];

/** The part of a message that carries its meaning: NFKC, lower case, variants folded, punctuation gone. Script kept. */
export function surfaceForm(text: string): string {
  let s = text.normalize("NFKC").toLowerCase();
  for (const [pattern, replacement] of VARIANTS) s = s.replace(pattern, replacement);
  // A long vowel mark (or a hyphen typed for one) after kana is dropped: コールセンター = コルセンタ.
  s = s.replace(/(?<=[\u3041-\u30ff])[ー\-‐〜~]+/g, "");
  // Everything that is not a letter or a digit separates words.
  s = s.replace(/[^\p{L}\p{N}]+/gu, " ");
  return s.trim();
}

/**
 * Katakana folded to hiragana, one character for one character (positions stay aligned with
 * the surface form, so callers can still see which characters were written in hiragana).
 */
export function foldKana(surface: string): string {
  let out = "";
  for (const ch of surface) out += isKatakana(ch) && ch !== "ー" ? toHiragana(ch, { passRomaji: true, convertLongVowelMark: false }) : ch;
  return out;
}

/** The form used for matching: surface form with katakana folded to hiragana. */
export function searchForm(text: string): string {
  return foldKana(surfaceForm(text));
}

/**
 * Endings that carry politeness or mood but no meaning (「〜でしょうか」「〜ですか」「〜したいです」「〜かな」),
 * longest first. They are removed from the end of each phrase of a search form.
 */
const ENDINGS = [
  "なんでしょうか", "のでしょうか", "でしょうか", "ませんでしょうか", "いただけますか", "もらえますか", "くれますか",
  "くださいませんか", "ください", "くださ", "なんですけど", "なんですが", "んですけど", "んですけれど", "んですが", "んだけど",
  "のですが", "のですけど", "ですけど", "ですが", "ですよね", "ですね", "ですよ", "ですか", "ますか", "ませんか",
  "でしょ", "だよね", "だけど", "けれど", "けど", "かしら", "かな", "かね", "よね", "です", "ます", "だよ", "の", "か", "ね", "よ", "わ",
] as const;

/** Removes polite/casual endings from every phrase, keeping at least two characters of each. */
export function stripEndings(search: string): string {
  return search
    .split(" ")
    .map((phrase) => {
      let p = phrase;
      for (let changed = true; changed; ) {
        changed = false;
        for (const ending of ENDINGS) {
          if (p.length - ending.length >= 2 && p.endsWith(ending)) {
            p = p.slice(0, -ending.length);
            changed = true;
            break;
          }
        }
      }
      return p;
    })
    .join(" ");
}

/** A key that is the same for messages that differ only in width, kana, punctuation and endings. */
export function messageKey(text: string): string {
  return stripEndings(searchForm(text)).replace(/\s+/g, " ").trim();
}

const LATIN = /[a-z]/i;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** True when a message is written (mostly) in English: more Latin letters than Japanese characters. */
export function isEnglish(text: string): boolean {
  let latin = 0;
  let japanese = 0;
  for (const ch of text.normalize("NFKC")) {
    if (LATIN.test(ch)) latin++;
    else if (JAPANESE.test(ch)) japanese++;
  }
  return latin > 0 && latin > japanese * 2;
}

export function isHiraganaChar(ch: string): boolean {
  return isHiragana(ch) && ch !== "ー";
}
