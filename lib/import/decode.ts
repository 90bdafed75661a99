// Text of an uploaded CSV file, decoded as it streams in. Accepted: UTF-8 with or without BOM,
// and Shift_JIS/CP932 (what Excel in Japan writes). Node's WHATWG TextDecoder decodes
// "shift_jis" with its built-in ICU as CP932 (NEC/IBM extensions such as ① included).
//
// Detection: a UTF-8 BOM decides at once; otherwise the first 64 KiB (the header row and
// many data rows) are tried as strict UTF-8, and bytes that are not valid UTF-8 mean CP932.
// The header row is Japanese, so a Shift_JIS file never passes as UTF-8 there.

export type CsvEncoding = "utf-8" | "shift_jis";

/** Bytes looked at before deciding the encoding. */
const SNIFF_BYTES = 64 * 1024;

export class CsvEncodingError extends Error {
  constructor(message = "文字コードを読み取れません。UTF-8 または Shift_JIS で保存したCSVファイルを使ってください。") {
    super(message);
    this.name = "CsvEncodingError";
  }
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The encoding of a file that starts with `sample` (a prefix of the file, or all of it). */
export function detectCsvEncoding(sample: Uint8Array, complete: boolean): CsvEncoding {
  if (hasUtf8Bom(sample)) return "utf-8";
  try {
    // stream: true while the sample is only a prefix, so a character cut at its end is no error.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !complete });
    return "utf-8";
  } catch {
    return "shift_jis";
  }
}

/** A whole file's text, BOM removed (small files such as the FAQ). */
export function decodeCsvBytes(input: string | Uint8Array): string {
  if (typeof input === "string") return input.replace(/^\uFEFF/, "");
  const encoding = detectCsvEncoding(input, true);
  // ignoreBOM false: the decoder drops a UTF-8 BOM itself.
  return new TextDecoder(encoding, { ignoreBOM: false }).decode(input);
}

export interface DecodeProgress {
  /** bytes read from the source so far */
  bytes: number;
}

/**
 * Decodes a stream of bytes to text chunks, holding at most one chunk (or the 64 KiB sample)
 * at a time. Throws CsvEncodingError when bytes later in the file are not valid in the
 * encoding chosen at the start (e.g. a UTF-8 file with Shift_JIS lines pasted in).
 */
export async function* decodeCsvStream(
  source: AsyncIterable<Uint8Array>,
  progress: DecodeProgress = { bytes: 0 },
): AsyncGenerator<string> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  progress.bytes += headBytes;
  const sample = Buffer.concat(head);
  const decoder = new TextDecoder(detectCsvEncoding(sample, done), { fatal: true, ignoreBOM: false });
  const decode = (bytes: Uint8Array, stream: boolean) => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new CsvEncodingError("ファイルの途中に、先頭と違う文字コードの部分があります。ファイル全体を同じ文字コード（UTF-8 または Shift_JIS）で保存し直してください。");
    }
  };
  if (sample.byteLength > 0) yield decode(sample, true);
  while (!done) {
    const next = await iterator.next();
    if (next.done) break;
    progress.bytes += next.value.byteLength;
    const text = decode(next.value, true);
    if (text) yield text;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest) yield rest;
}
