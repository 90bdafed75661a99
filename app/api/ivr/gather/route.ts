// The keys a caller pressed at one step of the IVR (the <Gather> action and its no-input <Redirect>).
import { getDb } from "@/db/client";
import { continueCall } from "@/lib/ivr/flow";
import { callInput, twilioWebhook, twimlResponse } from "@/lib/ivr/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function POST(request: Request) {
  const step = new URL(request.url).searchParams.get("step");
  return twilioWebhook(request, async (params, config) =>
    twimlResponse(await continueCall(await getDb(), config, callInput(params), step, new Date())),
  );
}
