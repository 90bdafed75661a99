import { vialHintJa, vialPlan, vialSummaryJa } from "./vials";

describe("vialPlan", () => {
  it.each([
    // [doses, dosesPerVial, vials, wasted]
    [0, 6, 0, 0], // nothing booked: no vial opened, nothing wasted
    [1, 6, 1, 5],
    [5, 6, 1, 1],
    [6, 6, 1, 0], // exactly one vial
    [7, 6, 2, 5], // one past: a second vial, five of it wasted
    [12, 6, 2, 0],
    [13, 6, 3, 5],
    [0, 10, 0, 0],
    [9, 10, 1, 1],
    [10, 10, 1, 0],
    [11, 10, 2, 9],
    [3, 1, 3, 0], // one dose per vial never wastes
    [50, 50, 1, 0],
    [51, 50, 2, 49],
  ])("%i doses, %i per vial → %i vials, %i wasted", (doses, perVial, vials, wasted) => {
    expect(vialPlan(doses, perVial)).toEqual({ vials, wasted, toFillLastVial: wasted });
  });

  it.each([
    [-1, 6],
    [1.5, 6],
    [Number.NaN, 6],
    [3, 0],
    [3, -6],
    [3, 2.5],
  ])("refuses %p doses with %p per vial", (doses, perVial) => {
    expect(() => vialPlan(doses, perVial)).toThrow(RangeError);
  });
});

describe("vial wording", () => {
  it.each([
    [0, 6, "予約なし（バイアル0本）", null],
    [6, 6, "バイアル1本・廃棄なし", null],
    [7, 6, "バイアル2本・残り5回分が廃棄見込み", "あと5人の予約で最後のバイアルを使い切れます"],
    [16, 6, "バイアル3本・残り2回分が廃棄見込み", "あと2人の予約で最後のバイアルを使い切れます"],
  ])("%i doses, %i per vial", (doses, perVial, summary, hint) => {
    const plan = vialPlan(doses, perVial);
    expect(vialSummaryJa(plan)).toBe(summary);
    expect(vialHintJa(plan)).toBe(hint);
  });
});
