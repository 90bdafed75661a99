// Overbooking (オーバーブッキング) from the measured no-show rate. A venue may take up to 20% more
// bookings than a slot's capacity; the trigger of migration 0011 keeps slots.overbook_seats =
// floor(capacity × percent / 100). The risk the admin sees: with n = capacity + those seats booked
// and each resident staying away with probability p (independently), the number who come is
// Binomial(n, 1 − p); the slot is over capacity when more than `capacity` of them come.

export const MAX_OVERBOOK_PERCENT = 20;
export const OVERBOOK_STEPS = [0, 5, 10, 15, 20] as const;
/** Fewer outcomes than this and the measured rate is not a reliable guide yet. */
export const RELIABLE_OUTCOMES = 100;

/** Extra seats a slot of `capacity` gets at `percent` (as the database trigger computes them). */
export function overbookSeats(capacity: number, percent: number): number {
  if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be a whole number ≥ 0, got ${capacity}`);
  if (!Number.isSafeInteger(percent) || percent < 0 || percent > MAX_OVERBOOK_PERCENT) throw new RangeError(`percent must be 0–${MAX_OVERBOOK_PERCENT}, got ${percent}`);
  return Math.floor((capacity * percent) / 100);
}

export interface OutcomeCounts {
  vaccinated: number;
  screenedOnly: number;
  noShow: number;
}

export interface NoShowRate {
  /** no_show / (vaccinated + screened_only + no_show); null with no outcomes at all. */
  rate: number | null;
  outcomes: number;
  reliable: boolean;
}

export function noShowRate(counts: OutcomeCounts): NoShowRate {
  const outcomes = counts.vaccinated + counts.screenedOnly + counts.noShow;
  return { rate: outcomes === 0 ? null : counts.noShow / outcomes, outcomes, reliable: outcomes >= RELIABLE_OUTCOMES };
}

/** ln(k!) for k = 0…n. */
function logFactorials(n: number): number[] {
  const out = [0];
  for (let k = 1; k <= n; k++) out.push(out[k - 1]! + Math.log(k));
  return out;
}

/**
 * For X ~ Binomial(n, q): P(X > c) and E[max(X − c, 0)] (the expected number past c).
 * Exact sums of the probability mass, in log space so large n does not underflow.
 */
export function binomialExcess(n: number, q: number, c: number): { probAbove: number; expectedAbove: number } {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be within 0–1, got ${q}`);
  if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`c must be a whole number ≥ 0, got ${c}`);
  if (n <= c) return { probAbove: 0, expectedAbove: 0 };
  // Certain outcomes: everybody comes, or nobody does.
  if (q === 1) return { probAbove: 1, expectedAbove: n - c };
  if (q === 0) return { probAbove: 0, expectedAbove: 0 };
  const lf = logFactorials(n);
  const lq = Math.log(q);
  const lp = Math.log(1 - q);
  let probAbove = 0;
  let expectedAbove = 0;
  for (let k = c + 1; k <= n; k++) {
    const pmf = Math.exp(lf[n]! - lf[k]! - lf[n - k]! + k * lq + (n - k) * lp);
    probAbove += pmf;
    expectedAbove += (k - c) * pmf;
  }
  return { probAbove: Math.min(1, probAbove), expectedAbove };
}

export interface OverbookingRisk {
  percent: number;
  capacity: number;
  extraSeats: number;
  /** n: the bookings a full slot takes (capacity + extra seats). */
  booked: number;
  /** P(more than `capacity` of the `booked` residents come). */
  probOverCapacity: number;
  /** Expected residents past the capacity, who would have to wait (or come back). */
  expectedWaiting: number;
}

/** The risk for a slot of `capacity` at `percent` when a booked resident stays away with `noShowRate`. */
export function overbookingRisk(capacity: number, percent: number, noShowRate: number): OverbookingRisk {
  if (!(noShowRate >= 0 && noShowRate <= 1)) throw new RangeError(`noShowRate must be within 0–1, got ${noShowRate}`);
  const extraSeats = overbookSeats(capacity, percent);
  const booked = capacity + extraSeats;
  const { probAbove, expectedAbove } = binomialExcess(booked, 1 - noShowRate, capacity);
  return { percent, capacity, extraSeats, booked, probOverCapacity: probAbove, expectedWaiting: expectedAbove };
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A probability as 「12.3%」 (「0.1%未満」 below a thousandth, but never 0 when it is not 0). */
export function percentJa(probability: number): string {
  if (probability === 0) return "0%";
  if (probability < 0.001) return "0.1%未満";
  if (probability > 0.999 && probability < 1) return "99.9%超";
  return `${(probability * 100).toFixed(1)}%`;
}
