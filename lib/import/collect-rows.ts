// The small tables (会場, アカウント, 予約枠) are validated line by line and kept in memory up
// to a row limit (thousands, not millions), then checked as a whole (duplicates, existing rows)
// and written in one transaction.
import type { ProblemSink } from "./problem-sink";
import { readCsvTable, type ReadCounters } from "./read-table";
import type { ColumnSpec } from "./types";

export interface Collected<Row> {
  line: number;
  row: Row;
}

export async function collectRows<K extends string, Row>(
  source: AsyncIterable<Uint8Array>,
  columns: readonly ColumnSpec<K>[],
  problems: ProblemSink,
  counters: ReadCounters,
  limit: { rows: number; what: string },
  validate: (values: Record<K, string>, report: (column: string, reason: string) => void) => Row | null,
): Promise<Collected<Row>[]> {
  const out: Collected<Row>[] = [];
  for await (const batch of readCsvTable(source, columns, problems, counters)) {
    for (const { line, values } of batch) {
      if (counters.records > limit.rows) {
        problems.add(line, "", `1つのファイルで取り込める${limit.what}は${limit.rows.toLocaleString("ja-JP")}行までです。ファイルを分けてください`);
        return out;
      }
      let bad = false;
      const row = validate(values, (column, reason) => {
        bad = true;
        problems.add(line, column, reason);
      });
      if (row !== null && !bad) out.push({ line, row });
    }
  }
  if (counters.records === 0 && problems.empty) problems.add(2, "", `${limit.what}の行がありません（2行目から1行に1件ずつ書いてください）`);
  return out;
}

/** Reports every later line whose key was already seen on an earlier line. */
export function reportDuplicates<Row>(
  rows: readonly Collected<Row>[],
  key: (row: Row) => string,
  problems: { add(line: number, column: string, reason: string): void },
  column: string,
  describe: (row: Row) => string,
): Set<number> {
  const first = new Map<string, number>();
  const lines = new Set<number>();
  for (const { line, row } of rows) {
    const k = key(row);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, line);
    else {
      problems.add(line, column, `${describe(row)}が${seen}行目にもあります`);
      lines.add(line);
    }
  }
  return lines;
}
