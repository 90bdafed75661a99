// The secret in an offer's link (/offers/<token>). Only its SHA-256 is stored, so a copy of the
// database cannot accept offers. Waitlist offers use a token derived from the offer id with the
// deployment's secret (HMAC), so the notifier — or the next cron run after a crash — can send the
// link again without the token ever being stored. Leftover offers may use a random token.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

export function hashOfferToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A random token and its hash (for offers notified in the same request that created them). */
export function newOfferToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashOfferToken(token) };
}

/** The token of offer `offerId`, derived from the secret: the same on every instance and every run. */
export function derivedOfferToken(offerId: number): string {
  return createHmac("sha256", authSecret()).update(`seat-offer:${offerId}`).digest("base64url").slice(0, 32);
}

/** What a token in a link may look like: anything else is refused before the database is asked. */
export function isWellFormedOfferToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,64}$/.test(token);
}
