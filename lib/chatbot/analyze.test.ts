import { analyze, editDistance, stem } from "./analyze";

const concepts = (text: string, tolerateTypos = true) =>
  [...analyze(text, { tolerateTypos }).terms.keys()].filter((t) => t.startsWith("c:")).map((t) => t.slice(2)).sort();

describe("concepts of the thesaurus, in any script and in English", () => {
  it.each([
    ["接種券をなくした", ["lost", "voucher"]],
    ["せっしゅけんなくした", ["lost", "voucher"]],
    ["セッシュケン ナクシタ", ["lost", "voucher"]],
    ["I lost my voucher", ["lost", "voucher"]],
    ["駐車場はありますか", ["parking"]],
    ["ちゅうしゃじょうある？", ["parking"]],
    ["is there a car park", ["parking"]],
    ["副反応が心配", ["consult", "sideEffect"]],
    ["side effects", ["sideEffect"]],
  ])("%s", (text, expected) => {
    expect(concepts(text)).toEqual(expected);
  });

  it("prefers the longest surface (車いす is not 車)", () => {
    expect(concepts("車いすで行けますか")).toContain("barrierFree");
    expect(concepts("車いすで行けますか")).not.toContain("parking");
  });

  it("matches short hiragana surfaces only where a word can start", () => {
    expect(concepts("うでがいたい")).toContain("sideEffect");
    expect(concepts("教えてもらいたい")).not.toContain("sideEffect"); // もら|いたい is not 痛い
    expect(concepts("申し込める")).not.toContain("notification"); // 込|める is not メール
    expect(concepts("確認メールが来ない")).toContain("notification"); // メール written in katakana
  });

  it("knows the other forms of adjectives and negatives", () => {
    expect(concepts("腕が痛くなった")).toContain("sideEffect");
    expect(concepts("接種券が届きません")).toContain("notArrived");
    expect(concepts("接種券が見つかりません")).toContain("lost");
  });
});

describe("typo tolerance (questions only)", () => {
  it("finds kana surfaces of 5+ characters one edit away", () => {
    expect(concepts("キャンセリしたい")).toContain("cancel");
    expect(concepts("キャンセリしたい", false)).not.toContain("cancel");
    expect(concepts("ふくはんおうがしんぱい")).toContain("sideEffect");
  });

  it("does not stretch short surfaces to everyday words", () => {
    expect(concepts("こんにちは")).toEqual([]); // one edit from なんにち (interval), too short to trust
  });

  it("corrects English words one edit from the thesaurus, two for long words", () => {
    expect(concepts("vacine side efects")).toEqual(expect.arrayContaining(["sideEffect", "vaccination"]));
    expect(concepts("cancell booking")).toEqual(expect.arrayContaining(["booking", "cancel"]));
    expect(analyze("vacine", { tolerateTypos: true }).fuzzy.has("c:vaccination")).toBe(true);
  });
});

describe("words and bigrams", () => {
  it("counts kanji/katakana bigrams inside a word as strong, across words or with hiragana as weak", () => {
    const terms = analyze("予約取れる").terms;
    expect(terms.has("b:予約")).toBe(true);
    expect(terms.has("m:約取")).toBe(true); // 予約|取れる: across a word boundary
    expect(terms.has("m:取れ")).toBe(true);
  });

  it("leaves numbers to concepts and marks hiragana words as weak evidence", () => {
    const analysis = analyze("14歳はだめ");
    expect(analysis.terms.has("w:14")).toBe(false);
    expect(analysis.terms.has("c:teen")).toBe(true);
    expect(analysis.hiraganaWords.has("w:だめ")).toBe(true);
  });
});

describe("stem and editDistance", () => {
  it.each([
    ["bookings", "book"],
    ["booking", "book"],
    ["cancelled", "cancel"],
    ["canceled", "cancel"],
    ["vaccines", "vaccin"],
    ["vaccine", "vaccin"],
    ["effects", "effect"],
  ])("stem(%s) = %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it("measures edits and gives up past the maximum", () => {
    expect(editDistance("vaccin", "vacin", 1)).toBe(1);
    expect(editDistance("effect", "efect", 1)).toBe(1);
    expect(editDistance("parking", "booking", 2)).toBe(3);
  });
});
