"use server";
// 一括予約: preview who fits where, then book all that fit (one transaction per slot).
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseForm, staffAction, type ActionState } from "@/lib/auth/staff-action";
import { commitBulkPlan, type BulkResultRow } from "@/lib/bulk/commit-bulk";
import { parseBulkList, type BulkLineProblem } from "@/lib/bulk/parse-bulk-list";
import { planBulkBooking, type BulkPlanRow } from "@/lib/bulk/plan-bulk";
import { bulkResultCsv } from "@/lib/bulk/result-csv";
import { CsvEncodingError, decodeCsvBytes } from "@/lib/import/decode";

const MAX_FILE_BYTES = 1024 * 1024;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日付を選んでください。");
const bulkForm = z.object({
  venueId: z.coerce.number({ message: "会場を選んでください。" }).int().positive("会場を選んでください。"),
  from: isoDate,
  to: isoDate,
  list: z.string().max(200_000, "名簿が長すぎます。").optional(),
});

export interface BulkPreviewData {
  venueName: string;
  rows: BulkPlanRow[];
  problems: BulkLineProblem[];
  fits: number;
  refused: number;
}
export interface BulkCommitData {
  venueName: string;
  rows: BulkResultRow[];
  booked: number;
  refused: number;
  csv: string;
}

/** The list from the uploaded file when one was chosen, otherwise from the text area. */
async function listText(form: FormData): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) return { ok: false, message: "ファイルが大きすぎます（1MBまで）。名簿を分けてください。" };
    try {
      return { ok: true, text: decodeCsvBytes(new Uint8Array(await file.arrayBuffer())) };
    } catch (e) {
      if (e instanceof CsvEncodingError) return { ok: false, message: e.message };
      throw e;
    }
  }
  return { ok: true, text: String(form.get("list") ?? "") };
}

async function plan(staff: Parameters<typeof planBulkBooking>[1], form: FormData) {
  const fields = new FormData();
  for (const k of ["venueId", "from", "to"]) fields.set(k, String(form.get(k) ?? ""));
  const parsed = parseForm(bulkForm, fields);
  if (!parsed.ok) return { ok: false as const, state: parsed.state };
  const text = await listText(form);
  if (!text.ok) return { ok: false as const, state: { ok: false as const, message: text.message, fieldErrors: { list: text.message } } };
  const list = parseBulkList(text.text);
  const result = await planBulkBooking(await getDb(), staff, { ...parsed.data, entries: list.entries });
  if (!result.ok) return { ok: false as const, state: { ok: false as const, code: result.code, message: result.reason } };
  return { ok: true as const, plan: result, problems: list.problems };
}

export async function previewBulkAction(_prev: ActionState<BulkPreviewData> | null, form: FormData): Promise<ActionState<BulkPreviewData>> {
  return staffAction<BulkPreviewData>("booking.bulk", async (staff) => {
    const p = await plan(staff, form);
    if (!p.ok) return p.state;
    return {
      ok: true,
      venueName: p.plan.venueName,
      rows: p.plan.rows,
      problems: p.problems,
      fits: p.plan.fits,
      refused: p.plan.refused,
      message:
        p.problems.length > 0
          ? `名簿に読めない行が${p.problems.length}行あります。直してから予約してください。`
          : `予約できる方 ${p.plan.fits}人、予約できない方 ${p.plan.refused}人です。内容を確かめて「予約する」を押してください。`,
    };
  });
}

export async function commitBulkAction(_prev: ActionState<BulkCommitData> | null, form: FormData): Promise<ActionState<BulkCommitData>> {
  return staffAction<BulkCommitData>("booking.bulk", async (staff) => {
    const p = await plan(staff, form);
    if (!p.ok) return p.state;
    if (p.problems.length > 0) {
      return { ok: false, code: "bad_lines", message: `名簿に読めない行が${p.problems.length}行あります。直してから予約してください。` };
    }
    if (p.plan.fits === 0) return { ok: false, code: "nothing_fits", message: "予約できる方がいません。" };
    const result = await commitBulkPlan(await getDb(), staff, p.plan);
    if (!result.ok) return { ok: false, code: result.code, message: result.reason };
    return {
      ok: true,
      venueName: result.venueName,
      rows: result.rows,
      booked: result.booked,
      refused: result.refused,
      csv: bulkResultCsv(result.venueName, result.rows),
      message: `${result.booked}人を予約しました。予約できなかった方は${result.refused}人です。`,
    };
  });
}
