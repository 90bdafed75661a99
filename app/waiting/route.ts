// The waiting room's own address (順番待ち): where its page checks again by itself, and where the
// proxy sends a form's POST that arrives without a pass. Let in: a 303 back to where the resident
// was going. The answer itself is lib/admission/room.ts, which the proxy also gives in place of a
// page.
import { NextResponse, type NextRequest } from "next/server";
import { admissionConfig } from "@/lib/admission/config";
import { holdsPass, waitingRoom } from "@/lib/admission/room";
import { authSecret } from "@/lib/auth/secret";
import { safeNext } from "@/lib/http/safe-next";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const next = safeNext(request.nextUrl.searchParams.get("next"));
  const secret = authSecret();
  const goBack = () => NextResponse.redirect(new URL(next, request.nextUrl.origin), 303);
  const config = admissionConfig();
  if (holdsPass(request, config, secret)) return goBack();
  return waitingRoom(request, config, secret, next, goBack);
}
