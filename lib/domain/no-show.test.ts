import { mayRecordNoShow, noShowRefusal } from "./no-show";

// 来場なし only after the slot has ended on its day (Asia/Tokyo, UTC+9), or on a later day.
// Slot: 2026-12-02 10:00–10:30 Tokyo = 01:00–01:30 UTC.
const slot = { date: "2026-12-02", endTime: "10:30:00" };

describe("noShowRefusal", () => {
  it.each([
    // [now (UTC), allowed]
    ["2026-11-30T03:00:00Z", false], // two days before
    ["2026-12-01T14:59:59Z", false], // the evening before (23:59:59 Tokyo)
    ["2026-12-01T15:00:00Z", false], // the day itself, 00:00 Tokyo
    ["2026-12-02T01:00:00Z", false], // the slot's start
    ["2026-12-02T01:29:59Z", false], // one second before its end
    ["2026-12-02T01:30:00Z", true], // its end
    ["2026-12-02T08:00:00Z", true], // later that day
    ["2026-12-02T14:59:59Z", true], // 23:59:59 Tokyo the same day
    ["2026-12-02T15:00:00Z", true], // the next day in Tokyo (still 12-02 in UTC)
    ["2027-01-15T00:00:00Z", true], // weeks later
  ])("at %s → allowed %s", (iso, allowed) => {
    const now = new Date(iso);
    expect(noShowRefusal(slot, now) === null).toBe(allowed);
    expect(mayRecordNoShow(slot, now)).toBe(allowed);
  });

  it("accepts HH:MM end times", () => {
    expect(mayRecordNoShow({ date: "2026-12-02", endTime: "10:30" }, new Date("2026-12-02T01:29:00Z"))).toBe(false);
    expect(mayRecordNoShow({ date: "2026-12-02", endTime: "10:30" }, new Date("2026-12-02T01:30:00Z"))).toBe(true);
  });

  it("says when it becomes possible, for today and for a later day", () => {
    expect(noShowRefusal(slot, new Date("2026-12-02T01:00:00Z"))).toBe("来場なしは予約枠の終了後に記録できます（この枠は本日 10:30までです）。");
    expect(noShowRefusal(slot, new Date("2026-11-30T03:00:00Z"))).toBe("来場なしは予約枠の終了後に記録できます（この枠は2026年12月2日（水） 10:30までです）。");
  });
});
