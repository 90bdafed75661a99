import { FaqIndex, HANDOFF_THRESHOLD, type FaqDocument } from "./faq-index";

// A small FAQ, enough for the ranking to have to choose.
const FAQ: FaqDocument[] = [
  { id: "BOOK", question: "予約の方法を教えてください", answer: "予約サイトかLINEで予約できます。", alternatives: ["どうやって予約すればいいですか", "How do I book?"], category: "予約" },
  { id: "CANCEL", question: "予約をキャンセルしたい", answer: "マイページからキャンセルできます。", alternatives: ["予約の取り消し方法", "How do I cancel?"], category: "変更" },
  { id: "CHANGE", question: "予約した日時を変更したい", answer: "マイページから変更できます。", alternatives: ["予約日を別の日にしたい"], category: "変更" },
  { id: "LOST", question: "接種券をなくしてしまいました", answer: "再発行を申請してください。", alternatives: ["接種券の再発行"], category: "接種券" },
  { id: "NOTARRIVED", question: "接種券が届きません", answer: "順次郵送しています。", alternatives: ["接種券はいつ届きますか"], category: "接種券" },
  { id: "PARKING", question: "会場に駐車場はありますか", answer: "無料駐車場があります（台数に限りがあります）。", alternatives: ["車で行けますか"], category: "会場" },
  { id: "SIDE", question: "どんな副反応がありますか", answer: "痛み、発熱、だるさなどです。", alternatives: ["接種後の熱や痛み"], category: "副反応" },
  { id: "BRING", question: "当日の持ち物を教えてください", answer: "接種券と本人確認書類をお持ちください。", alternatives: ["必要なものは何ですか"], category: "当日" },
];

const index = new FaqIndex(FAQ);
const top = (message: string) => index.search(message).ranked[0]?.id;
const confidence = (message: string) => index.search(message).confidence;

describe("ranking: the right entry for residents' own words", () => {
  it.each([
    ["キャンセルしたい", "CANCEL"],
    ["きゃんせるのしかた", "CANCEL"],
    ["予約取り消しお願いします", "CANCEL"],
    ["日にちを変えたい", "CHANGE"],
    ["せっしゅけんなくした", "LOST"],
    ["接種券どこかにいっちゃった", "LOST"],
    ["クーポン券がまだ来ない", "NOTARRIVED"],
    ["ちゅうしゃじょうある？", "PARKING"],
    ["車で行っても大丈夫？停めるところある？", "PARKING"],
    ["ふくはんのうがこわい", "SIDE"],
    ["もちものは", "BRING"],
    ["I lost my vocher", "LOST"],
    ["is there a car park", "PARKING"],
    ["cancel my appointment please", "CANCEL"],
  ])("%s → %s", (message, expected) => {
    expect(top(message)).toBe(expected);
  });

  it("uses the 言い換え phrasings: words only a phrasing has raise its entry and the confidence", () => {
    const withoutPhrasings = new FaqIndex(FAQ.map((f) => ({ ...f, alternatives: [] })));
    const question = "車で行けますか";
    expect(index.search(question).ranked[0]?.id).toBe("PARKING");
    expect(index.search(question).confidence).toBeGreaterThan(withoutPhrasings.search(question).confidence);
    expect(index.search(question).ranked[0]!.score).toBeGreaterThan(withoutPhrasings.search(question).ranked[0]?.score ?? 0);
  });

  it("returns at most `limit` entries, best first", () => {
    const { ranked } = index.search("予約をキャンセルして別の日に変更したい", 2);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(ranked[1]!.score);
  });
});

describe("confidence and the hand-off threshold", () => {
  it.each(["キャンセルしたい", "駐車場はありますか", "接種券をなくした", "副反応が心配です"])("answers %s with confidence over the threshold", (message) => {
    expect(confidence(message)).toBeGreaterThanOrEqual(HANDOFF_THRESHOLD);
  });

  it.each(["今日の天気は？", "ゴミの収集日を教えて", "おすすめのラーメン屋", "こんにちは", "ありがとう", "what time does the library open"])(
    "hands off %s (below the threshold)",
    (message) => {
      expect(confidence(message)).toBeLessThan(HANDOFF_THRESHOLD);
    },
  );

  it("is higher when the entry explains the whole question than when words are left unexplained", () => {
    expect(confidence("駐車場はありますか")).toBeGreaterThan(confidence("市役所の駐車場はありますか"));
    expect(confidence("ペットの予防接種")).toBeLessThan(HANDOFF_THRESHOLD);
  });

  it("stays within 0..1, and is 0 for nothing to match or an empty FAQ", () => {
    for (const message of ["キャンセル", "キャンセル キャンセル キャンセル 予約 キャンセル", "x", "？？？", ""]) {
      const c = confidence(message);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
    expect(index.search("？？？")).toEqual({ ranked: [], confidence: 0 });
    expect(new FaqIndex([]).search("キャンセルしたい")).toEqual({ ranked: [], confidence: 0 });
  });

  it("does not let a long story of unrelated words sink a clear question", () => {
    const story = "先週から家じゅう探しているのですが、引き出しも全部見たのに、どこにしまったか全く思い出せません。接種券が見つかりません。";
    expect(top(story)).toBe("LOST");
    expect(confidence(story)).toBeGreaterThanOrEqual(HANDOFF_THRESHOLD);
  });
});
