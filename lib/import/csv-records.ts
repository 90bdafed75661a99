// A streaming CSV reader (RFC 4180: quoted fields with "" and line breaks inside quotes; CRLF
// or LF) that keeps only the current line in memory and numbers every record by the file
// line it starts on (the header is line 1), so a report can point at the exact line.
// Lines without a quote take a fast path (split on commas): the bulk of a voucher file.

export interface CsvRecord {
  /** 1-based line of the file where the record starts */
  line: number;
  fields: string[];
  /** set when the record cannot be read as CSV (its fields are then not to be used) */
  error?: string;
}

/** A record longer than this (an unclosed quote swallowing the file) stops the reading. */
export const MAX_RECORD_CHARS = 1024 * 1024;

export class CsvStructureError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvStructureError";
  }
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** Fields of one whole record that contains quotes. */
function parseQuoted(record: string): { fields: string[]; error?: string } {
  const fields: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let atStart = true;
  let error: string | undefined;
  while (i < record.length) {
    const c = record[i]!;
    if (quoted) {
      if (c === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      atStart = true;
      i++;
      continue;
    }
    if (c === '"' && atStart && field.trim() === "") {
      field = "";
      quoted = true;
      atStart = false;
      i++;
      continue;
    }
    if (c === '"') error ??= "「\"」の位置が正しくありません（項目の途中の「\"」は「\"\"」と2つ重ねてください）";
    if (c !== " " && c !== "\t") atStart = false;
    field += c;
    i++;
  }
  if (quoted) error = "「\"」で始まった項目が閉じられていません";
  fields.push(field);
  return { fields, error };
}

/**
 * Records of the text, in batches (one batch per incoming chunk keeps the await count low on
 * a million lines). Blank lines are skipped.
 */
export async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let carry = ""; // text after the last line break seen
  let pending = ""; // a quoted record still open across lines
  let pendingLine = 0;
  let pendingQuotes = 0;
  let line = 0; // lines completed so far

  const take = (raw: string, out: CsvRecord[]) => {
    line++;
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (pending) {
      pending += "\n" + content;
      pendingQuotes += countQuotes(content);
      if (pending.length > MAX_RECORD_CHARS) throw new CsvStructureError(pendingLine, "「\"」で始まった項目が閉じられていません");
      if (pendingQuotes % 2 === 1) return;
      const record = pending;
      pending = "";
      out.push({ line: pendingLine, ...parseQuoted(record) });
      return;
    }
    if (content.indexOf('"') === -1) {
      if (content.length === 0 || /^[,\s]*$/.test(content)) return;
      out.push({ line, fields: content.split(",") });
      return;
    }
    const quotes = countQuotes(content);
    if (quotes % 2 === 1) {
      pending = content;
      pendingLine = line;
      pendingQuotes = quotes;
      return;
    }
    const parsed = parseQuoted(content);
    if (parsed.fields.every((f) => f.trim() === "") && !parsed.error) return;
    out.push({ line, ...parsed });
  };

  for await (const chunk of text) {
    const batch: CsvRecord[] = [];
    let start = 0;
    const data = carry ? carry + chunk : chunk;
    for (let nl = data.indexOf("\n"); nl !== -1; nl = data.indexOf("\n", start)) {
      take(data.slice(start, nl), batch);
      start = nl + 1;
    }
    carry = data.slice(start);
    if (carry.length > MAX_RECORD_CHARS) throw new CsvStructureError(line + 1, "1行が長すぎます（改行のないファイルはCSVとして読めません）");
    if (batch.length > 0) yield batch;
  }
  const last: CsvRecord[] = [];
  if (carry) take(carry, last);
  if (pending) last.push({ line: pendingLine, fields: [], error: "「\"」で始まった項目が閉じられていません" });
  if (last.length > 0) yield last;
}
