import { messagesFor } from "@/lib/i18n";
import { parseLoginForm } from "./parse-login-form";

const ja = messagesFor("ja");

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

describe("parseLoginForm", () => {
  it.each([
    ["half-width", { voucherNumber: "1000000001", year: "1950", month: "4", day: "1" }, "1000000001", "1950-04-01"],
    ["full-width digits, as phones often type them", { voucherNumber: "１０００００００１２", year: "１９９９", month: "１２", day: "３１" }, "1000000012", "1999-12-31"],
    ["a leap day that exists", { voucherNumber: "1000000001", year: "2000", month: "2", day: "29" }, "1000000001", "2000-02-29"],
  ])("accepts %s", (_label, values, voucherNumber, birthDate) => {
    expect(parseLoginForm(form(values), ja)).toEqual({ ok: true, voucherNumber, birthDate });
  });

  it.each([
    ["9 digits", { voucherNumber: "100000000", year: "1950", month: "4", day: "1" }, "voucherNumber", ja.login.errVoucher],
    ["a 2-digit year", { voucherNumber: "1000000001", year: "50", month: "4", day: "1" }, "year", ja.login.errYear],
    ["no month", { voucherNumber: "1000000001", year: "1950", month: "", day: "1" }, "month", ja.login.errMonth],
    ["30 February", { voucherNumber: "1000000001", year: "1950", month: "2", day: "30" }, "day", ja.login.errNoSuchDay],
    ["29 February of a common year", { voucherNumber: "1000000001", year: "2001", month: "2", day: "29" }, "day", ja.login.errNoSuchDay],
  ])("refuses %s on the field concerned", (_label, values, field, message) => {
    const parsed = parseLoginForm(form(values), ja);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors[field]).toBe(message);
  });

  it("says what is wrong in English too", () => {
    const en = messagesFor("en");
    const parsed = parseLoginForm(form({ voucherNumber: "12", year: "1950", month: "4", day: "1" }), en);
    expect(parsed).toMatchObject({ ok: false, message: en.common.checkInput, fieldErrors: { voucherNumber: en.login.errVoucher } });
  });
});
