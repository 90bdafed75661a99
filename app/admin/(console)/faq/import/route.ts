// POST /admin/faq/import (multipart: file, keepMissing): the FAQ CSV upload. A route handler
// rather than a server action because server actions take at most 1 MB and a FAQ file may be 5 MB.
// All or nothing: any bad line and nothing is written; the answer lists every bad line.
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { StaffAuthError, requireStaff } from "@/lib/auth/require-staff";
import { importFaqFile } from "@/lib/chatbot/faq-admin";
import { FAQ_LIMITS, type CsvProblem } from "@/lib/chatbot/faq-csv";

export const dynamic = "force-dynamic";

interface FaqImportResponse {
  ok: boolean;
  message: string;
  problems?: CsvProblem[];
}

function reply(status: number, body: FaqImportResponse) {
  return NextResponse.json(body, { status });
}

export async function POST(request: Request): Promise<NextResponse> {
  try {
    const staff = await requireStaff("settings");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return reply(400, { ok: false, message: "ファイルを選んでから「取り込む」を押してください。" });
    }
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) return reply(400, { ok: false, message: "CSVファイルを選んでください。" });
    if (file.size > FAQ_LIMITS.fileSize) return reply(413, { ok: false, message: `ファイルが大きすぎます（${FAQ_LIMITS.fileSize / 1024 / 1024}MBまで）。` });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await importFaqFile(await getDb(), staff, bytes, { keepMissing: form.get("keepMissing") === "true" });
    if (!result.ok) {
      if (result.code === "forbidden") return reply(403, { ok: false, message: result.reason });
      return reply(422, { ok: false, message: result.reason, problems: (result.details as CsvProblem[] | undefined) ?? [] });
    }
    return reply(200, {
      ok: true,
      message: `FAQを${result.imported}件取り込みました（変更・追加 ${result.changed}件、削除 ${result.removed}件）。チャットボットはすぐにこの内容で答えます。`,
    });
  } catch (e) {
    if (e instanceof StaffAuthError) return reply(e.code === "unauthenticated" ? 401 : 403, { ok: false, message: e.message });
    const requestId = Math.random().toString(36).slice(2, 10);
    console.error(`[faq-import ${requestId}]`, e);
    return reply(500, { ok: false, message: `取り込み中にエラーが発生しました（受付番号 ${requestId}）。何も変更していません。` });
  }
}
