import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { BackToFieldsButton } from "@/components/resident/back-to-fields-button";
import { wantsFieldsBack } from "@/lib/resident/back-to-fields";

describe("「入力に戻る」 on a confirmation step", () => {
  it("is the form's submit button named back, so that without a script the form posts it and the server answers with the fields", () => {
    render(
      <form>
        <input type="hidden" name="step" value="confirm" />
        <BackToFieldsButton label="入力に戻る" onBack={() => {}} />
      </form>,
    );
    const button = screen.getByRole("button", { name: "入力に戻る" });
    expect(button).toHaveAttribute("type", "submit");
    // The form data the browser sends when this button submits the form.
    const form = new FormData(button.closest("form")!, button);
    expect(form.get("step")).toBe("confirm");
    expect(wantsFieldsBack(form)).toBe(true);
    expect(wantsFieldsBack(new FormData(button.closest("form")!))).toBe(false);
  });

  it("with a script only switches the form back: nothing is submitted", async () => {
    const user = userEvent.setup();
    const submitted = jest.fn((event: SubmitEvent) => event.preventDefault());
    const onBack = jest.fn();
    render(
      <form onSubmit={(e) => submitted(e.nativeEvent as SubmitEvent)}>
        <BackToFieldsButton label="入力に戻る" onBack={onBack} />
      </form>,
    );
    await user.click(screen.getByRole("button", { name: "入力に戻る" }));
    expect(onBack).toHaveBeenCalledTimes(1);
    expect(submitted).not.toHaveBeenCalled();
  });

  it("does nothing while the form is sending (disabled)", () => {
    const onBack = jest.fn();
    render(<BackToFieldsButton label="入力に戻る" disabled onBack={onBack} />);
    const button = screen.getByRole("button", { name: "入力に戻る" });
    expect(button).toBeDisabled();
    fireEvent.click(button);
    expect(onBack).not.toHaveBeenCalled();
  });
});
