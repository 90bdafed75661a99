// The one entry every door uses (console route, command line, tests): check the caller, run the
// kind's import over a stream of bytes, and record the job and its report. All or nothing:
// either every line is good and all rows are written in one transaction, or nothing is
// written and every bad line is in the report (line number, column, reason).
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { roleMay, type Permission } from "@/lib/auth/permissions";
import { importAccountRows } from "./accounts";
import { createImportJob, finishImportJob, firstProblems, recordJobProgress } from "./jobs";
import { ProblemSink } from "./problem-sink";
import { newCounters } from "./read-table";
import { importSlotRows } from "./slots";
import { IMPORT_KIND_LABELS, type ImportKind, type ImportOutcome, type ImportProgress, type IssuedPassword } from "./types";
import { importVenueRows } from "./venues";
import { importVoucherRows } from "./vouchers";

/** The permission each import needs (SPEC: Roles); venue-scoped roles are checked per line. */
export const IMPORT_PERMISSION: Record<ImportKind, Permission> = {
  vouchers: "vouchers.upload",
  venues: "venues.edit",
  accounts: "accounts",
  slots: "slots.edit",
};

export function mayImport(actor: Actor, kind: ImportKind): boolean {
  if (actor.kind === "system") return true;
  return actor.kind === "staff" && roleMay(actor.role, IMPORT_PERMISSION[kind]);
}

export interface RunImportOptions {
  fileName?: string;
  /** called at each phase change and every 50,000 lines (vouchers) */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  now?: Date;
}

export async function runImport(
  db: Db,
  actor: Actor,
  kind: ImportKind,
  source: AsyncIterable<Uint8Array>,
  options: RunImportOptions = {},
): Promise<ImportOutcome> {
  const label = IMPORT_KIND_LABELS[kind];
  if (!mayImport(actor, kind)) {
    return { ok: false, jobId: null, kind, lines: 0, badLines: 0, problems: [], code: "forbidden", message: `${label}のCSVを取り込む権限がありません。` };
  }
  const jobId = await createImportJob(db, actor, kind, options.fileName ?? "");
  const problems = new ProblemSink(db, jobId);
  const counters = newCounters();
  const onProgress = async (phase: ImportProgress["phase"]) => {
    const progress = { phase, lines: counters.records, bytes: counters.bytes };
    await recordJobProgress(db, jobId, progress);
    await options.onProgress?.(progress);
  };
  const run = { db, actor, jobId, source, problems, counters, onProgress, now: options.now };
  try {
    let written: { created: number; updated: number; passwords?: IssuedPassword[] } | null = null;
    let refusal: { conflict?: boolean; message?: string } = {};
    switch (kind) {
      case "vouchers": {
        const r = await importVoucherRows(run);
        if (r.ok) written = { created: r.imported, updated: 0 };
        else refusal = r;
        break;
      }
      case "venues": {
        const r = await importVenueRows(run);
        if (r.ok) written = { created: r.created, updated: r.updated };
        break;
      }
      case "accounts": {
        const r = await importAccountRows(run);
        if (r.ok) written = { created: r.created, updated: 0, passwords: r.passwords };
        else refusal = r;
        break;
      }
      case "slots": {
        const r = await importSlotRows(run);
        if (r.ok) written = { created: r.created, updated: 0 };
        else refusal = r;
        break;
      }
    }
    const lines = counters.records;
    if (written) {
      const imported = written.created + written.updated;
      const message =
        kind === "venues"
          ? `会場を取り込みました（新規 ${written.created}件・更新 ${written.updated}件・変更なし ${lines - imported}件）。`
          : `${label}を${written.created.toLocaleString("ja-JP")}件登録しました。`;
      // The voucher import finishes its job inside its own transaction.
      if (kind !== "vouchers") await finishImportJob(db, jobId, { status: "succeeded", lines, rowsImported: imported, badLines: 0, message });
      return { ok: true, jobId, kind, lines, imported, created: written.created, updated: written.updated, message, ...(written.passwords ? { passwords: written.passwords } : {}) };
    }
    if (refusal.conflict) {
      const message = refusal.message ?? "同時に行われた別の操作と重なったため、何も登録していません。";
      await finishImportJob(db, jobId, { status: "failed", lines, rowsImported: 0, badLines: 0, message });
      return { ok: false, jobId, kind, lines, badLines: 0, problems: [], code: "conflict", message };
    }
    const badLines = await problems.countLines();
    const message = `${badLines.toLocaleString("ja-JP")}行に誤りがあるため、何も取り込んでいません。誤りの一覧を確認して、ファイルを直してからもう一度取り込んでください。`;
    await finishImportJob(db, jobId, { status: "rejected", lines, rowsImported: 0, badLines, message });
    return { ok: false, jobId, kind, lines, badLines, problems: await firstProblems(db, jobId, 100), code: "invalid_file", message };
  } catch (e) {
    await finishImportJob(db, jobId, { status: "failed", lines: counters.records, rowsImported: 0, badLines: 0, message: "取り込み中にエラーが発生しました。何も登録していません。" }).catch(() => {});
    throw e;
  }
}
