import { retryAfterSeconds } from "./gate";

describe("retryAfterSeconds", () => {
  it("is about a quarter of the expected wait, spread by ±25%", () => {
    expect(retryAfterSeconds(40, () => 0.5)).toBe(10);
    expect(retryAfterSeconds(40, () => 0)).toBe(8);
    expect(retryAfterSeconds(40, () => 0.999)).toBe(12);
  });

  it("stays between 2 and 30 seconds", () => {
    expect(retryAfterSeconds(1, () => 0.5)).toBe(2);
    expect(retryAfterSeconds(0, () => 0.999)).toBe(2);
    expect(retryAfterSeconds(3600, () => 0)).toBe(30);
  });

  it("spreads residents who expect the same wait over several seconds", () => {
    let i = 0;
    const seen = new Set(Array.from({ length: 50 }, () => retryAfterSeconds(40, () => (i++ % 10) / 10)));
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });
});
