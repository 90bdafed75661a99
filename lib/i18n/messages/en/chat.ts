import type { chat as ja } from "../ja/chat";

export const chat: typeof ja = {
  open: "Ask a question (chat)",
  title: "Frequently asked questions (chat)",
  close: "Close",
  intro: "Type your question about vaccination or booking. Answers are available 24 hours. Please do not type personal information such as your voucher or phone number.",
  suggestions: "Common questions",
  suggested: ["I want to cancel my booking", "My voucher has not arrived", "What should I bring?", "I am worried about side effects"],
  inputLabel: "Your question",
  send: "Send",
  sending: "Looking for an answer…",
  you: "You",
  bot: "Guide",
  error: "No answer is available right now. Please try again later or contact the call center.",
  tooMany: "Too many questions in a row. Please wait a moment and try again.",
  empty: "Please type a question.",
};
