// Import jobs: a row per import with its progress (updated every few thousand lines, for the
// console to poll) and outcome; the report of bad lines streams from import_problems.
import { and, asc, eq, gt, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs, importProblems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { ImportKind, ImportProblem, ImportProgress } from "./types";

/**
 * A job still "running" without progress for this long was cut off (the server restarted or crashed mid-import):
 * progress is written every 50,000 lines and at each phase, far more often than this.
 */
export const STALE_IMPORT_MS = 15 * 60_000;

/**
 * Marks imports that were cut off as failed and drops their staging tables, so that neither a job stuck at
 * "running" nor a half-filled import_stage_N table outlives a crash. Run before each new import.
 */
export async function abandonStaleImports(db: Db, now = new Date()): Promise<number> {
  const stale = await db
    .update(importJobs)
    .set({ status: "failed", phase: "done", message: "取り込みが中断されました（サーバーの再起動など）。何も登録されていません。もう一度取り込んでください。", finishedAt: now, updatedAt: now })
    .where(and(eq(importJobs.status, "running"), lt(importJobs.updatedAt, new Date(now.getTime() - STALE_IMPORT_MS))))
    .returning({ id: importJobs.id });
  for (const job of stale) await dropStageTable(db, job.id);
  return stale.length;
}

export async function createImportJob(db: Db, actor: Actor, kind: ImportKind, fileName: string): Promise<number> {
  await abandonStaleImports(db);
  const [job] = await db
    .insert(importJobs)
    .values({ kind, staffId: actor.kind === "staff" ? actor.staffId : null, fileName: fileName.slice(0, 200) })
    .returning({ id: importJobs.id });
  return job!.id;
}

export async function recordJobProgress(db: Db, jobId: number, progress: ImportProgress): Promise<void> {
  await db
    .update(importJobs)
    .set({ phase: progress.phase, linesRead: progress.lines, bytesRead: progress.bytes, updatedAt: new Date() })
    .where(eq(importJobs.id, jobId));
}

export async function finishImportJob(
  db: Db,
  jobId: number,
  outcome: { status: "succeeded" | "rejected" | "failed"; lines: number; rowsImported: number; badLines: number; message: string },
): Promise<void> {
  const now = new Date();
  await db
    .update(importJobs)
    .set({ status: outcome.status, phase: "done", linesRead: outcome.lines, rowsImported: outcome.rowsImported, badLines: outcome.badLines, message: outcome.message, finishedAt: now, updatedAt: now })
    .where(eq(importJobs.id, jobId));
}

export async function getImportJob(db: Db, jobId: number) {
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
  return job ?? null;
}

/** Who may read a job and its report: the staff member who ran it, or an admin. */
export function mayReadJob(actor: Actor, job: { staffId: number | null }): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "staff") return false;
  return actor.role === "admin" || job.staffId === actor.staffId;
}

/** The first problems of a job in file order (shown at once; the report has them all). */
export async function firstProblems(db: Db, jobId: number, limit: number): Promise<ImportProblem[]> {
  return db
    .select({ line: importProblems.line, column: importProblems.column, reason: importProblems.reason })
    .from(importProblems)
    .where(eq(importProblems.jobId, jobId))
    .orderBy(asc(importProblems.line), asc(importProblems.id))
    .limit(limit);
}

const REPORT_PAGE = 5000;

/**
 * The report as CSV lines (UTF-8 with BOM for Excel): 行, 列, 内容. Read by keyset pages, so a
 * report of a million lines streams in bounded memory. Cells are quoted and formulas neutralised.
 */
export async function* importReportCsv(db: Db, jobId: number): AsyncGenerator<string> {
  const quote = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
  yield "\uFEFF行,列,内容\r\n";
  let after = { line: 0, id: 0 };
  for (;;) {
    const page = await db
      .select({ id: importProblems.id, line: importProblems.line, column: importProblems.column, reason: importProblems.reason })
      .from(importProblems)
      .where(
        and(
          eq(importProblems.jobId, jobId),
          or(gt(importProblems.line, after.line), and(eq(importProblems.line, after.line), gt(importProblems.id, after.id))),
        ),
      )
      .orderBy(asc(importProblems.line), asc(importProblems.id))
      .limit(REPORT_PAGE);
    if (page.length === 0) return;
    yield page.map((p) => `${p.line},${quote(p.column)},${quote(p.reason)}\r\n`).join("");
    const last = page[page.length - 1]!;
    after = { line: last.line, id: last.id };
    if (page.length < REPORT_PAGE) return;
  }
}

/** The staging table of a voucher import (dropped when it ends, or by abandonStaleImports after a crash). */
export function stageTableName(jobId: number): string {
  return `import_stage_${jobId}`;
}

export async function dropStageTable(db: Db, jobId: number): Promise<void> {
  await db.execute(sql.raw(`drop table if exists "${stageTableName(jobId)}"`));
}
