import { firstDay, isYearMonth, lastDay, monthToShow, monthWeeks, shiftMonth } from "./calendar-month";

describe("month calendar arithmetic", () => {
  it.each([
    ["2026-12", 1, "2027-01"],
    ["2027-01", -1, "2026-12"],
    ["2026-03", 12, "2027-03"],
    ["2026-01", -13, "2024-12"],
  ])("shifts %s by %i to %s", (month, by, expected) => {
    expect(shiftMonth(month, by)).toBe(expected);
  });

  it("knows the last day of each month, leap years included", () => {
    expect(lastDay("2026-12")).toBe("2026-12-31");
    expect(lastDay("2028-02")).toBe("2028-02-29");
    expect(lastDay("2026-02")).toBe("2026-02-28");
    expect(firstDay("2026-11")).toBe("2026-11-01");
  });

  it("lays December 2026 out Sunday first: the 1st is a Tuesday", () => {
    const weeks = monthWeeks("2026-12");
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([null, null, "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]);
    expect(weeks[4]).toEqual(["2026-12-27", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", null, null]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it("needs six rows for a month that starts on Saturday with 31 days (August 2026)", () => {
    const weeks = monthWeeks("2026-08");
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![6]).toBe("2026-08-01");
    expect(weeks[5]![1]).toBe("2026-08-31");
  });

  it("validates YYYY-MM", () => {
    expect(isYearMonth("2026-12")).toBe(true);
    expect(isYearMonth("2026-13")).toBe(false);
    expect(isYearMonth("2026-1")).toBe(false);
    expect(isYearMonth(undefined)).toBe(false);
  });

  it("shows the asked month only within the bookable range, else the chosen date's, else the first", () => {
    expect(monthToShow("2027-01", null, "2026-12-20", "2027-01-17")).toBe("2027-01");
    expect(monthToShow("2027-02", null, "2026-12-20", "2027-01-17")).toBe("2026-12");
    expect(monthToShow("garbage", "2027-01-05", "2026-12-20", "2027-01-17")).toBe("2027-01");
    expect(monthToShow(undefined, "2030-01-01", "2026-12-20", "2027-01-17")).toBe("2026-12");
  });
});
