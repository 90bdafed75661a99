// What reception can type or scan into its one input field (a USB/Bluetooth scanner types
// the code and presses Enter): the reservation QR (`VRSV:<reservation number>`), the
// reservation number itself, the voucher's own 18-digit code (OCR line / QR on the voucher)
// or a typed 接種券番号. Pure: the page uses it to answer at once, the server to decide.
import { isValidReservationNumber } from "@/lib/booking/book";
import { isValidMunicipalityCode } from "@/lib/domain/municipality-code";
import { digitsOnly, toHalfWidth } from "@/lib/domain/normalize";
import { isValidIsoDate } from "@/lib/domain/dates";
import { parseReceptionQr, RECEPTION_QR_PREFIX } from "@/lib/resident/qr";

/** The voucher code: 券種(1) 回数(1) 自治体コード(6) 接種券番号(10) (SPEC glossary). */
export interface VoucherCode {
  ticketType: string;
  doseCount: number;
  municipalityCode: string;
  voucherNumber: string;
}

export type ScanInput =
  | { kind: "reservation"; reservationNumber: string }
  | { kind: "voucher_code"; code: VoucherCode }
  | { kind: "voucher_number"; voucherNumber: string }
  | { kind: "invalid"; reason: string };

export const VOUCHER_CODE_LENGTH = 18;

/** The 18-digit voucher code, or a Japanese reason why it is not one. */
export function parseVoucherCode(text: string): { ok: true; code: VoucherCode } | { ok: false; reason: string } {
  const digits = digitsOnly(text);
  if (!/^[0-9]+$/.test(digits) || digits.length !== VOUCHER_CODE_LENGTH) {
    return { ok: false, reason: "接種券のコードは18桁の数字です（券種1桁・回数1桁・自治体コード6桁・接種券番号10桁）。" };
  }
  const ticketType = digits.slice(0, 1);
  const doseCount = Number(digits.slice(1, 2));
  const municipalityCode = digits.slice(2, 8);
  const voucherNumber = digits.slice(8);
  if (doseCount < 1) return { ok: false, reason: "接種券のコードの回数（2桁目）が正しくありません。" };
  if (!isValidMunicipalityCode(municipalityCode)) {
    return { ok: false, reason: `接種券のコードの自治体コード（${municipalityCode}）が正しくありません。読み取りをやり直してください。` };
  }
  return { ok: true, code: { ticketType, doseCount, municipalityCode, voucherNumber } };
}

/** Reads one scanned or typed entry. */
export function parseScanInput(text: string): ScanInput {
  const trimmed = toHalfWidth(text).trim();
  if (trimmed === "") return { kind: "invalid", reason: "予約QR・予約番号・接種券番号のいずれかを入力してください。" };
  if (trimmed.toUpperCase().startsWith(RECEPTION_QR_PREFIX)) {
    const number = parseReceptionQr(trimmed.toUpperCase());
    return number
      ? { kind: "reservation", reservationNumber: number }
      : { kind: "invalid", reason: "予約QRを読み取れませんでした。もう一度読み取るか、予約番号を入力してください。" };
  }
  const digits = digitsOnly(trimmed);
  if (!/^[0-9]+$/.test(digits)) {
    return { kind: "invalid", reason: "読み取った内容は予約QR・接種券のコードではありません。" };
  }
  switch (digits.length) {
    case 9:
      return isValidReservationNumber(digits)
        ? { kind: "reservation", reservationNumber: digits }
        : { kind: "invalid", reason: "予約番号が正しくありません（9桁・入力の誤りがないかご確認ください）。" };
    case 10:
      return { kind: "voucher_number", voucherNumber: digits };
    case VOUCHER_CODE_LENGTH: {
      const parsed = parseVoucherCode(digits);
      return parsed.ok ? { kind: "voucher_code", code: parsed.code } : { kind: "invalid", reason: parsed.reason };
    }
    default:
      return { kind: "invalid", reason: "予約番号は9桁、接種券番号は10桁、接種券のコードは18桁の数字です。" };
  }
}

/** A birth date typed at reception: YYYYMMDD, YYYY-MM-DD or YYYY/MM/DD (full-width too) → ISO, or null. */
export function parseBirthDateInput(text: string): string | null {
  const t = toHalfWidth(text).trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}
