import { binomialExcess, median, noShowRate, overbookingRisk, overbookSeats, percentJa, RELIABLE_OUTCOMES } from "./overbooking";

describe("overbookSeats", () => {
  it.each([
    // [capacity, percent, extra] — floor(capacity × percent / 100), as the database trigger
    [20, 0, 0],
    [20, 5, 1],
    [20, 10, 2],
    [20, 15, 3],
    [20, 20, 4],
    [9, 10, 0], // 0.9 rounds down: no extra seat
    [10, 10, 1],
    [19, 5, 0],
    [30, 15, 4], // 4.5 → 4
    [0, 20, 0],
  ])("capacity %i at %i%% → %i extra", (capacity, percent, extra) => {
    expect(overbookSeats(capacity, percent)).toBe(extra);
  });

  it.each([
    [20, -1],
    [20, 21],
    [20, 2.5],
    [-1, 10],
  ])("refuses capacity %p at %p%%", (capacity, percent) => {
    expect(() => overbookSeats(capacity, percent)).toThrow(RangeError);
  });
});

describe("noShowRate", () => {
  it("is null with no outcomes", () => {
    expect(noShowRate({ vaccinated: 0, screenedOnly: 0, noShow: 0 })).toEqual({ rate: null, outcomes: 0, reliable: false });
  });
  it("counts 予診のみ as having come", () => {
    expect(noShowRate({ vaccinated: 6, screenedOnly: 2, noShow: 2 })).toEqual({ rate: 0.2, outcomes: 10, reliable: false });
  });
  it.each([
    [RELIABLE_OUTCOMES - 1, false],
    [RELIABLE_OUTCOMES, true],
  ])("%i outcomes → reliable %s", (outcomes, reliable) => {
    expect(noShowRate({ vaccinated: outcomes - 1, screenedOnly: 0, noShow: 1 }).reliable).toBe(reliable);
  });
});

describe("binomialExcess", () => {
  // Worked by hand: P(X = k) = C(n, k) q^k (1 − q)^(n − k).
  it.each([
    // [n, q, c, P(X > c), E[max(X − c, 0)]]
    [3, 0.5, 2, 1 / 8, 1 / 8], // only X = 3
    [4, 0.5, 2, 5 / 16, 6 / 16], // X = 3: 4/16 (1 past), X = 4: 1/16 (2 past)
    [2, 0.9, 1, 0.81, 0.81], // both come: 0.9²
    [3, 0.9, 1, 3 * 0.81 * 0.1 + 0.729, 3 * 0.81 * 0.1 + 2 * 0.729], // X = 2: 0.243, X = 3: 0.729
    [4, 0.8, 3, 0.4096, 0.4096], // all four come: 0.8⁴
    [5, 0.8, 3, 5 * 0.4096 * 0.2 + 0.32768, 5 * 0.4096 * 0.2 + 2 * 0.32768], // X = 4: 0.4096, X = 5: 0.32768
    [20, 0.9, 20, 0, 0], // n ≤ c: never over
    [22, 1, 20, 1, 2], // everybody comes: 2 past for certain
    [22, 0, 20, 0, 0], // nobody comes
  ])("n=%i q=%p c=%i", (n, q, c, prob, expected) => {
    const r = binomialExcess(n, q, c);
    expect(r.probAbove).toBeCloseTo(prob, 12);
    expect(r.expectedAbove).toBeCloseTo(expected, 12);
  });

  it("keeps large slots finite (n = 600)", () => {
    const r = binomialExcess(600, 0.9, 500);
    expect(r.probAbove).toBeGreaterThan(0.99);
    expect(r.probAbove).toBeLessThanOrEqual(1);
    // The mean of X is 540: about 40 past the capacity.
    expect(r.expectedAbove).toBeCloseTo(40, 0);
  });

  it.each([
    [-1, 0.5, 0],
    [3, 1.5, 0],
    [3, Number.NaN, 0],
    [3, 0.5, -1],
  ])("refuses n=%p q=%p c=%p", (n, q, c) => {
    expect(() => binomialExcess(n, q, c)).toThrow(RangeError);
  });
});

describe("overbookingRisk", () => {
  it("at 0% nothing can pass the capacity", () => {
    expect(overbookingRisk(20, 0, 0.1)).toEqual({ percent: 0, capacity: 20, extraSeats: 0, booked: 20, probOverCapacity: 0, expectedWaiting: 0 });
  });
  it("20 seats at 10% with 10% no-shows: 22 booked, over when 21 or 22 come", () => {
    const r = overbookingRisk(20, 10, 0.1);
    expect(r.booked).toBe(22);
    // P(21) = 22 · 0.9^21 · 0.1, P(22) = 0.9^22
    const p21 = 22 * 0.9 ** 21 * 0.1;
    const p22 = 0.9 ** 22;
    expect(r.probOverCapacity).toBeCloseTo(p21 + p22, 12);
    expect(r.expectedWaiting).toBeCloseTo(p21 + 2 * p22, 12);
  });
  it("with no no-shows every extra booking waits", () => {
    const r = overbookingRisk(20, 20, 0);
    expect(r.probOverCapacity).toBe(1);
    expect(r.expectedWaiting).toBe(4);
  });
  it("rises with the percentage", () => {
    const risks = [0, 5, 10, 15, 20].map((pct) => overbookingRisk(40, pct, 0.1).probOverCapacity);
    for (let i = 1; i < risks.length; i++) expect(risks[i]!).toBeGreaterThan(risks[i - 1]!);
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[20], 20],
    [[30, 10, 20], 20],
    [[10, 20, 30, 40], 25],
  ])("%p → %p", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe("percentJa", () => {
  it.each([
    [0, "0%"],
    [0.0004, "0.1%未満"],
    [0.123, "12.3%"],
    [0.9996, "99.9%超"],
    [1, "100.0%"],
  ])("%p → %s", (p, text) => {
    expect(percentJa(p)).toBe(text);
  });
});
