// What the official account says: the menu (shared by the rich menu, the welcome message and
// the postback replies) and the message builders, kept within LINE's limits.
import type { messagingApi } from "@line/bot-sdk";
import type { MunicipalitySettings } from "@/lib/booking/context";
import { chat as chatJa } from "@/lib/i18n/messages/ja/chat";
import { residentLink, type LineConfig } from "./config";

/** LINE's limits: 5 messages per reply or push, 5000 characters per text, 13 quick replies, 20-character labels. */
export const MAX_MESSAGES = 5;
export const MAX_TEXT_LENGTH = 5000;
const MAX_QUICK_REPLIES = 13;
const MAX_LABEL = 20;
const MAX_BUTTONS_TEXT = 160;
const MAX_ALT_TEXT = 400;

/** The rich menu's four items, left to right; the postback data is what the webhook receives. */
export const MENU_ITEMS = [
  { key: "book", label: "予約する", data: "menu=book" },
  { key: "reservations", label: "予約の確認・キャンセル", data: "menu=reservations" },
  { key: "faq", label: "よくある質問", data: "menu=faq" },
  { key: "contact", label: "問い合わせ", data: "menu=contact" },
] as const;
export type MenuKey = (typeof MENU_ITEMS)[number]["key"];

export function menuKeyOf(data: string): MenuKey | null {
  const value = new URLSearchParams(data).get("menu");
  return MENU_ITEMS.find((item) => item.key === value)?.key ?? null;
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function textMessage(text: string, quickReply?: messagingApi.QuickReply): messagingApi.TextMessage {
  return { type: "text", text: cut(text, MAX_TEXT_LENGTH), ...(quickReply ? { quickReply } : {}) };
}

/** At most five messages per reply or push (LINE refuses the whole request otherwise). */
export function withinLimits(messages: messagingApi.Message[]): messagingApi.Message[] {
  return messages.slice(0, MAX_MESSAGES);
}

/** The menu as quick-reply buttons under a message (postbacks, answered like the rich menu's). */
export function menuQuickReply(): messagingApi.QuickReply {
  return {
    items: MENU_ITEMS.slice(0, MAX_QUICK_REPLIES).map((item) => ({
      type: "action",
      action: { type: "postback", label: cut(item.label, MAX_LABEL), data: item.data, displayText: item.label },
    })),
  };
}

function linkButton(text: string, label: string, uri: string | null): messagingApi.Message {
  if (!uri) return textMessage(text, menuQuickReply());
  return {
    type: "template",
    altText: cut(`${text} ${uri}`, MAX_ALT_TEXT),
    template: { type: "buttons", text: cut(text, MAX_BUTTONS_TEXT), actions: [{ type: "uri", label: cut(label, MAX_LABEL), uri }] },
    quickReply: menuQuickReply(),
  };
}

export function callCenterText(settings: Pick<MunicipalitySettings, "name" | "callCenterPhone" | "callCenterHours">): string {
  const phone = settings.callCenterPhone.trim();
  const hours = settings.callCenterHours.trim();
  if (!phone) return `${settings.name}のワクチン接種コールセンターにお問い合わせください。`;
  return `${settings.name} ワクチン接種コールセンター\n電話 ${phone}${hours ? `\n受付 ${hours}` : ""}`;
}

export function welcomeMessages(settings: Pick<MunicipalitySettings, "name">): messagingApi.Message[] {
  return [
    textMessage(
      `友だち追加ありがとうございます。${settings.name}のワクチン接種予約の公式アカウントです。\n` +
        "画面下のメニューから、接種の予約、予約の確認・キャンセル、よくある質問をご利用いただけます。" +
        "ご質問は文字で送っていただければ、24時間自動でお答えします。",
    ),
    textMessage("ご用件をお選びください。", menuQuickReply()),
  ];
}

export function menuReply(
  key: MenuKey,
  config: LineConfig,
  settings: Pick<MunicipalitySettings, "name" | "callCenterPhone" | "callCenterHours">,
): messagingApi.Message[] {
  switch (key) {
    case "book":
      return [
        linkButton(
          "接種の予約は次のページからどうぞ。初めての方は接種券番号と生年月日で一度ログインすると、LINEと連携され、次回からはログインが不要になります。",
          "予約する",
          residentLink(config, "/book", "/slots"),
        ),
      ];
    case "reservations":
      return [linkButton("予約の確認・変更・キャンセルは次のページからどうぞ。", "予約を確認する", residentLink(config, "/reservations", "/mypage"))];
    case "faq":
      return [
        textMessage(
          "接種や予約についてのご質問を文字で送ってください。24時間自動でお答えします。\n例: 「予約をキャンセルしたい」「当日の持ち物は？」\n接種券番号などの個人情報は送らないでください。",
          {
            items: chatJa.suggested.slice(0, MAX_QUICK_REPLIES).map((question) => ({
              type: "action",
              action: { type: "message", label: cut(question, MAX_LABEL), text: question },
            })),
          },
        ),
      ];
    case "contact":
      return [textMessage(`お電話でのお問い合わせ・ご予約はこちらです。\n${callCenterText(settings)}`, menuQuickReply())];
  }
}
