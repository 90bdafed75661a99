// What every CSV import shares: its kinds, a problem (one report line), progress and outcome.

export const IMPORT_KINDS = ["vouchers", "venues", "accounts", "slots"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  vouchers: "接種券",
  venues: "会場",
  accounts: "アカウント",
  slots: "予約枠",
};

/** One line of the bad-line report. `column` is the CSV column's Japanese name ("" for the whole line). */
export interface ImportProblem {
  line: number;
  column: string;
  reason: string;
}

export interface ImportProgress {
  phase: "reading" | "checking" | "writing";
  /** data lines read so far (the header not counted) */
  lines: number;
  /** bytes of the file read so far */
  bytes: number;
}

/** An initial password of an imported account: shown (downloadable) once, never stored in clear. */
export interface IssuedPassword {
  loginId: string;
  displayName: string;
  password: string;
}

export type ImportOutcome =
  | {
      ok: true;
      jobId: number;
      kind: ImportKind;
      lines: number;
      /** rows written (created + updated) */
      imported: number;
      created: number;
      updated: number;
      message: string;
      passwords?: IssuedPassword[];
    }
  | {
      ok: false;
      jobId: number | null;
      kind: ImportKind;
      lines: number;
      /** lines with at least one problem */
      badLines: number;
      message: string;
      /** the first problems (the whole list is in the report) */
      problems: ImportProblem[];
      code: "invalid_file" | "forbidden" | "conflict";
    };

export interface ColumnSpec<K extends string> {
  key: K;
  /** the column's name in the header (SPEC: CSV files) */
  label: string;
  /** other names accepted for it (after NFKC, spaces removed, lower case) */
  aliases?: readonly string[];
  required: boolean;
}

/** One line of the upload route's NDJSON answer (app/api/admin/import/[kind]/route.ts). */
export type ImportEvent =
  | ({ type: "progress" } & ImportProgress)
  | { type: "result"; outcome: ImportOutcome }
  | { type: "error"; message: string };
