// The resident fields a municipality chooses (カナ氏名 / 電話番号 / メールアドレス: off, optional
// or required), normalised the way people type them: hiragana or half-width kana become
// full-width katakana (wanakana + NFKC), phone numbers lose hyphens and full-width digits.
import { toKatakana } from "wanakana";
import { digitsOnly } from "./normalize";

export type FieldMode = "off" | "optional" | "required";
export type PersonalField = "kanaName" | "phone" | "email";

export interface PersonalFieldSettings {
  fieldKanaName: string;
  fieldPhone: string;
  fieldEmail: string;
}

export type PersonalInput = Partial<Record<PersonalField, string | null | undefined>>;
export type PersonalValues = Record<PersonalField, string | null>;
/** missing: a required field left empty; invalid: not in the expected form. */
export type PersonalErrorCode = "missing" | "invalid";

export const PERSONAL_FIELD_LABELS: Record<PersonalField, string> = {
  kanaName: "カナ氏名",
  phone: "電話番号",
  email: "メールアドレス",
};

export function fieldModes(settings: PersonalFieldSettings): Record<PersonalField, FieldMode> {
  const mode = (value: string): FieldMode => (value === "off" || value === "optional" ? value : "required");
  return { kanaName: mode(settings.fieldKanaName), phone: mode(settings.fieldPhone), email: mode(settings.fieldEmail) };
}

/** 「やまだ　たろう」「ﾔﾏﾀﾞ ﾀﾛｳ」 → 「ヤマダ　タロウ」 (one full-width space between family and given name). */
export function normalizeKanaName(value: string): string {
  const compact = value.normalize("NFKC").trim().replace(/\s+/g, "　");
  return toKatakana(compact, { passRomaji: true });
}

const KANA_NAME = /^[ァ-ヶー・]+(　[ァ-ヶー・]+)*$/;
const PHONE = /^0[0-9]{9,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks and normalises the fields; `off` fields are dropped, empty optional ones become null. */
export function validatePersonal(
  settings: PersonalFieldSettings,
  input: PersonalInput,
):
  | { ok: true; values: PersonalValues }
  | { ok: false; fieldErrors: Partial<Record<PersonalField, string>>; fieldCodes: Partial<Record<PersonalField, PersonalErrorCode>> } {
  const modes = fieldModes(settings);
  const values: PersonalValues = { kanaName: null, phone: null, email: null };
  const fieldErrors: Partial<Record<PersonalField, string>> = {};
  const fieldCodes: Partial<Record<PersonalField, PersonalErrorCode>> = {};
  for (const field of ["kanaName", "phone", "email"] as const) {
    if (modes[field] === "off") continue;
    const raw = (input[field] ?? "").trim();
    if (raw === "") {
      if (modes[field] === "required") {
        fieldErrors[field] = `${PERSONAL_FIELD_LABELS[field]}を入力してください。`;
        fieldCodes[field] = "missing";
      }
      continue;
    }
    if (field === "kanaName") {
      const kana = normalizeKanaName(raw);
      if (!KANA_NAME.test(kana) || kana.length > 60) fieldErrors.kanaName = "カナ氏名はカタカナで入力してください（例: ヤマダ タロウ）。";
      else values.kanaName = kana;
    } else if (field === "phone") {
      const digits = digitsOnly(raw).replace(/[()（）]/g, "");
      if (!PHONE.test(digits)) fieldErrors.phone = "電話番号は0から始まる10桁か11桁の数字で入力してください。";
      else values.phone = digits;
    } else {
      const email = raw.normalize("NFKC");
      if (!EMAIL.test(email) || email.length > 254) fieldErrors.email = "メールアドレスを正しく入力してください（例: taro@example.jp）。";
      else values.email = email;
    }
  }
  for (const field of Object.keys(fieldErrors) as PersonalField[]) fieldCodes[field] ??= "invalid";
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors, fieldCodes } : { ok: true, values };
}
