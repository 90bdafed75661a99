// GET /api/admin/import/jobs/<id>: an import's progress and outcome (for polling when the
// streamed answer of the upload was lost). Only the staff member who ran it, or an admin.
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { StaffAuthError, requireStaff } from "@/lib/auth/require-staff";
import { getImportJob, mayReadJob } from "@/lib/import/jobs";

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
  const jobId = Number((await params).jobId);
  const job = Number.isSafeInteger(jobId) && jobId > 0 ? await getImportJob(await getDb(), jobId) : null;
  if (!job || !mayReadJob(staff, job)) return NextResponse.json({ code: "not_found", message: "取り込みの記録が見つかりません。" }, { status: 404 });
  const { id, kind, status, phase, linesRead, bytesRead, rowsImported, badLines, message, startedAt, finishedAt } = job;
  return NextResponse.json(
    { id, kind, status, phase, linesRead, bytesRead, rowsImported, badLines, message, startedAt, finishedAt },
    { headers: { "Cache-Control": "no-store" } },
  );
}
