// Overbooking per venue (オーバーブッキング, off by default): the admin sets 0–20%, and the trigger
// of migration 0011 gives every slot of the venue from today on floor(capacity × percent / 100)
// extra seats (never fewer than the seats already taken past the capacity, so lowering it cancels
// nobody; past days keep what they had). Beside the setting the admin sees the venue's measured
// no-show rate and the risk it brings (lib/domain/overbooking.ts).
import { and, asc, countDistinct, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { reservations, slots, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal } from "@/lib/booking/result";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import {
  MAX_OVERBOOK_PERCENT,
  median,
  noShowRate,
  OVERBOOK_STEPS,
  overbookingRisk,
  type NoShowRate,
  type OutcomeCounts,
  type OverbookingRisk,
} from "@/lib/domain/overbooking";

/** How far back the no-show rate is measured (days before today; today's outcomes are still coming in). */
export const MEASURE_DAYS = 60;

const PERCENT_MESSAGE = `オーバーブッキングは0〜${MAX_OVERBOOK_PERCENT}（％）の整数で入力してください（0はオフ）。`;
export const overbookSchema = z.object({
  overbookPercent: z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      const text = v.normalize("NFKC").replace(/%/g, "").trim();
      return text === "" ? undefined : text;
    },
    z.coerce.number({ message: PERCENT_MESSAGE }).int(PERCENT_MESSAGE).min(0, PERCENT_MESSAGE).max(MAX_OVERBOOK_PERCENT, PERCENT_MESSAGE),
  ),
});

export interface VenueNoShow extends NoShowRate, OutcomeCounts {
  /** Days with at least one outcome in the window. */
  days: number;
  from: string;
  to: string;
}

/** Outcomes of the venue's reservations on the MEASURE_DAYS days before today. */
export async function measureNoShow(db: Db, venueId: number, now = new Date()): Promise<VenueNoShow> {
  const today = tokyoDate(now);
  const from = addDays(today, -MEASURE_DAYS);
  const [row] = await db
    .select({
      vaccinated: sql<number>`(count(*) filter (where ${reservations.status} = 'vaccinated'))::int`,
      screenedOnly: sql<number>`(count(*) filter (where ${reservations.status} = 'screened_only'))::int`,
      noShow: sql<number>`(count(*) filter (where ${reservations.status} = 'no_show'))::int`,
      days: countDistinct(slots.date),
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .where(
      and(
        eq(slots.venueId, venueId),
        gte(slots.date, from),
        lt(slots.date, today),
        inArray(reservations.status, ["vaccinated", "screened_only", "no_show"]),
      ),
    );
  const counts = { vaccinated: Number(row?.vaccinated ?? 0), screenedOnly: Number(row?.screenedOnly ?? 0), noShow: Number(row?.noShow ?? 0) };
  return { ...counts, ...noShowRate(counts), days: Number(row?.days ?? 0), from, to: addDays(today, -1) };
}

export interface TypicalSlot {
  /** The median capacity (rounded to a whole seat). */
  capacity: number;
  slots: number;
  /** Which slots it comes from: the venue's coming slots, or (none planned) those of the measured days. */
  basis: "upcoming" | "measured";
}

/** The venue's typical slot: the median capacity of its slots from today on (offer-only slots aside). */
export async function typicalSlot(db: Db, venueId: number, now = new Date()): Promise<TypicalSlot | null> {
  const today = tokyoDate(now);
  const capacities = async (where: ReturnType<typeof and>) =>
    (await db.select({ capacity: slots.capacity }).from(slots).where(where).orderBy(asc(slots.capacity))).map((r) => r.capacity);
  let basis: TypicalSlot["basis"] = "upcoming";
  let list = await capacities(and(eq(slots.venueId, venueId), gte(slots.date, today), eq(slots.offerOnly, false)));
  if (list.length === 0) {
    basis = "measured";
    list = await capacities(and(eq(slots.venueId, venueId), gte(slots.date, addDays(today, -MEASURE_DAYS)), lt(slots.date, today), eq(slots.offerOnly, false)));
  }
  const m = median(list);
  if (m === null) return null;
  return { capacity: Math.round(m), slots: list.length, basis };
}

export interface OverbookingView {
  percent: number;
  noShow: VenueNoShow;
  typical: TypicalSlot | null;
  /** Null without a typical slot or without any measured outcome. */
  risk: OverbookingRisk | null;
  steps: OverbookingRisk[];
  canEdit: boolean;
}

/** What the venue page shows beside the setting. */
export async function venueOverbooking(db: Db, actor: StaffActor, venueId: number, now = new Date()) {
  return asResult(async (): Promise<OverbookingView> => {
    if (!staffMay(actor, "venues.view", { venueId })) refusal("forbidden", "この会場を見る権限がありません。");
    const [venue] = await db.select({ overbookPercent: venues.overbookPercent }).from(venues).where(eq(venues.id, venueId));
    if (!venue) refusal("venue_not_found", "会場が見つかりません。");
    const noShow = await measureNoShow(db, venueId, now);
    const typical = await typicalSlot(db, venueId, now);
    const riskAt = (pct: number) => (typical && noShow.rate !== null ? overbookingRisk(typical.capacity, pct, noShow.rate) : null);
    return {
      percent: venue.overbookPercent,
      noShow,
      typical,
      risk: riskAt(venue.overbookPercent),
      steps: OVERBOOK_STEPS.map(riskAt).filter((r): r is OverbookingRisk => r !== null),
      canEdit: staffMay(actor, "venues.edit", { venueId }),
    };
  });
}

/** Sets the venue's overbooking percentage (admin only); one audit row with the rate it was set against. */
export async function setVenueOverbooking(db: Db, actor: StaffActor, venueId: number, input: Record<string, unknown>, now = new Date()) {
  return asResult(() =>
    db.transaction(async (tx) => {
      if (!staffMay(actor, "venues.edit", { venueId })) refusal("forbidden", "オーバーブッキングを変更できるのは管理者だけです。");
      const parsed = overbookSchema.safeParse(input);
      if (!parsed.success) refusal("invalid_input", PERCENT_MESSAGE, { fieldErrors: { overbookPercent: PERCENT_MESSAGE } });
      const percent = parsed.data.overbookPercent;
      const [before] = await tx.select().from(venues).where(eq(venues.id, venueId)).for("update");
      if (!before) refusal("venue_not_found", "会場が見つかりません。");
      if (before.overbookPercent === percent) return { venue: before, changed: false, slotsFromToday: 0 };
      // The trigger venues_overbook_percent rewrites the slots' overbooking seats from today on.
      const [venue] = await tx.update(venues).set({ overbookPercent: percent, updatedAt: new Date() }).where(eq(venues.id, venueId)).returning();
      const measured = await measureNoShow(tx, venueId, now);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(slots)
        .where(and(eq(slots.venueId, venueId), gte(slots.date, tokyoDate(now))));
      await recordAudit(tx, actor, {
        action: "venue.overbooking",
        entity: "venue",
        entityId: venueId,
        before: { overbookPercent: before.overbookPercent },
        after: {
          overbookPercent: percent,
          measuredNoShowRate: measured.rate === null ? null : Math.round(measured.rate * 10000) / 10000,
          measuredOutcomes: measured.outcomes,
          slotsFromToday: Number(n),
        },
      });
      return { venue: venue!, changed: true, slotsFromToday: Number(n) };
    }),
  );
}
