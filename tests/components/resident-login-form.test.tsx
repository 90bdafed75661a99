import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LoginForm, type LoginState } from "@/app/(resident)/login/login-form";

describe("resident login form", () => {
  it("has labelled fields, shows the 和暦 of the typed year, and shows a refusal in an alert", async () => {
    const user = userEvent.setup();
    const received: Record<string, string>[] = [];
    const action = async (_prev: LoginState, form: FormData): Promise<LoginState> => {
      received.push(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])));
      return { ok: false, message: "接種券番号または生年月日が正しくありません。" };
    };
    render(<LoginForm action={action} />);

    await user.type(screen.getByLabelText("接種券番号"), "１２３４５６７８９０");
    await user.type(screen.getByLabelText("年"), "1950");
    expect(screen.getByText("西暦1950年は昭和25年です")).toBeInTheDocument();
    await user.type(screen.getByLabelText("月"), "4");
    await user.type(screen.getByLabelText("日"), "1");
    await user.click(screen.getByRole("button", { name: "ログイン" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("接種券番号または生年月日が正しくありません。");
    expect(received).toEqual([{ voucherNumber: "１２３４５６７８９０", year: "1950", month: "4", day: "1" }]);
    // What was typed is still there for the next try.
    await waitFor(() => expect(screen.getByLabelText("接種券番号")).toHaveValue("１２３４５６７８９０"));
    expect(screen.getByLabelText("日")).toHaveValue("1");
  });

  it("marks the field named by a field error as invalid", async () => {
    const user = userEvent.setup();
    const action = async (): Promise<LoginState> => ({ ok: false, message: "入力内容を確認してください。", fieldErrors: { voucherNumber: "接種券番号は10桁の数字で入力してください。" } });
    render(<LoginForm action={action} />);
    await user.click(screen.getByRole("button", { name: "ログイン" }));
    expect(await screen.findByText("接種券番号は10桁の数字で入力してください。")).toBeInTheDocument();
    expect(screen.getByLabelText("接種券番号")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("resident login form with JavaScript (submitUrl)", () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  async function fillAndSubmit() {
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("接種券番号"), "1234567890");
    await user.type(screen.getByLabelText("年"), "1950");
    await user.type(screen.getByLabelText("月"), "4");
    await user.type(screen.getByLabelText("日"), "1");
    await user.click(screen.getByRole("button", { name: "ログイン" }));
  }

  it("posts to submitUrl and shows the refusal it answers, without calling the action", async () => {
    const calls: { url: string; body: Record<string, string> }[] = [];
    global.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: Object.fromEntries([...(init.body as FormData).entries()].map(([k, v]) => [k, String(v)])) });
      // jsdom has no Response: the parts the form reads.
      return { ok: true, headers: new Headers({ "Content-Type": "application/json" }), json: async () => ({ ok: false, message: "接種券番号または生年月日が正しくありません。" }) };
    }) as unknown as typeof fetch;
    let actionCalls = 0;
    const action = async (): Promise<LoginState> => {
      actionCalls++;
      return null;
    };
    render(<LoginForm action={action} submitUrl="/login/submit" />);
    await fillAndSubmit();
    expect(await screen.findByRole("alert")).toHaveTextContent("接種券番号または生年月日が正しくありません。");
    expect(calls).toEqual([{ url: "/login/submit", body: { voucherNumber: "1234567890", year: "1950", month: "4", day: "1" } }]);
    expect(actionCalls).toBe(0);
  });

  it("falls back to the server action when submitUrl does not answer in JSON", async () => {
    let fetched = 0;
    global.fetch = (async () => {
      fetched++;
      return { ok: true, headers: new Headers({ "Content-Type": "text/html" }), json: async () => ({}) };
    }) as unknown as typeof fetch;
    const action = async (): Promise<LoginState> => ({ ok: false, message: "アクションからの答え" });
    render(<LoginForm action={action} submitUrl="/login/submit" />);
    await fillAndSubmit();
    expect(await screen.findByRole("alert")).toHaveTextContent("アクションからの答え");
    expect(fetched).toBe(1);
  });
});
