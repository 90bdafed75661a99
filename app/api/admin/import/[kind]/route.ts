// POST /api/admin/import/<vouchers|venues|accounts|slots>: the console's CSV upload. The body is
// the file itself (not multipart), read as a stream so a million-line voucher file never sits
// in memory; the answer is NDJSON, one event per line, while the import runs:
//   {"type":"progress","phase":"reading","lines":50000,"bytes":2000000}
//   {"type":"result","outcome":{…ImportOutcome}}      (or {"type":"error","message":…})
// Outside /admin on purpose: Next buffers (and cuts at 10 MB) the body of any request its proxy
// (proxy.ts) runs on. requireStaff is the guard, as in every console action.
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { StaffAuthError, requireStaff } from "@/lib/auth/require-staff";
import { IMPORT_PERMISSION, runImport } from "@/lib/import/run-import";
import { isImportKind, type ImportEvent } from "@/lib/import/types";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Largest upload accepted (a million vouchers are about 40 MB). */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

function problem(status: number, code: string, message: string) {
  return NextResponse.json({ code, message }, { status, headers: { "Cache-Control": "no-store" } });
}

/** The body's chunks, stopping with an error past the size limit. */
async function* chunksOf(body: ReadableStream<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > limit) throw new UploadTooLargeError();
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

class UploadTooLargeError extends Error {}

export async function POST(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (!isImportKind(kind)) return problem(404, "not_found", "取り込めるのは 接種券・会場・アカウント・予約枠 のCSVです。");
  let staff;
  try {
    staff = await requireStaff(IMPORT_PERMISSION[kind]);
  } catch (e) {
    if (e instanceof StaffAuthError) return problem(e.code === "unauthenticated" ? 401 : 403, e.code, e.message);
    throw e;
  }
  // A page of another site cannot post here with the staff cookie (SameSite=Lax), and must not try.
  const origin = request.headers.get("origin");
  if (origin && new URL(origin).host !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))) {
    return problem(403, "forbidden", "この画面からは取り込めません。");
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_UPLOAD_BYTES) return problem(413, "too_large", `ファイルが大きすぎます（${MAX_UPLOAD_BYTES / 1024 / 1024}MBまで）。ファイルを分けてください。`);
  if (!request.body) return problem(400, "empty", "ファイルを選んでください。");
  let fileName = "";
  try {
    fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  } catch {
    fileName = "";
  }
  const body = request.body;
  const db = await getDb();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ImportEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        const outcome = await runImport(db, staff, kind, chunksOf(body, MAX_UPLOAD_BYTES), {
          fileName,
          onProgress: (progress) => send({ type: "progress", ...progress }),
        });
        send({ type: "result", outcome });
      } catch (e) {
        if (e instanceof UploadTooLargeError) {
          send({ type: "error", message: `ファイルが大きすぎます（${MAX_UPLOAD_BYTES / 1024 / 1024}MBまで）。何も登録していません。` });
        } else {
          const requestId = randomUUID().slice(0, 8);
          console.error(`[import ${requestId}]`, e);
          send({ type: "error", message: `取り込み中にエラーが発生しました（受付番号 ${requestId}）。何も登録していません。もう一度お試しください。` });
        }
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
