// 予約枠 CSV (会場コード, 日付, 開始時刻, 終了時刻, 定員, ワクチン). New slots only: a slot that
// already exists (same venue, date, start time and vaccine) is a bad line — capacity changes
// go through the slot screen, which keeps a capacity above the seats already booked.
// Admins may add slots to every venue, a 会場責任者 only to their own (checked per line).
import { and, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slots, vaccineProducts, venues } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { hhmm, tokyoDate } from "@/lib/domain/dates";
import { resolveProductCode } from "@/lib/domain/vaccines";
import { SLOT_COLUMNS, type SlotColumn } from "./csv-formats";
import { collectRows, reportDuplicates } from "./collect-rows";
import { cellValue, parseCsvDate, parseCsvInteger, parseCsvTime } from "./fields";
import type { ProblemSink } from "./problem-sink";
import type { ReadCounters } from "./read-table";

export const MAX_SLOTS_PER_FILE = 100_000;
const INSERT_BATCH = 1000;

export interface SlotRow {
  venueId: number;
  venueCode: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: number;
  productCode: string;
}

export interface SlotLineContext {
  actor: Actor;
  today: string;
  venueIdByCode: ReadonlyMap<string, number>;
  products: readonly { code: string; name: string; active: boolean }[];
}

export function validateSlotLine(values: Record<SlotColumn, string>, ctx: SlotLineContext, report: (column: string, reason: string) => void): SlotRow | null {
  let ok = true;
  const bad = (column: string, reason: string) => {
    ok = false;
    report(column, reason);
  };
  const venueCode = cellValue(values.venueCode).toUpperCase();
  const venueId = ctx.venueIdByCode.get(venueCode);
  if (!venueCode) bad("会場コード", "会場コードが空です");
  else if (venueId === undefined) bad("会場コード", `会場コード「${venueCode}」の会場は登録されていません`);
  else if (ctx.actor.kind === "staff" && !staffMay(ctx.actor, "slots.edit", { venueId })) {
    bad("会場コード", `会場コード「${venueCode}」は担当の会場ではありません（担当の会場の予約枠だけ登録できます）`);
  }
  const dateRaw = cellValue(values.date);
  const date = parseCsvDate(dateRaw);
  if (!date) bad("日付", dateRaw ? "日付は YYYY-MM-DD または YYYY/MM/DD の正しい日付で入力してください" : "日付が空です");
  else if (date < ctx.today) bad("日付", "過去の日付には予約枠を登録できません");
  const startTime = parseCsvTime(cellValue(values.startTime));
  const endTime = parseCsvTime(cellValue(values.endTime));
  if (!startTime) bad("開始時刻", "開始時刻は 9:00 や 13:30 のように入力してください");
  if (!endTime) bad("終了時刻", "終了時刻は 9:30 や 14:00 のように入力してください");
  if (startTime && endTime && startTime >= endTime) bad("終了時刻", "終了時刻は開始時刻より後にしてください");
  const capacity = parseCsvInteger(cellValue(values.capacity), 0, 10_000);
  if (capacity === null) bad("定員", "定員は0〜10000の整数で入力してください");
  const productRaw = values.product.trim();
  const productCode = productRaw ? resolveProductCode(productRaw, ctx.products) : null;
  if (!productRaw) bad("ワクチン", "ワクチンが空です");
  else if (!productCode) bad("ワクチン", `ワクチン「${productRaw}」は登録されているワクチンではありません（例: ファイザー、モデルナ、PFIZER）`);
  else if (!ctx.products.find((p) => p.code === productCode)?.active) bad("ワクチン", `ワクチン「${productRaw}」は現在使用を停止しています`);
  if (!ok) return null;
  return { venueId: venueId!, venueCode, date: date!, startTime: startTime!, endTime: endTime!, capacity: capacity!, productCode: productCode! };
}

export async function importSlotRows(run: {
  db: Db;
  actor: Actor;
  jobId: number;
  source: AsyncIterable<Uint8Array>;
  problems: ProblemSink;
  counters: ReadCounters;
  onProgress: (phase: "reading" | "checking" | "writing") => Promise<void>;
  now?: Date;
}): Promise<{ ok: true; created: number } | { ok: false; conflict?: boolean; message?: string }> {
  const { db, actor, problems } = run;
  const ctx: SlotLineContext = {
    actor,
    today: tokyoDate(run.now ?? new Date()),
    venueIdByCode: new Map((await db.select({ id: venues.id, code: venues.code }).from(venues)).map((v) => [v.code.toUpperCase(), v.id])),
    products: await db.select({ code: vaccineProducts.code, name: vaccineProducts.name, active: vaccineProducts.active }).from(vaccineProducts),
  };
  const rows = await collectRows(run.source, SLOT_COLUMNS, problems, run.counters, { rows: MAX_SLOTS_PER_FILE, what: "予約枠" }, (values, report) =>
    validateSlotLine(values, ctx, report),
  );
  await run.onProgress("checking");
  const key = (r: { venueId: number; date: string; startTime: string; productCode: string }) => `${r.venueId}|${r.date}|${hhmm(r.startTime)}|${r.productCode}`;
  reportDuplicates(rows, key, problems, "開始時刻", (r) => `同じ予約枠（${r.venueCode} ${r.date} ${r.startTime} ${r.productCode}）`);
  if (rows.length > 0) {
    const dates = rows.map((r) => r.row.date).sort();
    const existing = await db
      .select({ venueId: slots.venueId, date: slots.date, startTime: slots.startTime, productCode: slots.productCode })
      .from(slots)
      .where(and(inArray(slots.venueId, [...new Set(rows.map((r) => r.row.venueId))]), gte(slots.date, dates[0]!), lte(slots.date, dates[dates.length - 1]!)));
    const taken = new Set(existing.map(key));
    for (const { line, row } of rows) {
      if (taken.has(key(row))) problems.add(line, "開始時刻", `同じ予約枠（${row.venueCode} ${row.date} ${row.startTime} ${row.productCode}）がすでに登録されています`);
    }
  }
  if ((await problems.countLines()) > 0) return { ok: false };

  await run.onProgress("writing");
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await tx.insert(slots).values(
          rows.slice(i, i + INSERT_BATCH).map(({ row }) => ({
            venueId: row.venueId,
            date: row.date,
            startTime: row.startTime,
            endTime: row.endTime,
            capacity: row.capacity,
            productCode: row.productCode,
          })),
        );
      }
      const venueIds = [...new Set(rows.map((r) => r.row.venueId))];
      await recordAudit(tx, actor, { action: "slot.import", entity: "import_job", entityId: run.jobId, after: { slots: rows.length, venueIds } });
    });
  } catch (e) {
    if ((e as { code?: string }).code === "23505" || (e as { cause?: { code?: string } }).cause?.code === "23505") {
      return { ok: false, conflict: true, message: "取り込みの間に同じ予約枠が別の操作で登録されました。何も登録していません。もう一度お試しください。" };
    }
    throw e;
  }
  return { ok: true, created: rows.length };
}
