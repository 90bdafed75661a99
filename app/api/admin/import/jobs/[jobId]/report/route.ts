// GET /api/admin/import/jobs/<id>/report: every bad line of a refused import as CSV (行, 列, 内容;
// UTF-8 with BOM for Excel), streamed from the database page by page.
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { StaffAuthError, requireStaff } from "@/lib/auth/require-staff";
import { getImportJob, importReportCsv, mayReadJob } from "@/lib/import/jobs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  let staff;
  try {
    staff = await requireStaff();
  } catch (e) {
    if (e instanceof StaffAuthError) return NextResponse.json({ code: e.code, message: e.message }, { status: 401 });
    throw e;
  }
  const db = await getDb();
  const jobId = Number((await params).jobId);
  const job = Number.isSafeInteger(jobId) && jobId > 0 ? await getImportJob(db, jobId) : null;
  if (!job || !mayReadJob(staff, job)) return NextResponse.json({ code: "not_found", message: "取り込みの記録が見つかりません。" }, { status: 404 });
  const lines = importReportCsv(db, job.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-${job.kind}-${job.id}-errors.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
