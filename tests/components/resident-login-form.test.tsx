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
