// The login form's script posts here and gets JSON: { redirect } after a login, or the refusal
// to show. A server action that logs in would answer with a page rendered into its response: the
// session cookie makes Next re-render, and redirect() renders the target through a second HTTP
// request to this same server. Under a booking rush login is among the costliest requests; here it
// costs the login alone, and the browser fetches My page as any navigation (docs/rush.md).
import { NextResponse, type NextRequest } from "next/server";
import { AFTER_LOGIN, attemptLogin } from "../login";

export const dynamic = "force-dynamic";

function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return false;
  }
}

export async function POST(request: NextRequest) {
  // As Next checks for its server actions: a page of another site must not log anyone in here.
  if (!sameOrigin(request)) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    form = new FormData();
  }
  try {
    const refused = await attemptLogin(form);
    return NextResponse.json(refused ?? { redirect: AFTER_LOGIN }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    // The form falls back to the server action, which shows app/error.tsx (「ただいまご利用いただけません」).
    console.error("[login]", e);
    return NextResponse.json({ error: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

/** Back from the waiting room (it returns a resident to the address they posted to): the login page. */
export function GET(request: NextRequest) {
  return NextResponse.redirect(new URL("/login", request.nextUrl.origin), 303);
}
