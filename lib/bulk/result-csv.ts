// The 一括予約 result as a CSV for Excel (UTF-8 with BOM): every listed voucher, booked or
// refused with the reason. Cells go through csvCell, so a formula in a pasted list stays text.
import { csvLine } from "@/lib/csv/export-cell";
import { hhmm } from "@/lib/domain/dates";

export interface BulkCsvRow {
  line: number;
  voucherNumber: string;
  birthDate: string;
  municipalityCode: string | null;
  booked: boolean;
  reservationNumber: string | null;
  slot: { date: string; startTime: string; endTime: string; productName: string } | null;
  reason: string | null;
}

export const BULK_RESULT_HEADER = ["行", "接種券番号", "生年月日", "自治体コード", "結果", "予約番号", "会場", "日付", "時間", "ワクチン", "理由"];

export function bulkResultCsv(venueName: string, rows: readonly BulkCsvRow[]): string {
  let out = "\uFEFF" + csvLine(BULK_RESULT_HEADER, "\r\n");
  for (const r of rows) {
    out += csvLine(
      [
        r.line,
        r.voucherNumber,
        r.birthDate,
        r.municipalityCode ?? "",
        r.booked ? "予約済み" : "予約できません",
        r.reservationNumber ?? "",
        r.booked ? venueName : "",
        r.booked && r.slot ? r.slot.date : "",
        r.booked && r.slot ? `${hhmm(r.slot.startTime)}-${hhmm(r.slot.endTime)}` : "",
        r.booked && r.slot ? r.slot.productName : "",
        r.booked ? "" : (r.reason ?? ""),
      ],
      "\r\n",
    );
  }
  return out;
}
