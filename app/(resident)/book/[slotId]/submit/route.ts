// The booking form's script posts both steps here and gets the form's next state in JSON
// (./booking-step.ts): the review with its one-time key, a refusal, or where the reservation is.
// Confirming is the costliest request of a booking rush; a route handler answers it without a
// server action's handling around it (docs/rush.md). Signed out, or on an unexpected error, the
// answer is not JSON and the form falls back to the server action, which shows the login page or
// app/error.tsx as for a form posted without JavaScript.
import { NextResponse, type NextRequest } from "next/server";
import { jsonAnswer, postedForm, refusePost } from "@/lib/http/form-post";
import { currentResident } from "@/lib/resident/session";
import { bookingFormStep } from "../booking-step";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  const refused = refusePost(request);
  if (refused) return refused;
  const session = await currentResident();
  if (!session) return jsonAnswer({ error: "signed_out" }, 401);
  const form = await postedForm(request);
  try {
    return jsonAnswer(await bookingFormStep(session, form));
  } catch (e) {
    console.error("[booking]", e);
    return jsonAnswer({ error: "unavailable" }, 503);
  }
}

/** Back from the waiting room (it returns a resident to the address they posted to): the booking page. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slotId: string }> }) {
  const { slotId } = await params;
  return NextResponse.redirect(new URL(`/book/${encodeURIComponent(slotId)}`, request.nextUrl.origin), 303);
}
