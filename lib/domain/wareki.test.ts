import { warekiOf, warekiOfYear } from "./wareki";

describe("warekiOf", () => {
  it.each([
    ["1950-04-01", "昭和25年"],
    ["1926-12-24", "大正15年"],
    ["1926-12-25", "昭和元年"],
    ["1989-01-07", "昭和64年"],
    ["1989-01-08", "平成元年"],
    ["2019-04-30", "平成31年"],
    ["2019-05-01", "令和元年"],
    ["2026-11-25", "令和8年"],
    ["1912-07-29", "明治45年"],
    ["1912-07-30", "大正元年"],
  ])("%s → %s", (date, expected) => {
    expect(warekiOf(date)).toBe(expected);
  });

  it("has no era before 明治", () => {
    expect(warekiOf("1868-01-24")).toBeNull();
  });
});

describe("warekiOfYear", () => {
  it.each([
    [1950, "昭和25年"],
    [1989, "昭和64年/平成元年"],
    [2019, "平成31年/令和元年"],
    [2020, "令和2年"],
  ])("%d → %s", (year, expected) => {
    expect(warekiOfYear(year)).toBe(expected);
  });

  it("refuses nonsense", () => {
    expect(warekiOfYear(195)).toBeNull();
    expect(warekiOfYear(Number.NaN)).toBeNull();
  });
});
