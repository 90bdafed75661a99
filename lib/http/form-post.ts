// Route handlers that answer a form's script in JSON, beside the server action that serves the
// same form without JavaScript (login, 確定): what they share.
import { NextResponse, type NextRequest } from "next/server";

/** As Next checks for its server actions: a page of another site must not post here. */
export function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return false;
  }
}

/** The posted form; a body that is not a form reads as an empty one (each field then gets its own message). */
export async function postedForm(request: NextRequest): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

/** A JSON answer no cache keeps. */
export function jsonAnswer(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
