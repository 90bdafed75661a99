// The QR code the resident shows at reception. Its text is the reservation number behind a
// prefix, so the reception scanner tells it apart from the voucher's own QR (18 digits) and
// any other code a phone screen may show.
import QRCode from "qrcode";
import { isValidReservationNumber } from "@/lib/booking/book";

/** Upper case and ':' keep the whole text in the QR alphanumeric mode: a small, easily read code. */
export const RECEPTION_QR_PREFIX = "VRSV:";

export function receptionQrPayload(reservationNumber: string): string {
  if (!isValidReservationNumber(reservationNumber)) throw new RangeError(`not a reservation number: ${reservationNumber}`);
  return RECEPTION_QR_PREFIX + reservationNumber;
}

/** The reservation number in a scanned text, or null when it is not our reception QR or the check digit fails. */
export function parseReceptionQr(text: string): string | null {
  // Scanners working as keyboards often add a newline or spaces.
  const trimmed = text.trim();
  if (!trimmed.startsWith(RECEPTION_QR_PREFIX)) return null;
  const number = trimmed.slice(RECEPTION_QR_PREFIX.length);
  return isValidReservationNumber(number) ? number : null;
}

/**
 * The reception QR as an SVG string (no width/height: it scales to its box). The quiet zone of
 * four modules is kept, which scanners need. The caller gives it its accessible name.
 */
export async function receptionQrSvg(reservationNumber: string): Promise<string> {
  return QRCode.toString(receptionQrPayload(reservationNumber), { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
