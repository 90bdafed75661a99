// Twilio's call status callback ("Call status changes"): a finished call's state is deleted.
import { getDb } from "@/db/client";
import { callStatusChanged } from "@/lib/ivr/flow";
import { twilioWebhook } from "@/lib/ivr/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function POST(request: Request) {
  return twilioWebhook(request, async (params) => {
    await callStatusChanged(await getDb(), params.CallSid, params.CallStatus, new Date());
    return new Response(null, { status: 204 });
  });
}
