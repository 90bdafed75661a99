import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { WaitlistForm } from "@/app/(resident)/waitlist/waitlist-form";
import type { WaitlistFormState } from "@/app/(resident)/waitlist/actions";

const venues = [
  { id: 1, name: "市民会館" },
  { id: 2, name: "体育館" },
];
const contacts = [
  { value: "sms" as const, label: "SMS（携帯電話 ***-****-2222）" },
  { value: "email" as const, label: "メール（t***@example.jp）" },
];
const initial = { venueId: "", dateFrom: "2026-12-03", dateTo: "2026-12-17", contact: "sms" as const };

function entries(form: FormData) {
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
}

describe("waitlist join form", () => {
  it("has labelled fields, reviews what was chosen, and sends it again on confirm", async () => {
    const user = userEvent.setup();
    const received: Record<string, string>[] = [];
    const action = async (_prev: WaitlistFormState, form: FormData): Promise<WaitlistFormState> => {
      const sent = entries(form);
      received.push(sent);
      const values = { venueId: sent.venueId!, dateFrom: sent.dateFrom!, dateTo: sent.dateTo!, contact: sent.contact as "sms" | "email" };
      return sent.step === "confirm" ? { stage: "confirm", values, message: "処理中にエラーが発生しました。" } : { stage: "confirm", values };
    };
    render(<WaitlistForm venues={venues} contacts={contacts} initial={initial} minDate="2026-12-03" maxDate="2027-01-02" action={action} />);

    expect(screen.getByLabelText("希望期間（開始日）")).toHaveValue("2026-12-03");
    expect(screen.getByRole("radio", { name: "SMS（携帯電話 ***-****-2222）" })).toBeChecked();
    await user.selectOptions(screen.getByLabelText("会場"), "体育館");
    await user.click(screen.getByRole("radio", { name: "メール（t***@example.jp）" }));
    await user.click(screen.getByRole("button", { name: "確認へ進む" }));

    expect(await screen.findByRole("heading", { name: "登録内容の確認" })).toBeInTheDocument();
    expect(screen.getByText("体育館")).toBeInTheDocument();
    expect(screen.getByText("メール（t***@example.jp）")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "キャンセル待ちに登録する" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("処理中にエラーが発生しました。");
    expect(received).toEqual([
      { step: "review", venueId: "2", dateFrom: "2026-12-03", dateTo: "2026-12-17", contact: "email" },
      { step: "confirm", venueId: "2", dateFrom: "2026-12-03", dateTo: "2026-12-17", contact: "email" },
    ]);

    // Back to the fields: what was chosen is still there.
    await user.click(screen.getByRole("button", { name: "入力に戻る" }));
    await waitFor(() => expect(screen.getByLabelText("会場")).toHaveValue("2"));
    expect(screen.getByRole("radio", { name: "メール（t***@example.jp）" })).toBeChecked();
  });

  it("marks a refused field as invalid with its message", async () => {
    const user = userEvent.setup();
    const action = async (): Promise<WaitlistFormState> => ({ stage: "input", message: "入力内容を確認してください。", fieldErrors: { dateTo: "2027年1月2日（土）までの日付にしてください。" } });
    render(<WaitlistForm venues={venues} contacts={contacts} initial={initial} minDate="2026-12-03" maxDate="2027-01-02" action={action} />);
    await user.click(screen.getByRole("button", { name: "確認へ進む" }));
    expect(await screen.findByText("2027年1月2日（土）までの日付にしてください。")).toBeInTheDocument();
    expect(screen.getByLabelText("希望期間（終了日）")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("入力内容を確認してください。");
  });
});
