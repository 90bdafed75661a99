// Twilio's Voice webhook ("A call comes in"): greets the caller and asks for the 接種券番号.
import { getDb } from "@/db/client";
import { startCall } from "@/lib/ivr/flow";
import { callInput, twilioWebhook, twimlResponse } from "@/lib/ivr/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function POST(request: Request) {
  return twilioWebhook(request, async (params, config) =>
    twimlResponse(await startCall(await getDb(), config, callInput(params), new Date())),
  );
}
