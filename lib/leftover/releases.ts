// The venue's leftover releases of today, for the tablet: who is coming (their reservations on the
// offer-only slot), how many offers were sent / accepted / still open; and closing a release
// (the doses went elsewhere): its open offers are withdrawn, seats already taken stay booked.
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { leftoverReleases, reservations, seatOffers, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal } from "@/lib/booking/result";
import { tokyoDate } from "@/lib/domain/dates";
import type { ReservationStatus } from "@/lib/domain/reservation-status";

export interface ReleaseView {
  id: number;
  slotId: number;
  startTime: string;
  endTime: string;
  productName: string;
  doses: number;
  seatsLeft: number;
  note: string;
  createdAt: Date;
  closedAt: Date | null;
  offers: { total: number; sent: number; failed: number; notSent: number; open: number; accepted: number; declined: number; expired: number; withdrawn: number; taken: number };
  coming: { reservationNumber: string; kanaName: string | null; status: ReservationStatus }[];
}

function assertMay(actor: StaffActor, venueId: number, now: Date): void {
  const today = tokyoDate(now);
  if (!staffMay(actor, "leftover.declare", { venueId, date: today, today })) {
    refusal("forbidden", "この会場の余剰ワクチンを扱う権限がありません。");
  }
}

/** Today's releases at a venue, newest first. Showing who is coming (kana names) is audit-logged. */
export async function listTodayReleases(db: Db, actor: StaffActor, venueId: number, now = new Date()) {
  return asResult(async () => {
    assertMay(actor, venueId, now);
    const today = tokyoDate(now);
    const [venue] = await db.select({ id: venues.id, name: venues.name }).from(venues).where(eq(venues.id, venueId));
    if (!venue) refusal("venue_not_found", "会場が見つかりません。");
    const rows = await db
      .select({ release: leftoverReleases, slot: slots, productName: vaccineProducts.name })
      .from(leftoverReleases)
      .innerJoin(slots, eq(slots.id, leftoverReleases.slotId))
      .innerJoin(vaccineProducts, eq(vaccineProducts.code, slots.productCode))
      .where(and(eq(leftoverReleases.venueId, venueId), eq(slots.date, today)))
      .orderBy(desc(slots.startTime), desc(leftoverReleases.id));
    const ids = rows.map((r) => r.release.id);
    const counts =
      ids.length === 0
        ? []
        : await db
            .select({
              releaseId: seatOffers.leftoverReleaseId,
              status: seatOffers.status,
              total: sql<number>`count(*)::int`,
              // notify.ts claims an offer (notified_at) before sending and records a failure in notify_error.
              sent: sql<number>`(count(*) filter (where ${seatOffers.notifiedAt} is not null and ${seatOffers.notifyError} is null))::int`,
              failed: sql<number>`(count(*) filter (where ${seatOffers.notifyError} is not null))::int`,
              notSent: sql<number>`(count(*) filter (where ${seatOffers.notifiedAt} is null))::int`,
            })
            .from(seatOffers)
            .where(inArray(seatOffers.leftoverReleaseId, ids))
            .groupBy(seatOffers.leftoverReleaseId, seatOffers.status);
    const slotIds = rows.map((r) => r.slot.id);
    const coming =
      slotIds.length === 0
        ? []
        : await db
            .select({ slotId: reservations.slotId, reservationNumber: reservations.reservationNumber, kanaName: vouchers.kanaName, status: reservations.status })
            .from(reservations)
            .innerJoin(vouchers, eq(vouchers.id, reservations.voucherId))
            .where(and(inArray(reservations.slotId, slotIds), ne(reservations.status, "cancelled")))
            .orderBy(asc(reservations.id));

    const releases: ReleaseView[] = rows.map(({ release, slot, productName }) => {
      const mine = counts.filter((c) => c.releaseId === release.id);
      const by = (status: string) => mine.find((c) => c.status === status)?.total ?? 0;
      const total = mine.reduce((n, c) => n + c.total, 0);
      const sum = (key: "sent" | "failed" | "notSent") => mine.reduce((n, c) => n + c[key], 0);
      return {
        id: release.id,
        slotId: slot.id,
        startTime: slot.startTime.slice(0, 5),
        endTime: slot.endTime.slice(0, 5),
        productName,
        doses: release.doses,
        seatsLeft: slot.seatsLeft,
        note: release.note,
        createdAt: release.createdAt,
        closedAt: release.closedAt,
        offers: {
          total,
          sent: sum("sent"),
          failed: sum("failed"),
          notSent: sum("notSent"),
          open: by("open"),
          accepted: by("accepted"),
          declined: by("declined"),
          expired: by("expired"),
          withdrawn: by("withdrawn"),
          taken: by("taken"),
        },
        coming: coming
          .filter((c) => c.slotId === slot.id)
          .map((c) => ({ reservationNumber: c.reservationNumber, kanaName: c.kanaName, status: c.status as ReservationStatus })),
      };
    });
    const shown = releases.reduce((n, r) => n + r.coming.length, 0);
    if (shown > 0) {
      await recordAudit(db, actor, { action: "leftover.view_day", entity: "venue", entityId: venueId, after: { date: today, rows: shown } });
    }
    return { venue, releases };
  });
}

/** Closes a release: its open offers are withdrawn (their links then say so); accepted seats stay. */
export async function closeRelease(db: Db, actor: StaffActor, releaseId: number, now = new Date()) {
  return asResult(() =>
    db.transaction(async (tx) => {
      const [release] = await tx.select().from(leftoverReleases).where(eq(leftoverReleases.id, releaseId)).for("update");
      if (!release) refusal("not_found", "余剰ワクチンの登録が見つかりません。");
      assertMay(actor, release.venueId, now);
      if (release.closedAt) refusal("already_closed", "この余剰ワクチンのご案内はすでに終了しています。");
      await tx.update(leftoverReleases).set({ closedAt: now }).where(eq(leftoverReleases.id, releaseId));
      // Row locks on each open offer: an acceptance running now either finished first (accepted) or finds it withdrawn.
      const withdrawn = await tx
        .update(seatOffers)
        .set({ status: "withdrawn", closedAt: now })
        .where(and(eq(seatOffers.leftoverReleaseId, releaseId), eq(seatOffers.status, "open")))
        .returning({ id: seatOffers.id, voucherId: seatOffers.voucherId });
      for (const offer of withdrawn) {
        await recordAudit(tx, actor, {
          action: "seat_offer.withdrawn",
          entity: "seat_offer",
          entityId: offer.id,
          voucherId: offer.voucherId,
          before: { status: "open" },
          after: { status: "withdrawn" },
        });
      }
      await recordAudit(tx, actor, {
        action: "leftover.close",
        entity: "leftover_release",
        entityId: releaseId,
        before: { closedAt: null },
        after: { closedAt: now.toISOString(), withdrawnOffers: withdrawn.length },
      });
      return { withdrawn: withdrawn.length };
    }),
  );
}
