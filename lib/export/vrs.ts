// The VRS export: recorded doses in the VRS 予防接種台帳向け layout (docs/vrs.md) — one row per
// voucher: 個別宛名番号 (blank), then for each dose 1回目…N回目 eight fields. Streamed from the
// database in keyset batches over (voucher_id, dose_number), so memory stays flat however many
// doses there are, all inside one REPEATABLE READ transaction, so every batch reads the same
// snapshot; UTF-8 by default, Shift_JIS (CP932) with CRLF on request.
//
// "Exported" is recorded per run, not per row: a finished run (vrs_exports) covers the doses its
// filter matched that were written before `as_of`, a time taken from the database before the
// snapshot (vrsAsOf). The file holds exactly those doses, so "covered by a run" means "in the
// file". A dose is pending when no run covers it since its last write; a correction after a
// covering run flags it for re-export.
// A voided dose (a mistaken 接種済み taken back) is never written to the file; if a run had
// already sent it, the void counts as a write: it is pending and flagged for re-export until a
// later run covers it (VRS then needs the dose removed by hand; the export page says so).
import iconv from "iconv-lite";
import { and, eq, gte, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { doseRecords, municipality, vaccineProducts, venues, vouchers, vrsExports } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { csvLine } from "@/lib/csv/export-cell";
import { isValidIsoDate } from "@/lib/domain/dates";
import { asResult, refusal } from "@/lib/booking/result";
import { rowsOf } from "@/db/rows";

export type VrsEncoding = "utf8" | "sjis";

export interface VrsFilter {
  from?: string | null;
  to?: string | null;
  venueId?: number | null;
  /** Only doses not yet exported, or corrected since they were. */
  onlyPending?: boolean;
}

export const VRS_FIELDS_PER_DOSE = ["接種履歴登録日時", "接種日", "券番号", "接種自治体コード", "接種会場名", "接種医師名", "ワクチンメーカー", "ロット番号"] as const;
const VENUE_NAME_MAX = 30;
const DOCTOR_NAME_MAX = 20;
const LOT_MAX = 20;

export function vrsHeader(doses: number): string[] {
  const header = ["個別宛名番号"];
  for (let n = 1; n <= doses; n++) for (const field of VRS_FIELDS_PER_DOSE) header.push(`${n}回目${field}`);
  return header;
}

/** Exists a finished run whose filter covers the dose and whose as_of is after `threshold`. */
function coveredSince(threshold: SQL | typeof doseRecords.recordedAt): SQL {
  return sql`exists (select 1 from ${vrsExports} e where e.finished_at is not null
    and (e.date_from is null or e.date_from <= ${doseRecords.administeredOn})
    and (e.date_to is null or e.date_to >= ${doseRecords.administeredOn})
    and (e.venue_id is null or e.venue_id = ${doseRecords.venueId})
    and e.as_of > ${threshold})`;
}

// greatest() skips nulls: the latest of recording, correction and void.
const lastWritten = sql`greatest(${doseRecords.recordedAt}, ${doseRecords.correctedAt}, ${doseRecords.voidedAt})`;

/** The dose has been sent to VRS at least once (a correction now must flag it). */
export function exportedCondition(): SQL {
  return coveredSince(doseRecords.recordedAt);
}

/** Not yet exported, or corrected or voided after the last export that covered it. A void never exported is nothing to send. */
export function pendingCondition(): SQL {
  return and(sql`not ${coveredSince(lastWritten)}`, or(isNull(doseRecords.voidedAt), exportedCondition()))!;
}

/** Exported once, then corrected or voided: VRS holds old values. */
export function reexportFlagCondition(): SQL {
  return and(or(isNotNull(doseRecords.correctedAt), isNotNull(doseRecords.voidedAt)), exportedCondition(), pendingCondition())!;
}

function filterCondition(filter: VrsFilter, asOf: Date): SQL {
  // Voided doses are never written to the file (see the head of this file).
  const parts: SQL[] = [lt(doseRecords.recordedAt, asOf), isNull(doseRecords.voidedAt)];
  if (filter.from) parts.push(gte(doseRecords.administeredOn, filter.from));
  if (filter.to) parts.push(lte(doseRecords.administeredOn, filter.to));
  if (filter.venueId) parts.push(eq(doseRecords.venueId, filter.venueId));
  if (filter.onlyPending) parts.push(pendingCondition());
  return and(...parts)!;
}

/** Checks the filter: dates YYYY-MM-DD, from ≤ to, at most about a year when both are given. */
export function vrsFilterProblem(filter: VrsFilter): string | null {
  if (filter.from && !isValidIsoDate(filter.from)) return "開始日は YYYY-MM-DD の日付で指定してください。";
  if (filter.to && !isValidIsoDate(filter.to)) return "終了日は YYYY-MM-DD の日付で指定してください。";
  if (filter.from && filter.to && filter.from > filter.to) return "開始日は終了日より前にしてください。";
  if (filter.venueId !== undefined && filter.venueId !== null && !(Number.isInteger(filter.venueId) && filter.venueId > 0)) return "会場が正しくありません。";
  return null;
}

/** One dose as the batch query returns it (raw driver rows: no ORM mapping on a million rows). */
interface VrsDoseRow {
  voucher_id: string | number;
  dose_number: number;
  registered_at: string;
  administered_on: string;
  voucher_number: string;
  venue_name: string;
  doctor_name: string;
  maker: string;
  lot_number: string;
}

export interface VrsExportStats {
  rows: number;
  doses: number;
}

export interface VrsChunkOptions {
  /** Only doses written before this time (vrsAsOf); the run's as_of. */
  asOf: Date;
  municipalityCode: string;
  eol?: string;
  batchSize?: number;
  stats?: VrsExportStats;
  /** How long the reader may leave a chunk untaken before the export is given up (default READER_TIMEOUT_MS). */
  readerTimeoutMs?: number;
}

/**
 * A download that stops being read must not hold the snapshot (and its pool connection; on
 * PGlite the only connection) for ever: after this long without taking a chunk the transaction
 * is rolled back and the export fails (the run stays unfinished, nothing counts as exported).
 */
export const READER_TIMEOUT_MS = 60_000;

/**
 * The CSV text in chunks (one per batch): header first, then one line per voucher. Grouping by
 * voucher works across batches because the keyset order is (voucher_id, dose_number). All
 * batches are read in one REPEATABLE READ, READ ONLY transaction: one snapshot for the file.
 */
export function vrsCsvChunks(db: Db, filter: VrsFilter, options: VrsChunkOptions): AsyncGenerator<string> {
  return inOneSnapshot(db, (tx) => csvChunksIn(tx, filter, options), options.readerTimeoutMs ?? READER_TIMEOUT_MS);
}

/**
 * Which cells are free text a person typed (venue name, doctor name, and the maker name the
 * admin types in the settings): those get formula neutralising. Dates, the voucher number, the
 * municipality code and the lot number are data VRS reads, validated at entry to digits or
 * [A-Z0-9-], and are written exactly as stored (docs/vrs.md).
 */
function freeTextColumns(doses: number): boolean[] {
  const perDose = [false, false, false, false, true, true, true, false];
  return [false, ...Array.from({ length: doses }, () => perDose).flat()];
}

async function* csvChunksIn(db: Db, filter: VrsFilter, options: VrsChunkOptions): AsyncGenerator<string> {
  const eol = options.eol ?? "\n";
  const batchSize = options.batchSize ?? 2000;
  const stats = options.stats ?? { rows: 0, doses: 0 };
  const where = filterCondition(filter, options.asOf);
  const [{ maxDose } = { maxDose: null }] = await db
    .select({ maxDose: sql<number | null>`max(${doseRecords.doseNumber})` })
    .from(doseRecords)
    .where(where);
  const doses = Math.max(Number(maxDose ?? 0), 1);
  const freeText = freeTextColumns(doses);
  yield csvLine(vrsHeader(doses), eol);

  let row: string[] | null = null;
  let rowVoucherId = "";
  const fetchBatch = async (after: VrsDoseRow | null): Promise<VrsDoseRow[]> => {
    // The bound on vouchers.id too: without it a merge join re-reads vouchers from the start each batch.
    const keyset = after
      ? sql`and (${doseRecords.voucherId}, ${doseRecords.doseNumber}) > (${String(after.voucher_id)}::bigint, ${after.dose_number}::int)
          and ${vouchers.id} >= ${String(after.voucher_id)}::bigint`
      : sql``;
    return rowsOf<VrsDoseRow>(
      await db.execute(sql`
        select ${doseRecords.voucherId} as voucher_id, ${doseRecords.doseNumber} as dose_number,
          to_char(${doseRecords.recordedAt} at time zone 'Asia/Tokyo', 'YYYYMMDDHH24MISS') as registered_at,
          to_char(${doseRecords.administeredOn}, 'YYYYMMDD') as administered_on,
          ${vouchers.voucherNumber} as voucher_number, ${venues.name} as venue_name, ${doseRecords.doctorName} as doctor_name,
          ${vaccineProducts.vrsMakerName} as maker, ${doseRecords.lotNumber} as lot_number
        from ${doseRecords}
        join ${vouchers} on ${vouchers.id} = ${doseRecords.voucherId}
        join ${venues} on ${venues.id} = ${doseRecords.venueId}
        join ${vaccineProducts} on ${vaccineProducts.code} = ${doseRecords.productCode}
        where ${where} and ${doseRecords.doseNumber} <= ${doses} ${keyset}
        order by ${doseRecords.voucherId}, ${doseRecords.doseNumber}
        limit ${batchSize}`),
    );
  };
  // The next batch is asked for before this one is formatted: the database and the formatting overlap.
  let pending: Promise<VrsDoseRow[]> | null = fetchBatch(null);
  try {
    while (pending) {
      const batch: VrsDoseRow[] = await pending;
      pending = batch.length === batchSize ? fetchBatch(batch[batch.length - 1]!) : null;
      let chunk = "";
      for (const d of batch) {
        const voucherId = String(d.voucher_id);
        if (voucherId !== rowVoucherId) {
          if (row) {
            chunk += csvLine(row, eol, freeText);
            stats.rows++;
          }
          row = new Array<string>(1 + doses * 8).fill("");
          rowVoucherId = voucherId;
        }
        const at = 1 + (d.dose_number - 1) * 8;
        row![at] = d.registered_at;
        row![at + 1] = d.administered_on;
        row![at + 2] = d.voucher_number;
        row![at + 3] = options.municipalityCode;
        row![at + 4] = d.venue_name.slice(0, VENUE_NAME_MAX);
        row![at + 5] = d.doctor_name.slice(0, DOCTOR_NAME_MAX);
        row![at + 6] = d.maker;
        row![at + 7] = d.lot_number.slice(0, LOT_MAX);
        stats.doses++;
      }
      if (chunk) yield chunk;
    }
  } finally {
    // Read only half-way: the batch asked for in advance is not wanted.
    pending?.catch(() => {});
  }
  if (row) {
    stats.rows++;
    yield csvLine(row, eol, freeText);
  }
}

class ReaderStopped extends Error {}

export class VrsReaderTimeoutError extends Error {
  constructor(ms: number) {
    super(`VRS出力の読み取りが ${Math.round(ms / 1000)} 秒止まったため、出力を中断しました。もう一度出力してください。`);
    this.name = "VrsReaderTimeoutError";
  }
}

/**
 * Runs the generator `read` inside one REPEATABLE READ, READ ONLY transaction and hands its
 * values on one at a time: the transaction stays open while the reader (a file, an HTTP
 * response) takes them, so every query sees the same snapshot and memory holds one chunk. A
 * reader that stops early rolls the transaction back and frees the connection.
 */
async function* inOneSnapshot<T>(db: Db, read: (tx: Tx) => AsyncGenerator<T>, readerTimeoutMs: number): AsyncGenerator<T> {
  type Handed = { value: T } | { done: true } | { error: unknown };
  let hand!: (item: Handed) => void;
  let handed = new Promise<Handed>((resolve) => (hand = resolve));
  let resume = (goOn: boolean): void => void goOn;
  const running = db
    .transaction(
      async (tx) => {
        for await (const value of read(tx)) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const goOn = new Promise<boolean | "timeout">((resolve) => {
            resume = resolve;
            timer = setTimeout(() => resolve("timeout"), readerTimeoutMs);
          });
          hand({ value });
          const answer = await goOn;
          clearTimeout(timer);
          if (answer === "timeout") throw new VrsReaderTimeoutError(readerTimeoutMs);
          if (!answer) throw new ReaderStopped();
        }
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    )
    .then(
      () => hand({ done: true }),
      (error: unknown) => hand(error instanceof ReaderStopped ? { done: true } : { error }),
    );
  let finished = false;
  try {
    for (;;) {
      const item = await handed;
      if ("error" in item) throw item.error;
      if ("done" in item) break;
      // The next hand-over is set up before the transaction may go on.
      handed = new Promise<Handed>((resolve) => (hand = resolve));
      yield item.value;
      resume(true);
    }
    finished = true;
  } finally {
    if (!finished) resume(false);
    await running;
  }
}

export function encodeVrsChunk(text: string, encoding: VrsEncoding): Uint8Array {
  // CP932 is what Windows (and VRS's Excel users) call Shift_JIS; characters outside it become '?'.
  return encoding === "sjis" ? iconv.encode(text, "cp932") : Buffer.from(text, "utf8");
}

export interface VrsExportRequest extends VrsFilter {
  encoding: VrsEncoding;
}

function mayExport(actor: Actor): boolean {
  if (actor.kind === "system") return true; // the CLI, run by the municipality's IT staff on the server
  return actor.kind === "staff" && staffMay(actor, "export.vrs", { venueId: null });
}

export function vrsFileName(request: VrsExportRequest, asOf: Date): string {
  const stamp = asOf.toISOString().replace(/[-:]/g, "").slice(0, 15);
  const range = [request.from ?? "", request.to ?? ""].map((d) => d.replace(/-/g, "")).join("-");
  return `vrs_${range === "-" ? "all" : range}${request.venueId ? `_venue${request.venueId}` : ""}_${stamp}${request.encoding === "sjis" ? "_sjis" : ""}.csv`;
}

/**
 * The run's as_of, from the database clock: now, or the start of the oldest transaction still
 * open on this database if that is earlier. A dose's recorded_at is its writing transaction's
 * start (now()), but the dose becomes visible only at commit; a transaction that started before
 * as_of has therefore committed before this query, so its dose is in any snapshot taken later.
 * (Other sessions' xact_start is visible to the same role or to pg_read_all_stats.) Cut to
 * milliseconds (to_char's MS truncates) so that it survives the round trip through a JS Date.
 */
export async function vrsAsOf(db: Db): Promise<Date> {
  const [row] = rowsOf<{ as_of: string }>(
    await db.execute(sql`
      select to_char(least(now(), (
          select min(a.xact_start) from pg_stat_activity a
          where a.datname = current_database() and a.backend_type = 'client backend' and a.pid <> pg_backend_pid()
        )) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as as_of`),
  );
  return new Date(row!.as_of);
}

/**
 * Checks the actor and the filter and opens a run. The returned `body` streams the encoded file;
 * when it has been read to the end the run is finished (its doses count as exported) and the
 * export is audit-logged. A body abandoned half-way leaves the run unfinished: nothing counts.
 */
export async function openVrsExport(db: Db, actor: Actor, request: VrsExportRequest, options: { batchSize?: number; readerTimeoutMs?: number } = {}) {
  return asResult(async () => {
    if (!mayExport(actor)) refusal("forbidden", "VRS出力を行う権限がありません。");
    const problem = vrsFilterProblem(request);
    if (problem) refusal("invalid_filter", problem);
    if (request.encoding !== "utf8" && request.encoding !== "sjis") refusal("invalid_encoding", "文字コードは UTF-8 か Shift_JIS を選んでください。");
    const [settings] = await db.select({ code: municipality.code }).from(municipality).where(eq(municipality.id, 1));
    if (!settings) refusal("not_initialized", "自治体が設定されていません（npm run cli -- init）。");
    if (request.venueId) {
      const [venue] = await db.select({ id: venues.id }).from(venues).where(eq(venues.id, request.venueId));
      if (!venue) refusal("venue_not_found", "会場が見つかりません。");
    }
    // Taken before the export's snapshot (which begins when the body is first read): see vrsAsOf.
    const asOf = await vrsAsOf(db);
    const [run] = await db
      .insert(vrsExports)
      .values({
        asOf,
        dateFrom: request.from || null,
        dateTo: request.to || null,
        venueId: request.venueId || null,
        onlyPending: request.onlyPending ?? false,
        encoding: request.encoding,
        staffId: actor.kind === "staff" ? actor.staffId : null,
        actor: actor.kind === "staff" ? `staff:${actor.staffId}` : actor.kind === "system" ? actor.name : actor.kind,
      })
      .returning();
    const stats: VrsExportStats = { rows: 0, doses: 0 };
    const eol = request.encoding === "sjis" ? "\r\n" : "\n";
    async function* body(): AsyncGenerator<Uint8Array> {
      for await (const text of vrsCsvChunks(db, request, { asOf, municipalityCode: settings!.code, eol, stats, ...options })) {
        yield encodeVrsChunk(text, request.encoding);
      }
      await db.transaction(async (tx) => {
        await tx.update(vrsExports).set({ finishedAt: new Date(), rows: stats.rows, doses: stats.doses }).where(eq(vrsExports.id, run!.id));
        await recordAudit(tx, actor, {
          action: "vrs.export",
          entity: "vrs_export",
          entityId: run!.id,
          after: {
            from: request.from ?? null,
            to: request.to ?? null,
            venueId: request.venueId ?? null,
            onlyPending: request.onlyPending ?? false,
            encoding: request.encoding,
            rows: stats.rows,
            doses: stats.doses,
          },
        });
      });
    }
    return { exportId: run!.id, asOf, fileName: vrsFileName(request, asOf), stats, body: body() };
  });
}

/** Figures for the export page: doses waiting for VRS, and those corrected after an export. */
export async function vrsPendingSummary(db: Db) {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${pendingCondition()})`,
      reexport: sql<number>`count(*) filter (where ${reexportFlagCondition()})`,
    })
    .from(doseRecords);
  return { pending: Number(row?.pending ?? 0), reexport: Number(row?.reexport ?? 0) };
}
