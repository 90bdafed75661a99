// POST /api/admin/export/vrs: the VRS CSV (管理者 only), streamed as it is read from the
// database. A POST, not a GET: the export marks doses as sent and is audit-logged, and the
// session cookie (SameSite=Lax) is not sent with a cross-site POST. Form fields: from, to
// (YYYY-MM-DD), venueId, encoding (utf8 | sjis), onlyPending (on).
import { getDb } from "@/db/client";
import { StaffAuthError, requireStaff } from "@/lib/auth/require-staff";
import { openVrsExport, type VrsEncoding } from "@/lib/export/vrs";

export const dynamic = "force-dynamic";

function backToForm(request: Request, message: string): Response {
  const url = new URL("/admin/export", request.url);
  url.searchParams.set("error", message);
  return Response.redirect(url, 303);
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

export async function POST(request: Request): Promise<Response> {
  let staff;
  try {
    staff = await requireStaff("export.vrs");
  } catch (e) {
    if (e instanceof StaffAuthError) {
      return new Response(e.message, { status: e.code === "unauthenticated" ? 401 : 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw e;
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return backToForm(request, "入力内容を読み取れませんでした。");
  }
  const venueText = field(form, "venueId");
  const venueId = venueText === "" ? null : Number(venueText);
  const encoding = (field(form, "encoding") || "utf8") as VrsEncoding;
  const opened = await openVrsExport(await getDb(), staff, {
    from: field(form, "from") || null,
    to: field(form, "to") || null,
    venueId: venueId !== null && Number.isInteger(venueId) ? venueId : venueId === null ? null : -1,
    onlyPending: field(form, "onlyPending") === "on",
    encoding,
  });
  if (!opened.ok) {
    if (opened.code === "forbidden") return new Response(opened.reason, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    return backToForm(request, opened.reason);
  }
  const iterator = opened.body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": `text/csv; charset=${encoding === "sjis" ? "Shift_JIS" : "utf-8"}`,
      "content-disposition": `attachment; filename="${opened.fileName}"`,
      "cache-control": "no-store",
    },
  });
}
