// Streaming decoding and CSV reading: encodings, quotes across lines and chunk borders, line
// numbers, cell normalisation, and the voucher line rules.
import { csvRecords, type CsvRecord } from "./csv-records";
import { decodeCsvBytes, decodeCsvStream, detectCsvEncoding, CsvEncodingError } from "./decode";
import { cellValue, parseCsvDate, parseCsvInteger, parseCsvTime } from "./fields";
import { validateVoucherLine } from "./vouchers";
import { DEFAULT_VACCINE_PRODUCTS } from "@/lib/domain/vaccines";

const sjis = (text: string) => {
  // Node's TextEncoder only writes UTF-8; iconv-lite (already a dependency) writes CP932 for the fixtures.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const iconv = require("iconv-lite") as { encode(s: string, enc: string): Buffer };
  return new Uint8Array(iconv.encode(text, "cp932"));
};

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function textOf(bytes: Uint8Array, size = 7): Promise<string> {
  let out = "";
  for await (const t of decodeCsvStream(chunked(bytes, size))) out += t;
  return out;
}

async function recordsOf(text: string, size = 5): Promise<CsvRecord[]> {
  async function* pieces() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out: CsvRecord[] = [];
  for await (const batch of csvRecords(pieces())) out.push(...batch);
  return out;
}

describe("decoding", () => {
  const header = "自治体コード,接種券番号,生年月日\n131016,１２３４５６７８９０,1950/4/1\n";

  it.each([
    ["UTF-8 without BOM", new TextEncoder().encode(header)],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(header)])],
    ["Shift_JIS (BOM-less header)", sjis(header)],
  ])("%s decodes to the same text, whatever the chunk size", async (_name, bytes) => {
    for (const size of [1, 2, 3, 7, 65536]) expect(await textOf(bytes, size)).toBe(header);
    expect(decodeCsvBytes(bytes)).toBe(header);
  });

  it("detects CP932 extensions (① and NEC kanji) as Shift_JIS", async () => {
    const text = "会場名\n①髙島屋\n";
    expect(detectCsvEncoding(sjis(text), true)).toBe("shift_jis");
    expect(await textOf(sjis(text))).toBe(text);
  });

  it("refuses a file whose encoding changes after the first 64 KiB", async () => {
    const utf8Head = new TextEncoder().encode("自治体コード\n" + "1\n".repeat(40_000));
    const bytes = new Uint8Array([...utf8Head, ...sjis("東京\n")]);
    await expect(textOf(bytes, 4096)).rejects.toBeInstanceOf(CsvEncodingError);
  });
});

describe("csvRecords", () => {
  it("numbers records by the file line they start on and skips blank lines", async () => {
    const records = await recordsOf('a,b\r\n1,2\r\n\r\n"x\ny",3\n4,"5 ""q"""\n,\n6,7');
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 4, fields: ["x\ny", "3"] },
      { line: 6, fields: ["4", '5 "q"'] },
      { line: 8, fields: ["6", "7"] },
    ]);
  });

  it("reports an unclosed quote at the line where it opened", async () => {
    const records = await recordsOf('a,b\n1,"open\n2,3\n');
    expect(records.at(-1)).toMatchObject({ line: 2, error: expect.stringContaining("閉じられていません") });
  });

  it("reports a stray quote inside a field", async () => {
    const records = await recordsOf('a,b\n1,ab"c"\n');
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringContaining("「\"」") });
  });
});

describe("cells", () => {
  it.each([
    ["１３１０１６", "131016"],
    ["  0123 ", "0123"],
    ["'=1+1", "=1+1"],
    ["ＰＦＩＺＥＲ", "PFIZER"],
  ])("cellValue(%j) = %j", (input, expected) => expect(cellValue(input)).toBe(expected));

  it.each([
    ["2021-05-03", "2021-05-03"],
    ["2021/05/03", "2021-05-03"],
    ["2021/5/3", "2021-05-03"],
    ["2023-02-29", null],
    ["2021.05.03", null],
    ["20210503", null],
  ])("parseCsvDate(%j) = %j", (input, expected) => expect(parseCsvDate(input)).toBe(expected));

  it.each([
    ["9:00", "09:00"],
    ["13:30", "13:30"],
    ["13:30:00", "13:30"],
    ["24:00", null],
    ["9時", null],
  ])("parseCsvTime(%j) = %j", (input, expected) => expect(parseCsvTime(input)).toBe(expected));

  it("parseCsvInteger keeps to its range", () => {
    expect(parseCsvInteger("20", 0, 20)).toBe(20);
    expect(parseCsvInteger("21", 0, 20)).toBeNull();
    expect(parseCsvInteger("-1", 0, 20)).toBeNull();
    expect(parseCsvInteger("1.5", 0, 20)).toBeNull();
  });
});

describe("validateVoucherLine", () => {
  const ctx = { today: "2026-12-01", products: DEFAULT_VACCINE_PRODUCTS };
  const line = (values: Partial<Record<string, string>>) => {
    const problems: [string, string][] = [];
    const row = validateVoucherLine(
      2,
      { municipalityCode: "132012", voucherNumber: "0123456789", birthDate: "1950-04-01", priorDoseCount: "", priorLastDoseDate: "", priorLastProduct: "", ...values },
      ctx,
      (column, reason) => problems.push([column, reason]),
    );
    return { row, problems };
  };

  it("accepts a plain line and full-width digits", () => {
    expect(line({}).row).toEqual([2, "132012", "0123456789", "1950-04-01", 0, null, null]);
    expect(line({ municipalityCode: "１３２０１２", voucherNumber: "０１２３４５６７８９", birthDate: "１９５０／４／１" }).row).toEqual([2, "132012", "0123456789", "1950-04-01", 0, null, null]);
  });

  it("maps the prior-dose history, the product by code or Japanese name", () => {
    expect(line({ priorDoseCount: "2", priorLastDoseDate: "2024/01/10", priorLastProduct: "武田/モデルナ" }).row).toEqual([2, "132012", "0123456789", "1950-04-01", 2, "2024-01-10", "MODERNA"]);
    expect(line({ priorDoseCount: "1", priorLastDoseDate: "2024-01-10", priorLastProduct: "pfizer" }).row?.[6]).toBe("PFIZER");
  });

  it("refuses a municipality code with a wrong check digit (131016 is right, 131017 is not)", () => {
    expect(line({ municipalityCode: "131016" }).problems).toEqual([]);
    expect(line({ municipalityCode: "131017" }).problems).toEqual([["自治体コード", expect.stringContaining("検査数字")]]);
  });

  it.each([
    [{ voucherNumber: "123" }, "接種券番号"],
    [{ birthDate: "1950-13-01" }, "生年月日"],
    [{ birthDate: "2027-01-01" }, "生年月日"],
    [{ priorDoseCount: "2" }, "前回接種日"],
    [{ priorDoseCount: "0", priorLastDoseDate: "2024-01-01" }, "接種済回数"],
    [{ priorDoseCount: "1", priorLastDoseDate: "2024-01-01", priorLastProduct: "ワクチンX" }, "前回ワクチン"],
    [{ priorDoseCount: "1", priorLastDoseDate: "1940-01-01" }, "前回接種日"],
  ])("refuses %j in column %s", (values, column) => {
    const { row, problems } = line(values);
    expect(row).toBeNull();
    expect(problems.map(([c]) => c)).toContain(column);
  });
});
