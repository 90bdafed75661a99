import { CATALOGUES } from "./messages";
import { formatDate, formatTimeRange, isLocale, LOCALES, messagesFor, refusalText } from ".";
import { safeNext } from "@/lib/http/safe-next";

/** Every leaf of a catalogue: strings, string arrays and message functions, by dotted path. */
function leaves(value: unknown, path = ""): [string, unknown][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

describe("message catalogue", () => {
  const ja = new Map(leaves(CATALOGUES.ja));

  it.each(LOCALES.filter((l) => l !== "ja"))("%s has exactly the Japanese keys, none empty", (locale) => {
    const other = new Map(leaves(CATALOGUES[locale]));
    // refusals.byCode is empty in Japanese (the domain's own text is shown), so compare the rest.
    const keys = (m: Map<string, unknown>) => [...m.keys()].filter((k) => !k.startsWith("refusals.byCode")).sort();
    expect(keys(other)).toEqual(keys(ja));
    for (const [key, value] of other) {
      if (typeof value === "string") expect([key, value.trim().length > 0]).toEqual([key, true]);
      if (typeof value === "function") expect([key, typeof ja.get(key) === "function" || key.startsWith("refusals.byCode")]).toEqual([key, true]);
    }
  });

  it("has no empty Japanese message (stubs left behind would show as blank text)", () => {
    for (const [key, value] of ja) {
      if (typeof value === "string" && key !== "refusals.useDomainText") expect([key, value.trim().length > 0]).toEqual([key, true]);
    }
  });

  it("says every refusal code of the domain core in English", () => {
    const codes = [
      "active_reservation", "unknown_product", "product_inactive", "booster_not_allowed", "different_product", "too_young",
      "too_old", "interval", "no_booster_rule", "slot_closed", "slot_past", "same_day_closed", "slot_started",
      "outside_window", "not_open_yet", "slot_full", "invalid", "locked", "client_blocked", "past_deadline",
    ];
    for (const code of codes) expect([code, typeof CATALOGUES.en.refusals.byCode[code]]).toEqual([code, "function"]);
  });
});

describe("refusalText", () => {
  const refused = { code: "interval", reason: "2回目の接種は1回目から21日以上あける必要があります。2026年12月22日（火）以降の日を選んでください。", params: { dose: 2, date: "2026-12-22" } };

  it("shows the domain's own Japanese reason in Japanese", () => {
    expect(refusalText(messagesFor("ja"), refused)).toBe(refused.reason);
  });

  it("says the same thing in English from the code and its values", () => {
    expect(refusalText(messagesFor("en"), refused)).toBe("Dose 2 needs a longer interval after your previous dose. Please choose Tue 22 Dec 2026 or later.");
  });

  it("falls back to a generic sentence for a code English does not know", () => {
    expect(refusalText(messagesFor("en"), { code: "brand_new_code", reason: "新しい理由" })).toBe(messagesFor("en").refusals.generic);
  });
});

describe("formatting", () => {
  it("formats dates and times per language", () => {
    expect(formatDate("ja", "2026-12-03", true)).toBe("2026年12月3日（木）");
    expect(formatDate("en", "2026-12-03", true)).toBe("Thu 3 Dec 2026");
    expect(formatDate("en", "2026-12-03")).toBe("Thu 3 Dec");
    expect(formatTimeRange("ja", "09:00:00", "09:30:00")).toBe("09:00〜09:30");
    expect(formatTimeRange("en", "13:00", "13:30")).toBe("13:00–13:30");
  });

  it("recognises only the configured locales", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("fr")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe("language switch target", () => {
  it.each([
    ["/mypage", "/mypage"],
    ["/slots?date=2026-12-03&venue=1", "/slots?date=2026-12-03&venue=1"],
    [null, "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
  ])("goes back to %s as %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
