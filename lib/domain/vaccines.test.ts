import { DEFAULT_BOOSTER_RULES, DEFAULT_VACCINE_PRODUCTS, resolveProductCode } from "./vaccines";

const products = DEFAULT_VACCINE_PRODUCTS;

describe("resolveProductCode", () => {
  it.each([
    // codes, in any case and width
    ["PFIZER", "PFIZER"],
    ["pfizer", "PFIZER"],
    ["ＰＦＩＺＥＲ", "PFIZER"],
    [" PFIZER ", "PFIZER"],
    ["PFIZER_PED", "PFIZER_PED"],
    ["ＰＦＩＺＥＲ＿ＰＥＤ", "PFIZER_PED"],
    ["MODERNA", "MODERNA"],
    ["NOVAVAX", "NOVAVAX"],
    ["AstraZeneca", "ASTRAZENECA"],
    // display names, with or without the space, half- or full-width brackets
    ["ファイザー (コミナティ)", "PFIZER"],
    ["ファイザー（コミナティ）", "PFIZER"],
    ["ファイザー(コミナティ)", "PFIZER"],
    ["ファイザー (5〜11歳用)", "PFIZER_PED"],
    ["ファイザー（５〜１１歳用）", "PFIZER_PED"],
    ["ファイザー(5～11歳用)", "PFIZER_PED"], // full-width tilde instead of the wave dash
    ["武田/モデルナ (スパイクバックス)", "MODERNA"],
    ["武田／モデルナ（スパイクバックス）", "MODERNA"],
    ["武田 (ヌバキソビッド)", "NOVAVAX"],
    ["アストラゼネカ (バキスゼブリア)", "ASTRAZENECA"],
    // aliases a CSV or VRS file uses
    ["ファイザー", "PFIZER"],
    ["コミナティ", "PFIZER"],
    ["ファイザー小児用", "PFIZER_PED"],
    ["モデルナ", "MODERNA"],
    ["武田/モデルナ", "MODERNA"],
    ["武田／モデルナ", "MODERNA"],
    ["武田 / モデルナ", "MODERNA"],
    ["スパイクバックス", "MODERNA"],
    ["武田", "NOVAVAX"],
    ["ノババックス", "NOVAVAX"],
    ["ヌバキソビッド", "NOVAVAX"],
    ["アストラゼネカ", "ASTRAZENECA"],
    ["バキスゼブリア", "ASTRAZENECA"],
    ["ﾌｧｲｻﾞｰ", "PFIZER"], // half-width katakana
  ])("%j → %s", (value, expected) => {
    expect(resolveProductCode(value, products)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "ジョンソン・エンド・ジョンソン",
    "PFIZER2",
    "PFIZ",
    "ファイザ",
    "モデルナ小児用",
    "JANSSEN",
  ])("%j → null", (value) => {
    expect(resolveProductCode(value, products)).toBeNull();
  });

  it("resolves only products present in the table", () => {
    const pfizerOnly = products.filter((p) => p.code === "PFIZER");
    expect(resolveProductCode("モデルナ", pfizerOnly)).toBeNull();
    expect(resolveProductCode("MODERNA", pfizerOnly)).toBeNull();
    expect(resolveProductCode("武田/モデルナ (スパイクバックス)", pfizerOnly)).toBeNull();
    expect(resolveProductCode("ファイザー", pfizerOnly)).toBe("PFIZER");
  });

  it("resolves a product the admin added, by its code and its name", () => {
    const custom = [...products, { code: "DAIICHI", name: "第一三共 (ダイチロナ)" }];
    expect(resolveProductCode("daiichi", custom)).toBe("DAIICHI");
    expect(resolveProductCode("第一三共（ダイチロナ）", custom)).toBe("DAIICHI");
    expect(resolveProductCode("第一三共（ダイチロナ）", products)).toBeNull();
  });
});

describe("DEFAULT_VACCINE_PRODUCTS (SPEC: Vaccine products and Eligibility rules)", () => {
  it.each([
    // code, minAge, maxAge, dose-2 interval (days), booster allowed, VRS maker name
    ["PFIZER", 12, null, 21, true, "ファイザー"],
    ["PFIZER_PED", 5, 11, 21, true, "ファイザー"],
    ["MODERNA", 12, null, 28, true, "武田/モデルナ"],
    ["NOVAVAX", 12, null, 21, true, "武田"],
    ["ASTRAZENECA", 40, null, 28, false, "アストラゼネカ"],
  ])("%s: ages %d–%s, dose 2 after %d days, booster %s, VRS %s", (code, minAge, maxAge, days, booster, vrs) => {
    const p = products.find((x) => x.code === code);
    expect(p).toMatchObject({
      minAge,
      maxAge,
      dose2IntervalDays: days,
      boosterAllowed: booster,
      vrsMakerName: vrs,
      active: true,
    });
  });

  it("has exactly the five products of the spec, with unique codes", () => {
    expect(products.map((p) => p.code).sort()).toEqual(["ASTRAZENECA", "MODERNA", "NOVAVAX", "PFIZER", "PFIZER_PED"]);
  });
});

describe("DEFAULT_BOOSTER_RULES (dated national booster intervals)", () => {
  it("runs from 8 months (December 2021) down to 3 months (from 2022-10-21)", () => {
    expect(DEFAULT_BOOSTER_RULES.map((r) => [r.effectiveFrom, r.doseNumber, r.intervalMonths])).toEqual([
      ["2021-12-01", null, 8],
      ["2022-01-01", null, 7],
      ["2022-03-01", null, 6],
      ["2022-05-25", null, 5],
      ["2022-10-21", null, 3],
    ]);
  });
});
