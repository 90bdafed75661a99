// What the admin may enter on the 設定 page, as zod schemas with the messages the admin reads.
// The services parse with these too, so a CLI or a test gets the same refusals as the form.
// Booleans are radio buttons ("true"/"false"), so a field left out of a form means "unchanged".
import { z } from "zod";
import { isValidIsoDate } from "@/lib/domain/dates";

const FIELD_MODE = z.enum(["off", "optional", "required"], { message: "「使わない・任意・必須」から選んでください。" });

/** "true"/"false" from a radio button, or a boolean from code. */
const yesNo = (message: string) =>
  z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean({ message }));

/** A whole number from a form field ("" counts as missing). */
const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.normalize("NFKC").trim()) : v),
    z.coerce
      .number({ message: `${label}を数字で入力してください。` })
      .int(`${label}は整数で入力してください。`)
      .min(min, `${label}は${min}〜${max}の範囲で入力してください。`)
      .max(max, `${label}は${min}〜${max}の範囲で入力してください。`),
  );

/** Like wholeNumber, but "" means null (no limit). */
// (Left out of a form, the field is null too: use it only in schemas where every field is given.)
const optionalWholeNumber = (label: string, min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), wholeNumber(label, min, max).nullable());

/**
 * Like optionalWholeNumber for the partial settings form: "" means null (no limit), a field left
 * out of the form stays undefined (unchanged), so saving another section never clears it.
 */
const clearableWholeNumber = (label: string, min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), wholeNumber(label, min, max).nullable());

const text = (label: string, max: number) =>
  z.string({ message: `${label}を入力してください。` }).trim().max(max, `${label}は${max}文字以内で入力してください。`);

/** Japanese phone numbers as people write them: digits with hyphens, brackets or spaces. */
const PHONE = /^[0-9][0-9\-()（） ]{8,15}[0-9]$/;

export const settingsSchema = z
  .object({
    fieldKanaName: FIELD_MODE,
    fieldPhone: FIELD_MODE,
    fieldEmail: FIELD_MODE,
    bookingWindowDays: wholeNumber("予約を受け付ける期間", 0, 366),
    cancelDeadlineDaysBefore: wholeNumber("変更・キャンセルの期限（何日前）", 0, 30),
    cancelDeadlineTime: z
      .string({ message: "期限の時刻を入力してください。" })
      .trim()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "期限の時刻は「17:00」のように24時間表記で入力してください。"),
    sameDayBooking: yesNo("当日予約を受け付けるかどうかを選んでください。"),
    callCenterPhone: text("コールセンターの電話番号", 20).refine(
      (v) => PHONE.test(v.normalize("NFKC")),
      "コールセンターの電話番号は「0120-000-000」のように数字とハイフンで入力してください。",
    ).transform((v) => v.normalize("NFKC")),
    callCenterHours: text("受付時間", 100).min(1, "コールセンターの受付時間を入力してください（例: 毎日 9:00〜17:00）。"),
    maxGroupSize: wholeNumber("同時予約の最大人数", 1, 20),
    reminderEmailEnabled: yesNo("メールでのお知らせを送るかどうかを選んでください。"),
    reminderSmsEnabled: yesNo("SMSでのお知らせを送るかどうかを選んでください。"),
    staffDeadlineOverride: yesNo("期限後の変更・キャンセルを職員に許可するかどうかを選んでください。"),
    notices: text("お知らせ", 2000),
    // No dose wasted (issue 8): the waitlist (lib/waitlist) and same-day leftover doses (lib/leftover).
    waitlistEnabled: yesNo("キャンセル待ちを受け付けるかどうかを選んでください。"),
    offerHoldMinutes: wholeNumber("空き枠のご案内の有効時間（分）", 5, 1440),
    leftoverEnabled: yesNo("余剰ワクチンのご案内を使うかどうかを選んでください。"),
    leftoverMinAge: clearableWholeNumber("余剰ワクチンのご案内を受け取れる年齢", 0, 120),
    leftoverLeadMinutes: wholeNumber("余剰ワクチンを登録できる時間（接種時刻の何分前から）", 15, 720),
  })
  .partial();

export type SettingsInput = z.input<typeof settingsSchema>;
export type SettingsValues = z.output<typeof settingsSchema>;

/** Japanese names of the settings, for messages and the audit log. */
export const SETTING_LABELS: Record<keyof SettingsValues, string> = {
  fieldKanaName: "カナ氏名の入力",
  fieldPhone: "電話番号の入力",
  fieldEmail: "メールアドレスの入力",
  bookingWindowDays: "予約を受け付ける期間（日）",
  cancelDeadlineDaysBefore: "変更・キャンセル期限（何日前）",
  cancelDeadlineTime: "変更・キャンセル期限（時刻）",
  sameDayBooking: "当日予約",
  callCenterPhone: "コールセンター電話番号",
  callCenterHours: "コールセンター受付時間",
  maxGroupSize: "同時予約の最大人数",
  reminderEmailEnabled: "メールでのお知らせ（前日）",
  reminderSmsEnabled: "SMSでのお知らせ（前日）",
  staffDeadlineOverride: "期限後の変更・キャンセルを職員に許可する",
  notices: "お知らせ",
  waitlistEnabled: "キャンセル待ち",
  offerHoldMinutes: "空き枠のご案内の有効時間（分）",
  leftoverEnabled: "余剰ワクチンのご案内",
  leftoverMinAge: "余剰ワクチンのご案内を受け取れる年齢（以上）",
  leftoverLeadMinutes: "余剰ワクチンを登録できる時間（接種時刻の何分前から）",
};

const PRODUCT_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

export const productSchema = z
  .object({
    name: text("ワクチン名", 60).min(1, "ワクチン名を入力してください。"),
    vrsMakerName: text("VRSのメーカー名", 30).min(1, "VRSのメーカー名を入力してください（例: ファイザー）。"),
    minAge: wholeNumber("対象年齢（下限）", 0, 130),
    maxAge: optionalWholeNumber("対象年齢（上限）", 0, 130),
    dose2IntervalDays: wholeNumber("2回目までの間隔（日）", 1, 365),
    boosterAllowed: yesNo("追加接種（3回目以降）に使えるかどうかを選んでください。"),
    active: yesNo("予約を受け付けるかどうかを選んでください。"),
    sortOrder: wholeNumber("表示順", 0, 999),
  })
  .refine((p) => p.maxAge === null || p.maxAge >= p.minAge, {
    path: ["maxAge"],
    message: "対象年齢の上限は下限以上にしてください。",
  });

export const newProductSchema = z.intersection(
  z.object({
    code: z
      .string({ message: "コードを入力してください。" })
      .trim()
      .transform((v) => v.normalize("NFKC").toUpperCase())
      .pipe(z.string().regex(PRODUCT_CODE, "コードは半角英大文字で始まる英数字・アンダースコア（2〜32文字）にしてください（例: PFIZER_XBB）。")),
  }),
  productSchema,
);

export type ProductInput = z.input<typeof productSchema>;
export type NewProductInput = z.input<typeof newProductSchema>;

export const PRODUCT_LABELS: Record<string, string> = {
  code: "コード",
  name: "ワクチン名",
  vrsMakerName: "VRSのメーカー名",
  minAge: "対象年齢（下限）",
  maxAge: "対象年齢（上限）",
  dose2IntervalDays: "2回目までの間隔（日）",
  boosterAllowed: "追加接種に使用",
  active: "予約受付",
  sortOrder: "表示順",
};

const isoDate = (label: string) =>
  z
    .string({ message: `${label}を入力してください。` })
    .trim()
    .transform((v) => v.normalize("NFKC").replaceAll("/", "-"))
    .refine(isValidIsoDate, `${label}は「2026-04-01」のように正しい日付で入力してください。`);

export const boosterRuleSchema = z.object({
  effectiveFrom: isoDate("適用開始日"),
  doseNumber: optionalWholeNumber("対象の接種回数", 3, 20),
  intervalMonths: wholeNumber("前回接種からの間隔（か月）", 1, 24),
  note: text("根拠・メモ", 200).default(""),
});

/** What code may pass (forms pass strings; the schema coerces). */
export interface BoosterRuleInput {
  effectiveFrom: string;
  doseNumber?: number | string | null;
  intervalMonths: number | string;
  note?: string;
}

export const openingSchema = z
  .object({
    label: text("対象の名前", 60).min(1, "対象の名前を入力してください（例: 65歳以上の方）。"),
    minAge: optionalWholeNumber("対象年齢（下限）", 0, 130),
    maxAge: optionalWholeNumber("対象年齢（上限）", 0, 130),
    doseNumber: optionalWholeNumber("対象の接種回数", 1, 20),
    opensOn: isoDate("受付開始日"),
    opensAtTime: z
      .string({ message: "受付開始時刻を入力してください。" })
      .trim()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "受付開始時刻は「09:00」のように24時間表記で入力してください。"),
  })
  .refine((o) => o.minAge === null || o.maxAge === null || o.maxAge >= o.minAge, {
    path: ["maxAge"],
    message: "対象年齢の上限は下限以上にしてください。",
  });

export type OpeningInput = z.input<typeof openingSchema>;

/** A form's text fields as they come (the services parse them with the schemas above). */
export type FormFields = Readonly<Record<string, string>>;

/** A zod error as { field: first message }, for the form. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}
