// The columns of each import CSV (SPEC: CSV files), as plain data: the import modules read
// headers with them and the console shows them to the uploader (no server code here).
import type { ColumnSpec, ImportKind } from "./types";

export type VoucherColumn = "municipalityCode" | "voucherNumber" | "birthDate" | "priorDoseCount" | "priorLastDoseDate" | "priorLastProduct";
export type VenueColumn = "code" | "name" | "kind" | "address" | "phone";
export type AccountColumn = "loginId" | "displayName" | "role" | "venueCodes";
export type SlotColumn = "venueCode" | "date" | "startTime" | "endTime" | "capacity" | "product";

export const VOUCHER_COLUMNS: readonly ColumnSpec<VoucherColumn>[] = [
  { key: "municipalityCode", label: "自治体コード", aliases: ["市区町村コード", "発行自治体コード"], required: true },
  { key: "voucherNumber", label: "接種券番号", aliases: ["券番号"], required: true },
  { key: "birthDate", label: "生年月日", required: true },
  { key: "priorDoseCount", label: "接種済回数", aliases: ["接種回数"], required: false },
  { key: "priorLastDoseDate", label: "前回接種日", required: false },
  { key: "priorLastProduct", label: "前回ワクチン", required: false },
];

export const VENUE_COLUMNS: readonly ColumnSpec<VenueColumn>[] = [
  { key: "code", label: "会場コード", required: true },
  { key: "name", label: "会場名", required: true },
  { key: "kind", label: "種別", aliases: ["種別(集団/個別)", "会場種別"], required: true },
  { key: "address", label: "住所", required: false },
  { key: "phone", label: "電話番号", required: false },
];

export const ACCOUNT_COLUMNS: readonly ColumnSpec<AccountColumn>[] = [
  { key: "loginId", label: "ログインID", aliases: ["loginid"], required: true },
  { key: "displayName", label: "氏名", aliases: ["名前", "表示名"], required: true },
  { key: "role", label: "権限", aliases: ["役割"], required: true },
  { key: "venueCodes", label: "会場コード", required: false },
];

export const SLOT_COLUMNS: readonly ColumnSpec<SlotColumn>[] = [
  { key: "venueCode", label: "会場コード", required: true },
  { key: "date", label: "日付", aliases: ["接種日"], required: true },
  { key: "startTime", label: "開始時刻", required: true },
  { key: "endTime", label: "終了時刻", required: true },
  { key: "capacity", label: "定員", required: true },
  { key: "product", label: "ワクチン", required: true },
];

export interface CsvFormatHelp {
  columns: readonly { label: string; required: boolean }[];
  example: string;
  notes: readonly string[];
}

const COMMON_NOTES = [
  "文字コードは UTF-8（BOMあり・なし）または Shift_JIS（Excelの「CSV（コンマ区切り）」）。",
  "1行目は見出し（列名）です。日付は 2021-05-03 または 2021/05/03、全角数字も使えます。",
  "1行でも誤りがあると何も登録しません。誤りのある行（行番号・列・理由）の一覧をダウンロードできます。",
];

export const CSV_FORMATS: Record<ImportKind, CsvFormatHelp> = {
  vouchers: {
    columns: VOUCHER_COLUMNS,
    example: "自治体コード,接種券番号,生年月日,接種済回数,前回接種日,前回ワクチン\n132012,0123456789,1950-04-01,,,\n132012,0123456790,1985/07/15,2,2024/01/10,ファイザー",
    notes: [
      ...COMMON_NOTES,
      "自治体コードは6桁（末尾は検査数字）。すでに登録されている接種券、ファイル内で重複する接種券は誤りになります。",
      "接種済回数・前回接種日・前回ワクチンは、この仕組みの外で接種した記録です（なければ空欄）。",
    ],
  },
  venues: {
    columns: VENUE_COLUMNS,
    example: "会場コード,会場名,種別,住所,電話番号\nM01,市民体育館 集団接種会場,集団,八王子市元本郷町3-24-1,042-620-7250",
    notes: [...COMMON_NOTES, "種別は「集団」または「個別」。登録済みの会場コードの行は、その会場の内容を更新します。"],
  },
  accounts: {
    columns: ACCOUNT_COLUMNS,
    example: "ログインID,氏名,権限,会場コード\nm01-staff2,八王子 花子,会場一般,M01",
    notes: [
      ...COMMON_NOTES,
      "権限は 管理者・コールセンター一般・会場責任者・会場一般。会場責任者・会場一般には会場コードが必要です（複数は | で区切ります）。",
      "会場責任者が登録できるのは、担当の会場の会場一般のアカウントだけです。",
      "初期パスワードは取り込みの直後に一度だけダウンロードできます。初回ログイン時に変更が必要です。",
    ],
  },
  slots: {
    columns: SLOT_COLUMNS,
    example: "会場コード,日付,開始時刻,終了時刻,定員,ワクチン\nM01,2026-12-10,9:00,9:30,20,ファイザー",
    notes: [
      ...COMMON_NOTES,
      "同じ会場・日付・開始時刻・ワクチンの予約枠がすでにある行は誤りになります（定員の変更は予約枠の画面で行います）。",
      "会場責任者は担当の会場の予約枠だけ登録できます。",
    ],
  },
};
