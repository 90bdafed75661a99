import { decodeCsv, formatFaqCsv, parseFaqCsv, type FaqRow } from "./faq-csv";

const HEADER = "ID,質問,回答,言い換え,カテゴリ";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\r\n") + "\r\n";

// "ID,質問,回答,言い換え,カテゴリ\r\nF1,駐車場はありますか,あります①,車で行けますか|駐輪場,会場\r\n" in Shift_JIS (CP932:
// ① is one of its NEC extensions), as Excel in Japan saves it.
const SHIFT_JIS = Buffer.from(
  "49442c8ebf96e22c89f1939a2c8cbe82a28ab782a62c834a83658353838a0d0a46312c92938ed48fea82cd82a082e882dc82b782a92c82a082e882dc82b787402c8ed482c58d7382af82dc82b782a97c929397d68fea2c89ef8fea0d0a",
  "hex",
);

function rows(input: string | Uint8Array): FaqRow[] {
  const result = parseFaqCsv(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.rows;
}

function problems(input: string | Uint8Array) {
  const result = parseFaqCsv(input);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("parseFaqCsv: a good file", () => {
  it("reads every column; 言い換え split on | (full-width too), trimmed, empty and duplicate ones dropped", () => {
    expect(rows(csv("F01,予約の方法,予約サイトからどうぞ。, 予約したい |予約のしかた｜｜予約したい ,予約"))).toEqual([
      { id: "F01", question: "予約の方法", answer: "予約サイトからどうぞ。", alternatives: ["予約したい", "予約のしかた"], category: "予約", answerEn: null },
    ]);
  });

  it("keeps a multi-line quoted answer, and reads the optional 回答(英語) column", () => {
    const text = `ID,質問,回答,言い換え,カテゴリ,回答（英語）\r\nF21,持ち物,"次のものをお持ちください。\n・接種券\n・本人確認書類",,当日,Your voucher and ID.\r\n`;
    expect(rows(text)[0]).toMatchObject({ answer: "次のものをお持ちください。\n・接種券\n・本人確認書類", alternatives: [], answerEn: "Your voucher and ID." });
  });

  it("accepts UTF-8 with a BOM (as text and as bytes), and Shift_JIS bytes", () => {
    const text = csv("F1,駐車場はありますか,あります①,車で行けますか|駐輪場,会場");
    const expected = rows(text);
    expect(rows(`\uFEFF${text}`)).toEqual(expected);
    expect(rows(Buffer.from(`\uFEFF${text}`, "utf8"))).toEqual(expected);
    expect(rows(SHIFT_JIS)).toEqual(expected);
    expect(decodeCsv(SHIFT_JIS)).toBe(text);
  });

  it("accepts the columns in any order, ignores unknown ones, and skips blank lines", () => {
    const text = "カテゴリ,回答,メモ,ID,質問\r\n会場,あります,社内用,F1,駐車場は？\r\n\r\n,,,,\r\n";
    expect(rows(text)).toEqual([{ id: "F1", question: "駐車場は？", answer: "あります", alternatives: [], category: "会場", answerEn: null }]);
  });

  it("takes back a cell our export neutralised ('= …)", () => {
    expect(rows(csv("F1,'=1+1 とは？,'@回答,,"))[0]).toMatchObject({ question: "=1+1 とは？", answer: "@回答" });
  });
});

describe("parseFaqCsv: bad files are refused whole, every problem with its line", () => {
  it("reports each bad row with the line of the file it starts on (after a multi-line answer too)", () => {
    const text = csv(
      'F01,質問1,"一行目\n二行目\n三行目",,', // lines 2-4
      "F02,,回答,,", // line 5: no question
      "F 03,質問3,回答,,", // line 6: bad ID
      "F01,質問4,回答,,", // line 7: duplicate of line 2
      "F05,質問5,,,", // line 8: no answer
    );
    expect(problems(text)).toEqual([
      { line: 5, message: "質問が空です" },
      { line: 6, message: expect.stringContaining("ID「F 03」は半角英数字") },
      { line: 7, message: "ID「F01」は2行目と重複しています" },
      { line: 8, message: "回答が空です" },
    ]);
  });

  it("refuses a header without the required columns", () => {
    expect(problems("番号,質問,回答\r\nF1,q,a\r\n")).toEqual([{ line: 1, message: expect.stringContaining("ID") }]);
  });

  it("refuses an empty file, a file with no entries, too many fields and an unclosed quote", () => {
    expect(problems("")[0]!.message).toContain("空です");
    expect(problems(csv())[0]!.message).toContain("1件もありません");
    expect(problems(csv("F1,q,a,,c,extra"))).toEqual([{ line: 2, message: expect.stringContaining("列が多すぎます") }]);
    expect(problems(csv("F1,q,a,,c", 'F2,"q,a,,c'))).toEqual([{ line: 3, message: expect.stringContaining("閉じられていません") }]);
  });

  it("refuses over-long fields", () => {
    expect(problems(csv(`F1,${"あ".repeat(201)},a,,`))[0]!.message).toContain("200文字以内");
    expect(problems(csv(`F1,q,${"あ".repeat(2001)},,`))[0]!.message).toContain("2000文字以内");
  });
});

describe("formatFaqCsv", () => {
  it("writes what parseFaqCsv reads back, with a BOM and neutralised formulas", () => {
    const entries: FaqRow[] = [
      { id: "F1", question: "=HYPERLINK(\"x\")", answer: "一行目\n二行目, \"引用\"", alternatives: ["言い換え1", "+言い換え2"], category: "会場", answerEn: "Yes." },
      { id: "F2", question: "質問", answer: "回答", alternatives: [], category: "", answerEn: null },
    ];
    const text = formatFaqCsv(entries);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("'=HYPERLINK");
    expect(rows(text)).toEqual(entries);
  });
});
