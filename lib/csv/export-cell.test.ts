// CSV cells for export: RFC 4180 quoting, and formula neutralising on every cell unless a column
// is marked as data (the VRS file's lot and voucher numbers).
import { csvCell, csvLine } from "./export-cell";

describe("csvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+81", "'+81"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["a=b", "a=b"],
    ["FA1234", "FA1234"],
  ])("neutralises %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("quotes commas, quotes and line breaks, after neutralising", () => {
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell("a\nb")).toBe('"a\nb"');
  });

  it("writes a data cell as stored, still quoted when needed", () => {
    expect(csvCell("-1234", false)).toBe("-1234");
    expect(csvCell("-1,2", false)).toBe('"-1,2"');
    expect(csvCell(null, false)).toBe("");
  });
});

describe("csvLine", () => {
  it("neutralises every cell by default, and only the free-text columns when they are given", () => {
    expect(csvLine(["-a", "-b", 3])).toBe("'-a,'-b,3\n");
    expect(csvLine(["-a", "-b", "-c"], "\r\n", [true, false])).toBe("'-a,-b,-c\r\n");
  });
});
