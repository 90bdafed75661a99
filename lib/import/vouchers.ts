// 有効接種券 CSV (自治体コード, 接種券番号, 生年月日 [, 接種済回数, 前回接種日, 前回ワクチン]),
// by the million. One pass over the file: each line is checked in JavaScript (formats, check
// digit, dates, product) and the good ones are streamed into an unlogged staging table (COPY
// on PostgreSQL); duplicates inside the file and against registered vouchers are then found
// in SQL, so memory stays flat however long the file. Only when no line is bad does one
// INSERT … SELECT (one transaction, with the audit row) register them all: all or nothing.
//
// A voucher already registered is a bad line, not an update: the list is the municipality's
// record of issued vouchers, and a second upload of the same voucher is a mistake to show
// (its birth date or history may differ from what residents already logged in with).
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { vaccineProducts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { tokyoDate } from "@/lib/domain/dates";
import { isValidMunicipalityCode } from "@/lib/domain/municipality-code";
import { digitsOnly } from "@/lib/domain/normalize";
import { resolveProductCode } from "@/lib/domain/vaccines";
import { VOUCHER_COLUMNS, type VoucherColumn } from "./csv-formats";
import { openBulkWriter, type BulkValue } from "./bulk-writer";
import { cellValue, parseCsvDate, parseCsvInteger } from "./fields";
import { dropStageTable, finishImportJob, stageTableName } from "./jobs";
import type { ProblemSink } from "./problem-sink";
import { readCsvTable, type ReadCounters } from "./read-table";

const LABEL = Object.fromEntries(VOUCHER_COLUMNS.map((c) => [c.key, c.label])) as Record<VoucherColumn, string>;

export interface VoucherLineContext {
  today: string;
  products: readonly { code: string; name: string }[];
  /** product names already resolved (a file names the same few products a million times) */
  productCache?: Map<string, string | null>;
}

/**
 * The staged values of one line (its line number first), or null after reporting its problems.
 * Runs a million times per file: no closures or objects beyond the returned row.
 */
export function validateVoucherLine(
  line: number,
  values: Record<VoucherColumn, string>,
  ctx: VoucherLineContext,
  report: (column: string, reason: string) => void,
): BulkValue[] | null {
  let ok = true;
  const code = cellValue(values.municipalityCode);
  if (!/^[0-9]{6}$/.test(code)) {
    ok = false;
    report(LABEL.municipalityCode, code ? "自治体コードは6桁の数字で入力してください" : "自治体コードが空です");
  } else if (!isValidMunicipalityCode(code)) {
    ok = false;
    report(LABEL.municipalityCode, `自治体コード「${code}」の検査数字（6桁目）が正しくありません`);
  }

  const rawNumber = cellValue(values.voucherNumber);
  const number = rawNumber.length === 10 && /^[0-9]{10}$/.test(rawNumber) ? rawNumber : digitsOnly(rawNumber);
  if (!/^[0-9]{10}$/.test(number)) {
    ok = false;
    report(LABEL.voucherNumber, number ? "接種券番号は10桁の数字で入力してください" : "接種券番号が空です");
  }

  const birthRaw = cellValue(values.birthDate);
  const birthDate = parseCsvDate(birthRaw);
  if (!birthDate) {
    ok = false;
    report(LABEL.birthDate, birthRaw ? "生年月日は YYYY-MM-DD または YYYY/MM/DD の正しい日付で入力してください" : "生年月日が空です");
  } else if (birthDate > ctx.today || birthDate < "1900-01-01") {
    ok = false;
    report(LABEL.birthDate, "生年月日が正しくありません（未来の日付または1900年より前）");
  }

  const countRaw = cellValue(values.priorDoseCount);
  const count = countRaw === "" || countRaw === "0" ? 0 : parseCsvInteger(countRaw, 0, 20);
  if (count === null) {
    ok = false;
    report(LABEL.priorDoseCount, "接種済回数は0〜20の整数で入力してください");
  }
  const lastRaw = cellValue(values.priorLastDoseDate);
  let lastDate: string | null = null;
  const productRaw = values.priorLastProduct.trim();
  let product: string | null = null;
  if (lastRaw || productRaw || count !== 0) {
    if (lastRaw) {
      lastDate = parseCsvDate(lastRaw);
      if (!lastDate) {
        ok = false;
        report(LABEL.priorLastDoseDate, "前回接種日は YYYY-MM-DD または YYYY/MM/DD の正しい日付で入力してください");
      } else if (lastDate > ctx.today) {
        ok = false;
        report(LABEL.priorLastDoseDate, "前回接種日が未来の日付です");
      } else if (birthDate && lastDate < birthDate) {
        ok = false;
        report(LABEL.priorLastDoseDate, "前回接種日が生年月日より前です");
      }
    }
    if (productRaw) {
      const cached = ctx.productCache?.get(productRaw);
      product = cached !== undefined ? cached : resolveProductCode(productRaw, ctx.products);
      if (cached === undefined && ctx.productCache && ctx.productCache.size < 1000) ctx.productCache.set(productRaw, product);
      if (!product) {
        ok = false;
        report(LABEL.priorLastProduct, `前回ワクチン「${productRaw}」は登録されているワクチンではありません（例: ファイザー、モデルナ、PFIZER）`);
      }
    }
    if (count !== null && count > 0 && !lastRaw) {
      ok = false;
      report(LABEL.priorLastDoseDate, "接種済回数が1以上のときは前回接種日を入力してください");
    }
    if (count === 0 && (lastRaw || productRaw)) {
      ok = false;
      report(LABEL.priorDoseCount, "前回接種日・前回ワクチンがあるときは接種済回数を1以上にしてください");
    }
  }
  return ok ? [line, code, number, birthDate, count, lastDate, product] : null;
}

const STAGE_COLUMNS = ["line", "municipality_code", "voucher_number", "birth_date", "prior_dose_count", "prior_last_dose_date", "prior_last_product_code"] as const;

export interface VoucherImportRun {
  db: Db;
  actor: Actor;
  jobId: number;
  source: AsyncIterable<Uint8Array>;
  problems: ProblemSink;
  counters: ReadCounters;
  onProgress: (phase: "reading" | "checking" | "writing") => Promise<void>;
  now?: Date;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === "23505" || err.cause?.code === "23505";
}

/** Duplicates inside the file (every later line names the first) and against registered vouchers, into the report. */
async function reportDuplicateVouchers(db: Db, jobId: number, stage: string): Promise<void> {
  await db.transaction(async (tx) => {
    // A million distinct keys: let the hash aggregate stay in memory instead of spilling to disk.
    await tx.execute(sql`set local work_mem = '128MB'`);
    await tx.execute(
      sql.raw(`insert into import_problems (job_id, line, "column", reason)
        select ${jobId}, s.line, '接種券番号', '同じ接種券（自治体コード ' || s.municipality_code || '・接種券番号 ' || s.voucher_number || '）が' || d.first_line || '行目にもあります'
        from "${stage}" s join (
          select municipality_code, voucher_number, min(line) as first_line from "${stage}"
          group by municipality_code, voucher_number having count(*) > 1
        ) d using (municipality_code, voucher_number)
        where s.line <> d.first_line`),
    );
    await tx.execute(
      sql.raw(`insert into import_problems (job_id, line, "column", reason)
        select ${jobId}, s.line, '接種券番号', 'この接種券（自治体コード ' || s.municipality_code || '・接種券番号 ' || s.voucher_number || '）はすでに登録されています'
        from "${stage}" s join vouchers v using (municipality_code, voucher_number)`),
    );
  });
}

export type VoucherImportResult = { ok: true; imported: number } | { ok: false; conflict?: boolean; message?: string };

export async function importVoucherRows(run: VoucherImportRun): Promise<VoucherImportResult> {
  const { db, actor, jobId, problems, counters } = run;
  const stage = stageTableName(jobId);
  const products = await db.select({ code: vaccineProducts.code, name: vaccineProducts.name }).from(vaccineProducts);
  const ctx: VoucherLineContext = { today: tokyoDate(run.now ?? new Date()), products, productCache: new Map() };
  await db.execute(
    sql.raw(`create unlogged table "${stage}" (line integer not null, municipality_code text not null, voucher_number text not null,
      birth_date date not null, prior_dose_count integer not null, prior_last_dose_date date, prior_last_product_code text)`),
  );
  try {
    const writer = await openBulkWriter(db, stage, STAGE_COLUMNS);
    let staged = 0;
    try {
      let nextProgress = 50_000;
      for await (const rows of readCsvTable(run.source, VOUCHER_COLUMNS, problems, counters)) {
        for (const row of rows) {
          const values = validateVoucherLine(row.line, row.values, ctx, (column, reason) => problems.add(row.line, column, reason));
          if (values) {
            const sending = writer.add(values);
            if (sending) await sending;
            staged++;
          }
        }
        if (counters.records >= nextProgress) {
          nextProgress = counters.records + 50_000;
          await run.onProgress("reading");
        }
      }
      await writer.close();
    } catch (e) {
      writer.abort(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    if (counters.records === 0 && problems.empty) problems.add(2, "", "接種券の行がありません（2行目から1行に1枚ずつ書いてください）");
    await problems.flush();

    // Every line is good on its own: register them all in one statement. A voucher twice in the
    // file or already registered makes the unique index refuse it, and the transaction rolls
    // back; only then are the duplicates looked for, to report them (the happy path skips that).
    if (problems.empty) {
      await run.onProgress("writing");
      const registeredBy = actor.kind === "staff" ? actor.staffId : null;
      try {
        await db.transaction(async (tx) => {
          await tx.execute(
            sql.raw(`insert into vouchers (municipality_code, voucher_number, birth_date, prior_dose_count, prior_last_dose_date, prior_last_product_code, registered_by)
              select municipality_code, voucher_number, birth_date, prior_dose_count, prior_last_dose_date, prior_last_product_code, ${registeredBy === null ? "null" : Number(registeredBy)}
              from "${stage}"`),
          );
          await recordAudit(tx, actor, { action: "voucher.import", entity: "import_job", entityId: jobId, after: { rows: staged } });
          await finishImportJob(tx, jobId, { status: "succeeded", lines: counters.records, rowsImported: staged, badLines: 0, message: `接種券を${staged}件登録しました。` });
        });
        return { ok: true, imported: staged };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }

    await run.onProgress("checking");
    await reportDuplicateVouchers(db, jobId, stage);
    if ((await problems.countLines()) > 0) return { ok: false };
    // The unique index refused a voucher that was not there when we looked: another import or a
    // registration at the same moment.
    return { ok: false, conflict: true, message: "取り込みの間に同じ接種券が別の操作で登録されました。何も登録していません。もう一度取り込むと、重複している行を確認できます。" };
  } finally {
    await dropStageTable(db, jobId);
  }
}
