// The rows of an uploaded CSV table, streamed: decoding, the header row (Japanese column
// names, SPEC: CSV files), and the problems every kind shares (unreadable CSV, too many
// columns). Rows come out in batches with their file line numbers; nothing is held longer.
import { CsvStructureError, csvRecords } from "./csv-records";
import { CsvEncodingError, decodeCsvStream } from "./decode";
import { headerKey } from "./fields";
import type { ProblemSink } from "./problem-sink";
import type { ColumnSpec } from "./types";

export interface TableRow<K extends string> {
  line: number;
  /** raw cell text per column ("" when the column is absent or the row is short) */
  values: Record<K, string>;
}

export interface ReadCounters {
  /** bytes of the file read so far */
  bytes: number;
  /** data records read so far (blank lines not counted) */
  records: number;
  /** the last file line reached */
  line: number;
}

export function newCounters(): ReadCounters {
  return { bytes: 0, records: 0, line: 0 };
}

function columnList(columns: readonly ColumnSpec<string>[]): string {
  return columns.map((c) => (c.required ? c.label : `[${c.label}]`)).join(", ");
}

/**
 * Yields the table's rows in batches. Problems with the header end the reading (reported on
 * line 1); problems of single lines are reported and the line left out; an encoding or CSV
 * structure error ends the reading at the line where it happened.
 */
export async function* readCsvTable<K extends string>(
  source: AsyncIterable<Uint8Array>,
  columns: readonly ColumnSpec<K>[],
  problems: ProblemSink,
  counters: ReadCounters,
): AsyncGenerator<TableRow<K>[]> {
  const byName = new Map<string, ColumnSpec<K>>();
  for (const c of columns) {
    byName.set(headerKey(c.label), c);
    for (const alias of c.aliases ?? []) byName.set(headerKey(alias), c);
  }
  let header: (K | null)[] | null = null;
  const keys = columns.map((c) => c.key);
  try {
    for await (const batch of csvRecords(decodeCsvStream(source, counters))) {
      const rows: TableRow<K>[] = [];
      for (const record of batch) {
        counters.line = record.line;
        if (header === null) {
          if (record.error) {
            problems.add(record.line, "", `見出しの行を読めません（${record.error}）`);
            return;
          }
          const mapped = record.fields.map((name) => (name.trim() === "" ? null : (byName.get(headerKey(name))?.key ?? null)));
          const unknown = record.fields.filter((name, i) => name.trim() !== "" && mapped[i] === null);
          const missing = columns.filter((c) => c.required && !mapped.includes(c.key)).map((c) => c.label);
          const twice = columns.filter((c) => mapped.filter((m) => m === c.key).length > 1).map((c) => c.label);
          if (record.line !== 1) problems.add(1, "", "1行目が空です。1行目に見出し（列名）を書いてください");
          if (unknown.length > 0) problems.add(record.line, "", `見出しの「${unknown.join("」「")}」は使えない列名です（使える列: ${columnList(columns)}）`);
          if (missing.length > 0) problems.add(record.line, "", `見出しに ${missing.join("・")} の列がありません（必要な列: ${columnList(columns)}）`);
          if (twice.length > 0) problems.add(record.line, "", `見出しに ${twice.join("・")} の列が2回あります`);
          if (!problems.empty) return;
          header = mapped;
          continue;
        }
        counters.records++;
        if (record.error) {
          problems.add(record.line, "", record.error);
          continue;
        }
        if (record.fields.length > header.length && record.fields.slice(header.length).some((f) => f.trim() !== "")) {
          problems.add(record.line, "", `列が多すぎます（見出しは${header.length}列、この行は${record.fields.length}列）`);
          continue;
        }
        const values = {} as Record<K, string>;
        for (const k of keys) values[k] = "";
        for (let i = 0; i < header.length; i++) {
          const k = header[i];
          if (k) values[k] = record.fields[i] ?? "";
        }
        rows.push({ line: record.line, values });
      }
      if (rows.length > 0) yield rows;
      await problems.flushIfFull();
    }
  } catch (e) {
    if (e instanceof CsvStructureError) {
      problems.add(e.line, "", e.message);
      return;
    }
    if (e instanceof CsvEncodingError) {
      problems.add(counters.line + 1, "", e.message);
      return;
    }
    throw e;
  }
  if (header === null) problems.add(1, "", `ファイルが空です（1行目に見出しが必要です: ${columnList(columns)}）`);
}
