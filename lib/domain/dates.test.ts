import {
  addDays,
  addMonths,
  ageOn,
  daysBetween,
  formatDateJa,
  hhmm,
  isValidIsoDate,
  tokyoDate,
  tokyoInstant,
  tokyoTime,
  weekday,
} from "./dates";

describe("isValidIsoDate", () => {
  it.each([
    ["2026-12-01", true],
    ["2024-02-29", true], // leap year
    ["2000-02-29", true], // divisible by 400: leap
    ["2023-02-29", false], // common year
    ["1900-02-29", false], // divisible by 100, not 400: common
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-12-00", false],
    ["2026-12-32", false],
    ["2026/12/01", false],
    ["2026-1-01", false],
    ["20261201", false],
    ["", false],
    [" 2026-12-01", false],
  ])("%j → %s", (value, expected) => {
    expect(isValidIsoDate(value)).toBe(expected);
  });
});

describe("addDays", () => {
  it.each([
    ["2026-12-01", 0, "2026-12-01"],
    ["2026-12-01", 20, "2026-12-21"],
    ["2026-12-01", 21, "2026-12-22"],
    ["2026-12-01", 28, "2026-12-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2026-12-22", -1, "2026-12-21"],
    ["2024-01-01", 366, "2025-01-01"],
  ])("%s %+d days → %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it("refuses a value that is not an ISO date", () => {
    expect(() => addDays("2026/12/01", 1)).toThrow(RangeError);
  });
});

describe("daysBetween", () => {
  it.each([
    ["2026-12-01", "2026-12-01", 0],
    ["2026-12-01", "2026-12-21", 20],
    ["2026-12-01", "2026-12-22", 21],
    ["2026-12-22", "2026-12-01", -21],
    ["2026-12-01", "2026-12-31", 30],
    ["2026-12-01", "2027-01-01", 31],
    ["2024-02-01", "2024-03-01", 29],
    ["2023-02-01", "2023-03-01", 28],
    ["2024-01-01", "2025-01-01", 366],
  ])("%s → %s = %d", (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe("addMonths (same day number; missing day → 1st of the following month)", () => {
  it.each([
    // the day exists in the target month
    ["2022-06-01", 3, "2022-09-01"],
    ["2022-06-01", 5, "2022-11-01"],
    ["2022-05-20", 5, "2022-10-20"],
    ["2022-10-31", 3, "2023-01-31"], // January has 31 days
    ["2022-12-15", 3, "2023-03-15"], // across the year end
    ["2021-04-01", 8, "2021-12-01"],
    ["2023-08-29", 6, "2024-02-29"], // leap year: 29 February exists
    ["2022-01-31", 0, "2022-01-31"],
    ["2022-01-31", 12, "2023-01-31"],
    // the day does not exist: the 1st of the following month
    ["2022-08-31", 6, "2023-03-01"], // 31 February
    ["2023-08-31", 6, "2024-03-01"], // 31 February in a leap year
    ["2022-08-29", 6, "2023-03-01"], // 29 February in a common year
    ["2022-08-30", 6, "2023-03-01"],
    ["2022-11-30", 3, "2023-03-01"], // 30 February
    ["2022-01-31", 1, "2022-03-01"],
    ["2022-03-31", 1, "2022-05-01"], // 31 April
    ["2021-12-31", 2, "2022-03-01"], // across the year end into February
    ["2022-05-31", 6, "2022-12-01"], // 31 November
    ["2022-12-31", 6, "2023-07-01"], // 31 June
  ])("%s + %d months → %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe("ageOn (a birthday counts from its own day)", () => {
  it.each([
    ["2014-12-22", "2026-12-21", 11], // day before the 12th birthday
    ["2014-12-22", "2026-12-22", 12], // the birthday
    ["2014-12-22", "2026-12-23", 12],
    ["2014-12-22", "2027-12-21", 12],
    ["2014-12-22", "2027-12-22", 13],
    ["2014-01-01", "2025-12-31", 11],
    ["2014-01-01", "2026-01-01", 12],
    ["2014-12-31", "2026-01-01", 11],
    ["2014-12-22", "2014-12-22", 0],
    ["1986-12-22", "2026-12-21", 39],
    ["1986-12-22", "2026-12-22", 40],
    // born on 29 February
    ["2012-02-29", "2024-02-28", 11],
    ["2012-02-29", "2024-02-29", 12], // leap year: the birthday itself
    ["2012-02-29", "2025-02-28", 12], // common year: not yet 13 on 28 February
    ["2012-02-29", "2025-03-01", 13], // … but on 1 March
    ["2016-02-29", "2021-02-28", 4],
    ["2016-02-29", "2021-03-01", 5],
  ])("born %s, on %s → %d", (birthDate, on, expected) => {
    expect(ageOn(birthDate, on)).toBe(expected);
  });
});

describe("weekday (0 = Sunday)", () => {
  it.each([
    ["2026-12-20", 0],
    ["2026-12-21", 1],
    ["2026-12-22", 2],
    ["2026-12-31", 4],
    ["2027-01-01", 5],
    ["2026-12-05", 6],
    ["2024-02-29", 4],
  ])("%s → %d", (date, expected) => {
    expect(weekday(date)).toBe(expected);
  });

  it("21 days later is the same weekday (「3週間後の同じ曜日」)", () => {
    expect(weekday(addDays("2026-12-01", 21))).toBe(weekday("2026-12-01"));
  });
});

describe("formatDateJa", () => {
  it.each([
    ["2026-12-22", false, "12月22日（火）"],
    ["2026-12-22", true, "2026年12月22日（火）"],
    ["2026-12-05", true, "2026年12月5日（土）"],
    ["2027-01-01", true, "2027年1月1日（金）"],
    ["2022-10-21", true, "2022年10月21日（金）"],
    ["2026-12-20", false, "12月20日（日）"],
  ])("%s (year: %s) → %s", (date, withYear, expected) => {
    expect(formatDateJa(date, withYear)).toBe(expected);
  });

  it("leaves the year out by default", () => {
    expect(formatDateJa("2026-12-01")).toBe("12月1日（火）");
  });
});

describe("Tokyo wall clock (UTC+9 all year)", () => {
  it.each([
    ["2026-12-01T01:00:00Z", "2026-12-01", "10:00"],
    ["2026-11-30T14:59:00Z", "2026-11-30", "23:59"],
    ["2026-11-30T15:00:00Z", "2026-12-01", "00:00"], // UTC still says 30 November
    ["2026-12-31T15:00:00Z", "2027-01-01", "00:00"],
    ["2026-07-01T03:30:00Z", "2026-07-01", "12:30"], // summer: no daylight saving time
    ["2026-12-21T08:00:00Z", "2026-12-21", "17:00"],
  ])("%s → %s %s", (iso, date, time) => {
    const now = new Date(iso);
    expect(tokyoDate(now)).toBe(date);
    expect(tokyoTime(now)).toBe(time);
  });

  it.each([
    ["2026-12-21", "17:00", "2026-12-21T08:00:00.000Z"],
    ["2026-12-21", "17:00:00", "2026-12-21T08:00:00.000Z"],
    ["2026-12-01", "10:00", "2026-12-01T01:00:00.000Z"],
    ["2026-12-01", "00:00", "2026-11-30T15:00:00.000Z"],
    ["2026-12-01", "08:59", "2026-11-30T23:59:00.000Z"],
    ["2027-01-01", "09:00", "2027-01-01T00:00:00.000Z"],
  ])("tokyoInstant(%s, %s) → %s", (date, time, expected) => {
    expect(tokyoInstant(date, time).toISOString()).toBe(expected);
  });
});

describe("hhmm", () => {
  it.each([
    ["10:30:00", "10:30"],
    ["10:30", "10:30"],
    ["09:05:59", "09:05"],
  ])("%s → %s", (time, expected) => {
    expect(hhmm(time)).toBe(expected);
  });
});
