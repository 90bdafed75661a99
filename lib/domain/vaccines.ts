// Vaccine products and interval rules as the domain sees them. The admin edits
// them in the database; these defaults seed a new municipality (SPEC: Eligibility rules).

export interface VaccineProduct {
  code: string;
  name: string;
  vrsMakerName: string;
  minAge: number;
  maxAge: number | null;
  /** Primary series: minimum days from dose 1 to dose 2. */
  dose2IntervalDays: number;
  boosterAllowed: boolean;
  active: boolean;
  /** Doses one vial gives; an opened vial must be used the same day (package inserts: Pfizer 6, the others 10). */
  dosesPerVial: number;
}

export interface BoosterIntervalRule {
  effectiveFrom: string;
  /** null: every booster dose (≥ 3); otherwise only this dose number. */
  doseNumber: number | null;
  intervalMonths: number;
}

export const DEFAULT_VACCINE_PRODUCTS: readonly (VaccineProduct & { sortOrder: number })[] = [
  // 21 days: the same weekday three weeks later (19 days is the medical minimum an admin may choose).
  { code: "PFIZER", name: "ファイザー (コミナティ)", vrsMakerName: "ファイザー", minAge: 12, maxAge: null, dose2IntervalDays: 21, boosterAllowed: true, active: true, dosesPerVial: 6, sortOrder: 1 },
  { code: "PFIZER_PED", name: "ファイザー (5〜11歳用)", vrsMakerName: "ファイザー", minAge: 5, maxAge: 11, dose2IntervalDays: 21, boosterAllowed: true, active: true, dosesPerVial: 10, sortOrder: 2 },
  { code: "MODERNA", name: "武田/モデルナ (スパイクバックス)", vrsMakerName: "武田/モデルナ", minAge: 12, maxAge: null, dose2IntervalDays: 28, boosterAllowed: true, active: true, dosesPerVial: 10, sortOrder: 3 },
  { code: "NOVAVAX", name: "武田 (ヌバキソビッド)", vrsMakerName: "武田", minAge: 12, maxAge: null, dose2IntervalDays: 21, boosterAllowed: true, active: true, dosesPerVial: 10, sortOrder: 4 },
  // 28 days minimum (56 recommended, at most 84); not used for boosters in Japan.
  { code: "ASTRAZENECA", name: "アストラゼネカ (バキスゼブリア)", vrsMakerName: "アストラゼネカ", minAge: 40, maxAge: null, dose2IntervalDays: 28, boosterAllowed: false, active: true, dosesPerVial: 10, sortOrder: 5 },
];

/** The national booster interval as it changed over time (months after the previous dose). */
export const DEFAULT_BOOSTER_RULES: readonly (BoosterIntervalRule & { note: string })[] = [
  { effectiveFrom: "2021-12-01", doseNumber: null, intervalMonths: 8, note: "3回目接種開始 (2回目から8か月)" },
  { effectiveFrom: "2022-01-01", doseNumber: null, intervalMonths: 7, note: "前倒し (7か月)" },
  { effectiveFrom: "2022-03-01", doseNumber: null, intervalMonths: 6, note: "前倒し (6か月)" },
  { effectiveFrom: "2022-05-25", doseNumber: null, intervalMonths: 5, note: "4回目接種 (5か月)" },
  { effectiveFrom: "2022-10-21", doseNumber: null, intervalMonths: 3, note: "3か月に短縮" },
];

/** Names a CSV may use for a product, besides its code. */
const PRODUCT_ALIASES: Record<string, string> = {
  ファイザー: "PFIZER",
  コミナティ: "PFIZER",
  "ファイザー(コミナティ)": "PFIZER",
  "ファイザー(5〜11歳用)": "PFIZER_PED",
  "ファイザー(5~11歳用)": "PFIZER_PED",
  "ファイザー小児用": "PFIZER_PED",
  モデルナ: "MODERNA",
  "武田/モデルナ": "MODERNA",
  スパイクバックス: "MODERNA",
  "武田/モデルナ(スパイクバックス)": "MODERNA",
  武田: "NOVAVAX",
  ノババックス: "NOVAVAX",
  ヌバキソビッド: "NOVAVAX",
  "武田(ヌバキソビッド)": "NOVAVAX",
  アストラゼネカ: "ASTRAZENECA",
  バキスゼブリア: "ASTRAZENECA",
  "アストラゼネカ(バキスゼブリア)": "ASTRAZENECA",
};

/** A product code from a code or a Japanese name, or null. Spaces and full-width brackets are ignored. */
export function resolveProductCode(value: string, products: readonly Pick<VaccineProduct, "code" | "name">[]): string | null {
  const compact = value
    .normalize("NFKC")
    .replace(/[\s\u3000]/g, "");
  const upper = compact.toUpperCase();
  const byCode = products.find((p) => p.code === upper);
  if (byCode) return byCode.code;
  const byName = products.find((p) => p.name.normalize("NFKC").replace(/\s/g, "") === compact);
  if (byName) return byName.code;
  const alias = PRODUCT_ALIASES[compact];
  return alias && products.some((p) => p.code === alias) ? alias : null;
}
