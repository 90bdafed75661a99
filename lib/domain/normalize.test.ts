import { digitsOnly, normalizeVoucherNumber, toHalfWidth } from "./normalize";

describe("toHalfWidth", () => {
  it.each([
    ["０１２３４５６７８９", "0123456789"],
    ["ＡＢＣｘｙｚ", "ABCxyz"],
    ["（１２）－＃", "(12)-#"],
    ["１\u3000２", "1 2"], // ideographic space
    ["already 123", "already 123"],
    ["ファイザー", "ファイザー"], // katakana is left alone
  ])("%j → %j", (value, expected) => {
    expect(toHalfWidth(value)).toBe(expected);
  });
});

describe("digitsOnly", () => {
  it.each([
    ["０１２３４５６７８９", "0123456789"],
    ["0123-456-789", "0123456789"],
    ["0123 456 789", "0123456789"],
    ["０１２３－４５６－７８９", "0123456789"], // full-width hyphen-minus
    ["0123ー456ー789", "0123456789"], // katakana long vowel mark typed as a hyphen
    ["0123‐456−789", "0123456789"], // hyphen (U+2010), minus sign (U+2212)
    ["0123–456—789―0", "01234567890"], // en dash, em dash, horizontal bar
    ["０１２３\u3000４５６\t７８９", "0123456789"], // ideographic space and a tab
  ])("%j → %j", (value, expected) => {
    expect(digitsOnly(value)).toBe(expected);
  });
});

describe("normalizeVoucherNumber (10 digits)", () => {
  it.each([
    ["0123456789", "0123456789"],
    ["０１２３４５６７８９", "0123456789"],
    ["01234-56789", "0123456789"],
    ["0123 456 789", "0123456789"],
    ["０１２３－４５６７－８９", "0123456789"],
    [" 0123456789 ", "0123456789"],
    ["0000000000", "0000000000"], // leading zeros are kept
  ])("%j → %j", (value, expected) => {
    expect(normalizeVoucherNumber(value)).toBe(expected);
  });

  it.each([
    ["012345678", "9 digits"],
    ["01234567890", "11 digits"],
    ["０１２３４５６７８", "9 full-width digits"],
    ["", "empty"],
    ["012345678a", "a letter"],
    ["0123456789#", "the IVR terminator"],
    ["0123.456789", "a dot"],
    ["0123456789012345678", "an 18-digit voucher code"],
  ])("%j → null (%s)", (value) => {
    expect(normalizeVoucherNumber(value)).toBeNull();
  });
});
