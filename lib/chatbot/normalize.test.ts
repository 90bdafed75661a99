import { isEnglish, messageKey, searchForm, stripEndings, surfaceForm } from "./normalize";

describe("searchForm: the way residents type, folded to one form", () => {
  it.each([
    ["full-width letters and digits", "ＬＩＮＥで２回目", "lineで2回目"],
    ["half-width katakana", "ｷｬﾝｾﾙ", "きゃんせる"],
    ["katakana to hiragana", "キャンセル", "きゃんせる"],
    ["long vowel marks dropped", "コールセンター", "こるせんた"],
    ["a hyphen typed for a long vowel", "コ-ルセンタ-", "こるせんた"],
    ["hiragana with a long vowel mark", "こーるせんたー", "こるせんた"],
    ["punctuation and symbols are spaces", "予約は？！（至急）", "予約は 至急"],
    ["できる written in kanji", "予約出来ますか", "予約できますか"],
    ["なくす written in kanji", "接種券を無くした", "接種券をなくした"],
    ["ください written in kanji", "教えて下さい", "教えてください"],
    ["okurigana variants", "申し込み 申込み 取り消し", "申込 申込 取消"],
    ["ヶ月", "3ヶ月 3ヵ月 3か月", "3か月 3か月 3か月"],
  ])("%s", (_, input, expected) => {
    expect(searchForm(input)).toBe(expected);
  });

  it("keeps kanji and Latin words as they are (lower case)", () => {
    expect(surfaceForm("Side Effects 副反応")).toBe("side effects 副反応");
  });
});

describe("stripEndings and messageKey", () => {
  it.each([
    ["キャンセルしたいのですが", "きゃんせるしたい"],
    ["駐車場はありますか？", "駐車場はあり"],
    ["予約できますでしょうか", "予約でき"],
    ["熱があるんですけど", "熱がある"],
  ])("%s → %s", (input, expected) => {
    expect(stripEndings(searchForm(input))).toBe(expected);
  });

  it("never strips a phrase below two characters", () => {
    expect(stripEndings("です")).toBe("です");
    expect(stripEndings("かか")).toBe("かか");
  });

  it("gives one key to messages that differ only in width, kana, punctuation and endings", () => {
    expect(messageKey("キャンセルしたいです！")).toBe(messageKey("きゃんせるしたい"));
    expect(messageKey("ｷｬﾝｾﾙしたいのですが…")).toBe(messageKey("キャンセルしたい"));
    expect(messageKey("キャンセルしたい")).not.toBe(messageKey("変更したい"));
  });
});

describe("isEnglish", () => {
  it.each([
    ["How do I cancel my booking?", true],
    ["Is there parking?", true],
    ["LINEで予約できますか", false],
    ["予約をキャンセルしたい", false],
    ["2026", false],
  ])("%s → %s", (input, expected) => {
    expect(isEnglish(input)).toBe(expected);
  });
});
