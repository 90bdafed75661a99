// The LIFF entry in the browser with @line/liff-mock: @line/liff loads, initialises in mock
// mode, and the mock's ID token goes to POST /api/line/liff-session (window.fetch answers as
// the route would); a refusal is shown as an alert with the server's words.
import { render, screen, waitFor } from "@testing-library/react";
import { LiffEntry } from "@/app/liff/liff-entry";

type Reply = { status: number; body?: unknown };
function answering(reply: Reply) {
  const sent: { url: string; body: unknown }[] = [];
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init?.body)) });
    return { ok: reply.status >= 200 && reply.status < 300, status: reply.status, json: async () => reply.body ?? {} };
  }) as unknown as typeof fetch;
  return sent;
}

describe("LIFF entry (liff-mock)", () => {
  afterEach(() => window.localStorage.clear());

  it("sends the mock's ID token and the destination to the server", async () => {
    window.localStorage.setItem("liffMockIdToken", "fake.Uabc");
    const sent = answering({ status: 200, body: { next: "/liff/link?to=book", linked: 0 } });
    render(<LiffEntry liffId="1657000000-AbCdEfGh" mock to="book" />);
    expect(screen.getByRole("status")).toHaveTextContent("LINEの情報を確認しています");
    // jsdom cannot follow the page's location.replace(next) and says so on the console.
    const quiet = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toEqual({ url: "/api/line/liff-session", body: { idToken: "fake.Uabc", to: "book" } });
      await waitFor(() => expect(quiet).toHaveBeenCalled());
    } finally {
      quiet.mockRestore();
    }
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows the server's refusal as an alert, with the web login as a way out", async () => {
    answering({ status: 401, body: { error: "invalid", message: "LINEでの本人確認ができませんでした。LINEアプリからもう一度開いてください。" } });
    render(<LiffEntry liffId="1657000000-AbCdEfGh" mock to="home" />);
    expect(await screen.findByRole("alert")).toHaveTextContent("LINEでの本人確認ができませんでした");
    expect(screen.getByRole("link", { name: "接種券番号でログイン" })).toHaveAttribute("href", "/login");
  });
});
