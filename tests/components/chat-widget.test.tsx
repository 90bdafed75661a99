import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ChatWidget } from "@/components/resident/chat-widget";
import { LocaleProvider } from "@/lib/i18n/client";

// The network is the boundary here: window.fetch answers as POST /api/chatbot would.
type Reply = { status: number; body?: unknown };
function answering(replies: Reply[]) {
  const sent: unknown[] = [];
  const fetchFn = jest.fn(async (_url: string, init?: RequestInit) => {
    sent.push(JSON.parse(String(init?.body)));
    const reply = replies.shift() ?? { status: 500 };
    // (jsdom has no Response class: the fields the widget reads)
    return { ok: reply.status >= 200 && reply.status < 300, status: reply.status, json: async () => reply.body ?? {} };
  });
  global.fetch = fetchFn as unknown as typeof fetch;
  return { sent, fetchFn };
}

beforeAll(() => {
  Element.prototype.scrollIntoView = () => {};
});

describe("chat widget", () => {
  it("opens from its button, asks a suggested question and shows the answer", async () => {
    const user = userEvent.setup();
    const { sent } = answering([{ status: 200, body: { answer: "マイページの「予約の確認・変更・キャンセル」からキャンセルできます。", faqId: "F05", confidence: 0.8, handoff: false } }]);
    render(<ChatWidget callCenterPhone="0120-000-000" />);
    const toggle = screen.getByRole("button", { name: "質問する（チャット）" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(screen.getByRole("region", { name: "よくある質問（チャット）" })).toBeInTheDocument();
    expect(screen.getByLabelText("質問")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "予約をキャンセルしたい" }));
    expect(await screen.findByText("マイページの「予約の確認・変更・キャンセル」からキャンセルできます。")).toBeInTheDocument();
    expect(sent).toEqual([{ message: "予約をキャンセルしたい" }]);
  });

  it("hands off with the call-center number, and says when it is asked too often", async () => {
    const user = userEvent.setup();
    answering([
      { status: 200, body: { answer: "お答えできる内容が見つかりませんでした。コールセンター（電話 0120-000-000、受付 毎日 9:00〜17:00）にお問い合わせください。", faqId: null, confidence: 0.1, handoff: true } },
      { status: 429 },
    ]);
    render(<ChatWidget callCenterPhone="0120-000-000" />);
    await user.click(screen.getByRole("button", { name: "質問する（チャット）" }));
    await user.type(screen.getByLabelText("質問"), "ペットの予防接種は？{Enter}");
    expect(await screen.findByText(/お答えできる内容が見つかりませんでした/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "0120-000-000" })).toHaveAttribute("href", "tel:0120000000");
    await user.type(screen.getByLabelText("質問"), "もう一度{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("少し時間をおいて");
  });

  it("refuses an empty question without calling the server, and closes with Escape back to its button", async () => {
    const user = userEvent.setup();
    const { fetchFn } = answering([]);
    render(<ChatWidget callCenterPhone="" />);
    await user.click(screen.getByRole("button", { name: "質問する（チャット）" }));
    await user.click(screen.getByRole("button", { name: "送信" }));
    expect(screen.getByRole("alert")).toHaveTextContent("質問を入力してください。");
    expect(fetchFn).not.toHaveBeenCalled();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("region")).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "質問する（チャット）" })).toHaveFocus();
  });

  it("speaks English when the resident chose English", async () => {
    const user = userEvent.setup();
    answering([]);
    render(
      <LocaleProvider locale="en">
        <ChatWidget callCenterPhone="" />
      </LocaleProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Ask a question (chat)" }));
    expect(screen.getByRole("button", { name: "My voucher has not arrived" })).toBeInTheDocument();
  });
});
