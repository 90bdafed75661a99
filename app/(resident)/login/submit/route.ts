// The login form's script posts here and gets JSON: { redirect } after a login, or the refusal
// to show. A server action that logs in would answer with a page rendered into its response: the
// session cookie makes Next re-render, and redirect() renders the target through a second HTTP
// request to this same server. Under a booking rush login is among the costliest requests; here it
// costs the login alone, and the browser fetches My page as any navigation (docs/rush.md).
import { NextResponse, type NextRequest } from "next/server";
import { jsonAnswer, postedForm, refusePost } from "@/lib/http/form-post";
import { AFTER_LOGIN, attemptLogin } from "../login";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  const refused = refusePost(request);
  if (refused) return refused;
  const form = await postedForm(request);
  try {
    const refused = await attemptLogin(form);
    return jsonAnswer(refused ?? { redirect: AFTER_LOGIN });
  } catch (e) {
    // The form falls back to the server action, which shows app/error.tsx (「ただいまご利用いただけません」).
    console.error("[login]", e);
    return jsonAnswer({ error: "unavailable" }, 503);
  }
}

/** Back from the waiting room (it returns a resident to the address they posted to): the login page. */
export function GET(request: NextRequest) {
  return NextResponse.redirect(new URL("/login", request.nextUrl.origin), 303);
}
