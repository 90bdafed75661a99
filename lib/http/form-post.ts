// Route handlers that answer a form's script in JSON, beside the server action that serves the
// same form without JavaScript (login, 確定): what they share.
import { NextResponse, type NextRequest } from "next/server";
import { admissionConfig } from "@/lib/admission/config";
import { holdsPass } from "@/lib/admission/room";
import { configuredAuthSecret } from "@/lib/auth/secret";

/** As Next checks for its server actions: a page of another site must not post here. */
function sameOrigin(request: NextRequest): boolean {
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

/**
 * Why a form's JSON route will not take this post: another site's page (403), or no waiting-room
 * pass (the proxy does not see these routes; the form then falls back to its action, which the
 * proxy sends to the waiting room). null when the post may go on.
 */
export function refusePost(request: NextRequest): NextResponse | null {
  if (!sameOrigin(request)) return jsonAnswer({ error: "forbidden" }, 403);
  if (!holdsPass(request, admissionConfig(), configuredAuthSecret())) return jsonAnswer({ error: "waiting_room" }, 403);
  return null;
}
