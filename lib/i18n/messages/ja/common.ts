import { STATUS_LABELS } from "@/lib/domain/reservation-status";

// Words shared by every resident page (Japanese, the default).
export const common = {
  siteTitle: (municipality: string) => `${municipality} ワクチン接種予約`,
  skipToContent: "本文へ移動",
  languageLabel: "言語 / Language",
  callCenter: (municipality: string) => `${municipality} ワクチン接種コールセンター`,
  phone: "電話",
  hours: "受付時間",
  backToMyPage: "マイページに戻る",
  logout: "ログアウト",
  required: "必須",
  optional: "任意",
  notEntered: "（未入力）",
  checkInput: "入力内容を確認してください。",
  sessionExpired: "一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
  weekdays: ["日", "月", "火", "水", "木", "金", "土"],
  dose: (n: number) => `${n}回目`,
  doseOf: (n: number, product: string) => `${n}回目・${product}`,
  reservationNumber: "予約番号",
  // The lifecycle labels of the domain (SPEC glossary), said the same way everywhere.
  status: STATUS_LABELS,
  venueKind: { mass: "集団接種会場", clinic: "個別接種（医療機関）" } as Record<string, string>,
  availability: { available: "空きあり", few: "残りわずか", full: "満員", closed: "受付外" },
  remaining: (n: number) => `残り${n}人`,
  notBookable: "予約できません",
};
