// POST /api/line/webhook's work: the x-line-signature checked on the raw body before anything
// else, then each event once (webhookEventId claimed first: LINE redelivers after timeouts),
// and a reply within LINE's limits. Only one-to-one chats are answered.
import { validateSignature, type messagingApi, type webhook } from "@line/bot-sdk";
import { eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { lineWebhookEvents } from "@/db/schema";
import { loadSettings, NotInitializedError, type MunicipalitySettings } from "@/lib/booking/context";
import { answerQuestion, MAX_MESSAGE_LENGTH } from "@/lib/chatbot/answer";
import { CHATBOT_RATE_RULE, takeRateLimit } from "@/lib/chatbot/rate-limit";
import { messagingClient } from "./client";
import type { LineConfig } from "./config";
import { setFollowing } from "./links";
import { menuKeyOf, menuQuickReply, menuReply, textMessage, welcomeMessages, withinLimits } from "./messages";

export type WebhookOutcome = { status: 200 | 400 | 401 | 503; body: Record<string, unknown> };

/** How long handled event ids are kept: LINE redelivers for about a day at most. */
const SEEN_EVENTS_DAYS = 7;
const PURGE_EVERY_MS = 60 * 60_000;
let lastPurge = 0;

type Settings = Pick<MunicipalitySettings, "name" | "callCenterPhone" | "callCenterHours">;

async function settingsFor(db: Db): Promise<Settings> {
  try {
    return await loadSettings(db);
  } catch (e) {
    if (e instanceof NotInitializedError) return { name: "", callCenterPhone: "", callCenterHours: "" };
    throw e;
  }
}

export async function handleLineWebhook(
  db: Db,
  config: LineConfig,
  request: { rawBody: string; signature: string | null; now?: Date },
): Promise<WebhookOutcome> {
  if (!config.channelSecret || !config.channelAccessToken) {
    return { status: 503, body: { error: "not_configured", message: "LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN are not set" } };
  }
  if (!request.signature || !validateSignature(request.rawBody, config.channelSecret, request.signature)) {
    return { status: 401, body: { error: "invalid_signature" } };
  }
  let payload: webhook.CallbackRequest;
  try {
    payload = JSON.parse(request.rawBody) as webhook.CallbackRequest;
  } catch {
    return { status: 400, body: { error: "invalid_json" } };
  }
  const events = Array.isArray(payload?.events) ? payload.events : [];
  const now = request.now ?? new Date();
  // The webhook URL check in the LINE console sends no events: answer 200.
  let handled = 0;
  for (const event of events) {
    if (await handleOnce(db, config, event, now)) handled++;
  }
  if (now.getTime() - lastPurge > PURGE_EVERY_MS) {
    lastPurge = now.getTime();
    await db.delete(lineWebhookEvents).where(lt(lineWebhookEvents.receivedAt, new Date(now.getTime() - SEEN_EVENTS_DAYS * 86_400_000)));
  }
  return { status: 200, body: { ok: true, handled } };
}

/** Claims the event id, handles the event, and gives the claim back if handling failed (so a redelivery retries it). */
async function handleOnce(db: Db, config: LineConfig, event: webhook.Event, now: Date): Promise<boolean> {
  // standby: another channel (e.g. a chat module) is in charge of this chat.
  if (event.mode === "standby") return false;
  const eventId = typeof event.webhookEventId === "string" && event.webhookEventId ? event.webhookEventId : null;
  if (eventId) {
    const claimed = await db.insert(lineWebhookEvents).values({ webhookEventId: eventId, receivedAt: now }).onConflictDoNothing().returning();
    if (claimed.length === 0) return false;
  }
  try {
    await handleEvent(db, config, event, now);
    return true;
  } catch (e) {
    if (eventId) await db.delete(lineWebhookEvents).where(eq(lineWebhookEvents.webhookEventId, eventId));
    throw e;
  }
}

async function handleEvent(db: Db, config: LineConfig, event: webhook.Event, now: Date): Promise<void> {
  const userId = event.source?.type === "user" ? (event.source as webhook.UserSource).userId ?? null : null;
  if (!userId) return;
  switch (event.type) {
    case "follow": {
      await setFollowing(db, userId, true);
      await reply(config, event.replyToken, welcomeMessages(await settingsFor(db)));
      return;
    }
    case "unfollow": {
      await setFollowing(db, userId, false);
      return;
    }
    case "postback": {
      const key = menuKeyOf(event.postback?.data ?? "");
      const messages = key
        ? menuReply(key, config, await settingsFor(db))
        : [textMessage("ご用件をお選びください。", menuQuickReply())];
      await reply(config, event.replyToken, messages);
      return;
    }
    case "message": {
      if (event.message.type !== "text") {
        await reply(config, event.replyToken, [textMessage("ご質問は文字で送ってください。メニューからもお選びいただけます。", menuQuickReply())]);
        return;
      }
      const text = (event.message as webhook.TextMessageContent).text.trim();
      if (!text) return;
      const limit = await takeRateLimit(db, `line:${userId}`, CHATBOT_RATE_RULE, now);
      if (!limit.ok) {
        await reply(config, event.replyToken, [textMessage("ご質問が続いたため、少し時間をおいてから送ってください。")]);
        return;
      }
      const answer = await answerQuestion(db, text.slice(0, MAX_MESSAGE_LENGTH), { channel: "line", now });
      await reply(config, event.replyToken, [textMessage(answer.answer, menuQuickReply())]);
      return;
    }
    default:
      return;
  }
}

/**
 * Replies once with the event's reply token. A refused reply (an expired token on a late
 * redelivery, LINE trouble) is logged without the message and not retried: the event's own
 * change (follow state) is already saved.
 */
async function reply(config: LineConfig, replyToken: string | undefined, messages: messagingApi.Message[]): Promise<void> {
  if (!replyToken) return;
  try {
    await messagingClient(config).replyMessage({ replyToken, messages: withinLimits(messages) });
  } catch (e) {
    const status = (e as { status?: unknown }).status;
    console.error("[line] reply not sent", typeof status === "number" ? status : e instanceof Error ? e.message : e);
  }
}
