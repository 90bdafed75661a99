// One waitlist run: sweep (expire, lapse, offer) then send what is unsent. Called by the cron
// route every minute and after seats are freed outside a cancellation (capacity raised).
import type { Db } from "@/db/client";
import { notifyPendingWaitlistOffers, offerSendersFromEnv, type NotifySummary, type OfferSenders } from "@/lib/offers/notify";
import { sweepWaitlist, type SweepSummary } from "./dispatch";

export async function runWaitlist(db: Db, options: { senders?: OfferSenders; now?: Date } = {}): Promise<SweepSummary & { notified: NotifySummary }> {
  const now = options.now ?? new Date();
  const swept = await sweepWaitlist(db, now);
  const notified = await notifyPendingWaitlistOffers(db, options.senders ?? offerSendersFromEnv(), now);
  return { ...swept, notified };
}

/** After a change that may free seats: never fails the change itself. */
export async function runWaitlistQuietly(db: Db): Promise<void> {
  try {
    await runWaitlist(db);
  } catch (e) {
    console.error("waitlist run failed (the cron run retries):", e);
  }
}
