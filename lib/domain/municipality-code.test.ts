import { isValidMunicipalityCode, municipalityCheckDigit } from "./municipality-code";

// Check digits worked out by hand: c = (11 − (6d1 + 5d2 + 4d3 + 3d4 + 2d5) mod 11) mod 10.
describe("municipalityCheckDigit", () => {
  it.each([
    ["13101", 6], // 千代田区: 6+15+4+0+2 = 27, 27 mod 11 = 5, 11−5 = 6
    ["14100", 3], // 横浜市: 6+20+4+0+0 = 30, mod 11 = 8 → 3
    ["13104", 1], // 新宿区: 6+15+4+0+8 = 33, mod 11 = 0 → 11 mod 10 = 1
    ["13113", 0], // 渋谷区: 6+15+4+3+6 = 34, mod 11 = 1 → 10 mod 10 = 0
    ["01100", 2], // 札幌市: 0+5+4+0+0 = 9 → 2
    ["13201", 2], // 八王子市: 6+15+8+0+2 = 31, mod 11 = 9 → 2
    ["11000", 1], // 埼玉県: 6+5 = 11, mod 11 = 0 → 1
    ["42000", 0], // 長崎県: 24+10 = 34, mod 11 = 1 → 0
  ])("%s → %d", (firstFive, expected) => {
    expect(municipalityCheckDigit(firstFive)).toBe(expected);
  });
});

describe("isValidMunicipalityCode", () => {
  it.each(["131016", "141003", "131041", "131130", "011002", "132012", "110001", "420000"])("%s is valid", (code) => {
    expect(isValidMunicipalityCode(code)).toBe(true);
  });

  it.each([
    ["131017", "千代田区 with check digit 7"],
    ["131010", "千代田区 with check digit 0"],
    ["141004", "横浜市 with check digit 4"],
    ["131040", "新宿区 with check digit 0"],
    ["131131", "渋谷区 with check digit 1"],
    ["011001", "札幌市 with check digit 1"],
    ["132013", "八王子市 with check digit 3"],
    ["131106", "two digits swapped (13101 → 13110, check digit kept)"],
  ])("%s is invalid (%s)", (code) => {
    expect(isValidMunicipalityCode(code)).toBe(false);
  });

  it.each([
    ["", "empty"],
    ["13101", "5 digits (check digit missing)"],
    ["1310160", "7 digits"],
    ["13101a", "a letter"],
    ["13-101", "a hyphen"],
    [" 131016", "a leading space"],
    ["131016 ", "a trailing space"],
    ["１３１０１６", "full-width digits (normalise before validating)"],
    ["13101.6", "a dot"],
  ])("%j is invalid (%s)", (code) => {
    expect(isValidMunicipalityCode(code)).toBe(false);
  });
});
