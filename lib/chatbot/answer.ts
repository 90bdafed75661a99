// The chatbot's one service: a resident's message → the best FAQ answer, or, when it is not
// sure, a hand-off to the call center (number and hours from the municipality settings).
// Used by POST /api/chatbot and the LINE webhook alike.
import type { Db } from "@/db/client";
import { loadSettings, NotInitializedError, type MunicipalitySettings } from "@/lib/booking/context";
import { HANDOFF_THRESHOLD, REVIEW_THRESHOLD } from "./faq-index";
import { loadFaqIndex } from "./faq-store";
import { isEnglish } from "./normalize";
import { logUnanswered } from "./unanswered";

/** The longest message answered (the chat widget's input allows the same). */
export const MAX_MESSAGE_LENGTH = 500;

export interface ChatbotReply {
  answer: string;
  faqId: string | null;
  /** 0..1 */
  confidence: number;
  handoff: boolean;
}

export type ChatChannel = "web" | "line";

/** The hand-off text, in the language the resident wrote in. */
export function handoffAnswer(settings: Pick<MunicipalitySettings, "callCenterPhone" | "callCenterHours"> | null, english: boolean): string {
  const phone = settings?.callCenterPhone.trim() ?? "";
  const hours = settings?.callCenterHours.trim() ?? "";
  if (english) {
    if (!phone) return "Sorry, I could not find an answer to that. Please contact the city's vaccination call center.";
    return `Sorry, I could not find an answer to that. Please call the call center: ${phone}${hours ? ` (hours: ${hours})` : ""}.`;
  }
  if (!phone) return "お答えできる内容が見つかりませんでした。市のワクチン接種コールセンターにお問い合わせください。";
  return `お答えできる内容が見つかりませんでした。コールセンター（電話 ${phone}${hours ? `、受付 ${hours}` : ""}）にお問い合わせください。`;
}

async function settingsOrNull(db: Db): Promise<MunicipalitySettings | null> {
  try {
    return await loadSettings(db);
  } catch (e) {
    if (e instanceof NotInitializedError) return null;
    throw e;
  }
}

/**
 * Answers `message` (at most MAX_MESSAGE_LENGTH characters; callers validate). Hand-offs and
 * low-confidence answers are logged for the admin, without personal data; a failure to log
 * never costs the resident the answer.
 */
export async function answerQuestion(db: Db, message: string, options: { channel: ChatChannel; now?: Date }): Promise<ChatbotReply> {
  const now = options.now ?? new Date();
  const index = await loadFaqIndex(db, now.getTime());
  const { ranked, confidence } = index.search(message.slice(0, MAX_MESSAGE_LENGTH));
  const english = isEnglish(message);
  const best = ranked[0] ? index.entry(ranked[0].id) : undefined;
  const handoff = !best || confidence < HANDOFF_THRESHOLD;

  if (handoff || confidence < REVIEW_THRESHOLD) {
    try {
      await logUnanswered(db, { message, channel: options.channel, bestFaqId: best?.id ?? null, confidence, handedOff: handoff }, now);
    } catch (e) {
      console.error("[chatbot] could not log an unanswered question", e);
    }
  }
  if (handoff) return { answer: handoffAnswer(await settingsOrNull(db), english), faqId: null, confidence, handoff: true };
  return { answer: english && best.answerEn ? best.answerEn : best.answer, faqId: best.id, confidence, handoff: false };
}
