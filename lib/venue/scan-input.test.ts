import { parseBirthDateInput, parseScanInput, parseVoucherCode } from "./scan-input";

describe("parseVoucherCode (券種1 回数1 自治体コード6 接種券番号10)", () => {
  it("splits a valid code", () => {
    expect(parseVoucherCode("111320121000000001")).toEqual({
      ok: true,
      code: { ticketType: "1", doseCount: 1, municipalityCode: "132012", voucherNumber: "1000000001" },
    });
  });

  it.each([
    ["full-width digits and hyphens", "１１－１３２０１２－１００００００００１", true],
    ["17 digits", "11132012100000000", false],
    ["19 digits", "1113201210000000011", false],
    ["a letter", "11132012100000000A", false],
    ["municipality check digit wrong (132013)", "111320131000000001", false],
    ["dose count 0", "101320121000000001", false],
    ["another municipality (千代田区 131016)", "121310162000000001", true],
  ])("%s → %s", (_label, text, ok) => {
    expect(parseVoucherCode(text).ok).toBe(ok);
  });

  it("names the wrong municipality code in its reason", () => {
    const result = parseVoucherCode("111320131000000001");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain("132013");
  });
});

describe("parseScanInput", () => {
  it.each([
    ["VRSV:123456782", { kind: "reservation", reservationNumber: "123456782" }],
    ["  VRSV:123456782\n", { kind: "reservation", reservationNumber: "123456782" }],
    ["vrsv:123456782", { kind: "reservation", reservationNumber: "123456782" }],
    ["ＶＲＳＶ：１２３４５６７８２", { kind: "reservation", reservationNumber: "123456782" }],
    ["123456782", { kind: "reservation", reservationNumber: "123456782" }],
    ["1234-5678-2", { kind: "reservation", reservationNumber: "123456782" }],
    ["1000000001", { kind: "voucher_number", voucherNumber: "1000000001" }],
    ["１０００ ０００ ００１", { kind: "voucher_number", voucherNumber: "1000000001" }],
    [
      "111320121000000001",
      { kind: "voucher_code", code: { ticketType: "1", doseCount: 1, municipalityCode: "132012", voucherNumber: "1000000001" } },
    ],
  ])("%j", (text, expected) => {
    expect(parseScanInput(text)).toEqual(expected);
  });

  it.each([
    ["", "いずれかを入力"],
    ["VRSV:123456781", "予約QRを読み取れません"],
    ["123456781", "予約番号が正しくありません"],
    ["12345", "9桁"],
    ["https://example.com/", "予約QR・接種券のコードではありません"],
    ["111320131000000001", "自治体コード"],
  ])("refuses %j with a reason", (text, reason) => {
    const result = parseScanInput(text);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(result.reason).toContain(reason);
  });
});

describe("parseBirthDateInput", () => {
  it.each([
    ["19500401", "1950-04-01"],
    ["1950-04-01", "1950-04-01"],
    ["1950/4/1", "1950-04-01"],
    ["１９５０年４月１日", "1950-04-01"],
    ["19500431", null],
    ["2023-02-29", null],
    ["1950-4", null],
    ["", null],
  ])("%j → %j", (text, expected) => {
    expect(parseBirthDateInput(text)).toBe(expected);
  });
});
