// Request-rate limits for residents, counted in PostgreSQL so that every app instance sees the
// same counts (lib/chatbot/rate-limit.ts). Generous per address, because many residents share
// one address behind mobile carriers' NAT; tighter per voucher, which is one person.
import type { Db } from "@/db/client";
import { takeRateLimits, type RateChecks, type RateDecision, type RateRule } from "@/lib/chatbot/rate-limit";

export const RESIDENT_RATE_RULES = {
  loginPerAddress: { limit: 60, windowSeconds: 60 },
  loginPerVoucher: { limit: 10, windowSeconds: 60 },
  bookingPerAddress: { limit: 120, windowSeconds: 60 },
  bookingPerVoucher: { limit: 20, windowSeconds: 60 },
} satisfies Record<string, RateRule>;

export interface RateRefusal {
  ok: false;
  code: "rate_limited";
  reason: string;
  params: { seconds: number };
}

function refusal(seconds: number): RateRefusal {
  return {
    ok: false,
    code: "rate_limited",
    reason: `短い時間に操作が続いたため、受け付けを一時停止しています。${seconds}秒ほど待ってから、もう一度お試しください。`,
    params: { seconds },
  };
}

/** The refusal when one of the decisions is over its limit (waiting for the longest), null when all are within. */
export function refusalFor(decisions: readonly RateDecision[]): RateRefusal | null {
  let wait = 0;
  for (const decision of decisions) {
    if (!decision.ok) wait = Math.max(wait, decision.retryAfterSeconds);
  }
  return wait > 0 ? refusal(wait) : null;
}

async function takeAll(db: Db, checks: RateChecks, now: Date): Promise<RateRefusal | null> {
  return refusalFor(await takeRateLimits(db, checks, now));
}

/** One login attempt from `address` naming `voucherNumber`: null when allowed. */
export function limitLogin(db: Db, address: string, voucherNumber: string, now = new Date()): Promise<RateRefusal | null> {
  return takeAll(
    db,
    [
      [`login-address:${address}`, RESIDENT_RATE_RULES.loginPerAddress],
      [`login-voucher:${voucherNumber}`, RESIDENT_RATE_RULES.loginPerVoucher],
    ],
    now,
  );
}

/**
 * What one 確定 submitted by `voucherId` from `address` counts. The booking counts them in its
 * first statement (lib/booking/book.ts, BookInput.rateLimits) instead of a round trip of its own.
 */
export function bookingChecks(address: string, voucherId: number): RateChecks {
  return [
    [`booking-address:${address}`, RESIDENT_RATE_RULES.bookingPerAddress],
    [`booking-voucher:${voucherId}`, RESIDENT_RATE_RULES.bookingPerVoucher],
  ];
}
