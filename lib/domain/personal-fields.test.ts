import { normalizeKanaName, validatePersonal } from "./personal-fields";

const all = (mode: string) => ({ fieldKanaName: mode, fieldPhone: mode, fieldEmail: mode });

describe("normalizeKanaName", () => {
  it.each([
    ["やまだ たろう", "ヤマダ　タロウ"],
    ["ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ"],
    ["  ヤマダ　　タロウ ", "ヤマダ　タロウ"],
    ["スミス・ジョン", "スミス・ジョン"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeKanaName(input)).toBe(expected);
  });
});

describe("validatePersonal", () => {
  it("normalises every field when all are required", () => {
    expect(validatePersonal(all("required"), { kanaName: "やまだ たろう", phone: "０９０-１２３４-５６７８", email: " taro@example.jp " })).toEqual({
      ok: true,
      values: { kanaName: "ヤマダ　タロウ", phone: "09012345678", email: "taro@example.jp" },
    });
  });

  it("names every missing required field", () => {
    expect(validatePersonal(all("required"), {})).toEqual({
      ok: false,
      fieldErrors: { kanaName: "カナ氏名を入力してください。", phone: "電話番号を入力してください。", email: "メールアドレスを入力してください。" },
      fieldCodes: { kanaName: "missing", phone: "missing", email: "missing" },
    });
  });

  it("accepts empty optional fields and drops off fields whatever was sent", () => {
    expect(validatePersonal(all("optional"), { kanaName: "", phone: "   " })).toEqual({ ok: true, values: { kanaName: null, phone: null, email: null } });
    expect(validatePersonal(all("off"), { kanaName: "山田", phone: "x", email: "y" })).toEqual({ ok: true, values: { kanaName: null, phone: null, email: null } });
  });

  it("refuses kanji names, short or foreign phone numbers and broken addresses", () => {
    const result = validatePersonal(all("optional"), { kanaName: "山田太郎", phone: "12345", email: "taro@" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.kanaName).toContain("カタカナ");
      expect(result.fieldErrors.phone).toContain("10桁か11桁");
      expect(result.fieldErrors.email).toContain("正しく");
      expect(result.fieldCodes).toEqual({ kanaName: "invalid", phone: "invalid", email: "invalid" });
    }
    expect(validatePersonal(all("optional"), { phone: "0312345678" })).toMatchObject({ ok: true, values: { phone: "0312345678" } });
    expect(validatePersonal(all("optional"), { phone: "+81 90 1234 5678" }).ok).toBe(false);
  });
});
