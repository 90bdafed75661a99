// GET /admin/faq/export: the whole FAQ as CSV (UTF-8 with BOM, formulas neutralised), to edit in
// Excel and upload again.
import { getDb } from "@/db/client";
import { StaffAuthError, requireStaff } from "@/lib/auth/require-staff";
import { exportFaqCsv } from "@/lib/chatbot/faq-store";
import { tokyoDate } from "@/lib/domain/dates";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await requireStaff("settings");
  } catch (e) {
    if (e instanceof StaffAuthError) return new Response(e.message, { status: e.code === "unauthenticated" ? 401 : 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw e;
  }
  const csv = await exportFaqCsv(await getDb());
  const name = `faq-${tokyoDate(new Date())}.csv`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
