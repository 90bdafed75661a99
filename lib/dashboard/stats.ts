// The dashboard's figures, aggregated in SQL and scoped on the server: 管理者 and コールセンター
// see every venue, 会場責任者 only their own (SPEC, Roles). Per day and per venue: capacity and
// seats taken, doses given (接種済み), 予診のみ, 来場なし, cancellations; the remaining seats of
// the next 14 days; and how the reservations were made (web / LINE / IVR / operator / bulk).
import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { roleMay } from "@/lib/auth/permissions";
import { isVenueScoped } from "@/lib/auth/roles";
import { addDays, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { asResult, refusal } from "@/lib/booking/result";

export const CHANNELS = ["web", "line", "ivr", "operator", "bulk"] as const;
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  web: "Web",
  line: "LINE",
  ivr: "電話（自動音声）",
  operator: "コールセンター",
  bulk: "一括予約",
};

export interface DayFigures {
  key: string; // date or venue id
  label: string;
  capacity: number;
  seatsTaken: number;
  booked: number; // reservations still 予約済み or 受付済み
  vaccinated: number;
  screenedOnly: number;
  noShow: number;
  cancelled: number;
}

export interface DashboardData {
  from: string;
  to: string;
  venues: { id: number; name: string }[];
  perDay: DayFigures[];
  perVenue: DayFigures[];
  /** Today and the 13 days after: seats still free in open slots. */
  upcoming: { date: string; capacity: number; remaining: number }[];
  channels: { channel: (typeof CHANNELS)[number]; label: string; count: number }[];
}

const MAX_DAYS = 92;

function num(value: unknown): number {
  return Number(value ?? 0);
}

export async function loadDashboard(db: Db, actor: StaffActor, options: { from?: string; to?: string; venueId?: number | null; now?: Date } = {}) {
  return asResult(async (): Promise<DashboardData> => {
    if (!roleMay(actor.role, "dashboard")) refusal("forbidden", "ダッシュボードを見る権限がありません。");
    const today = tokyoDate(options.now ?? new Date());
    const from = options.from ?? addDays(today, -13);
    const to = options.to ?? today;
    if (!isValidIsoDate(from) || !isValidIsoDate(to) || from > to) refusal("invalid_range", "期間が正しくありません。");
    if (addDays(from, MAX_DAYS) < to) refusal("invalid_range", `期間は${MAX_DAYS}日以内で指定してください。`);

    // The venues this person may see; a venue asked for outside them is refused, not widened.
    const allowed = isVenueScoped(actor.role) ? [...actor.venueIds] : null;
    if (options.venueId && allowed && !allowed.includes(options.venueId)) refusal("forbidden", "この会場のダッシュボードを見る権限がありません。");
    const venueIds = options.venueId ? [options.venueId] : allowed;
    if (venueIds && venueIds.length === 0) refusal("forbidden", "担当の会場がありません。");
    const venueFilter: SQL | undefined = venueIds ? inArray(slots.venueId, venueIds) : undefined;
    const venueList = await db
      .select({ id: venues.id, name: venues.name })
      .from(venues)
      .where(venueIds ? inArray(venues.id, venueIds) : undefined)
      .orderBy(venues.code);

    const statusCounts = {
      booked: sql<number>`count(*) filter (where ${reservations.status} in ('booked','checked_in'))`,
      vaccinated: sql<number>`count(*) filter (where ${reservations.status} = 'vaccinated')`,
      screenedOnly: sql<number>`count(*) filter (where ${reservations.status} = 'screened_only')`,
      noShow: sql<number>`count(*) filter (where ${reservations.status} = 'no_show')`,
      cancelled: sql<number>`count(*) filter (where ${reservations.status} = 'cancelled')`,
    };
    const inRange = and(gte(slots.date, from), lte(slots.date, to), venueFilter);

    const [slotDays, resDays, slotVenues, resVenues, upcomingRows, channelRows] = await Promise.all([
      db
        .select({ key: slots.date, capacity: sql<number>`sum(${slots.capacity})`, seatsTaken: sql<number>`sum(${slots.bookedCount})` })
        .from(slots)
        .where(inRange)
        .groupBy(slots.date),
      db
        .select({ key: slots.date, ...statusCounts })
        .from(reservations)
        .innerJoin(slots, eq(slots.id, reservations.slotId))
        .where(inRange)
        .groupBy(slots.date),
      db
        .select({ key: slots.venueId, capacity: sql<number>`sum(${slots.capacity})`, seatsTaken: sql<number>`sum(${slots.bookedCount})` })
        .from(slots)
        .where(inRange)
        .groupBy(slots.venueId),
      db
        .select({ key: slots.venueId, ...statusCounts })
        .from(reservations)
        .innerJoin(slots, eq(slots.id, reservations.slotId))
        .where(inRange)
        .groupBy(slots.venueId),
      db
        .select({
          date: slots.date,
          capacity: sql<number>`sum(${slots.capacity}) filter (where ${slots.status} = 'open')`,
          remaining: sql<number>`sum(${slots.capacity} - ${slots.bookedCount}) filter (where ${slots.status} = 'open')`,
        })
        .from(slots)
        .where(and(gte(slots.date, today), lte(slots.date, addDays(today, 13)), venueFilter))
        .groupBy(slots.date),
      db
        .select({ channel: reservations.channel, count: sql<number>`count(*)` })
        .from(reservations)
        .innerJoin(slots, eq(slots.id, reservations.slotId))
        .where(inRange)
        .groupBy(reservations.channel),
    ]);

    function merge(keys: string[], label: (key: string) => string, slotRows: { key: unknown; capacity: unknown; seatsTaken: unknown }[], resRows: ({ key: unknown } & Record<keyof typeof statusCounts, unknown>)[]): DayFigures[] {
      return keys.map((key) => {
        const s = slotRows.find((r) => String(r.key) === key);
        const r = resRows.find((x) => String(x.key) === key);
        return {
          key,
          label: label(key),
          capacity: num(s?.capacity),
          seatsTaken: num(s?.seatsTaken),
          booked: num(r?.booked),
          vaccinated: num(r?.vaccinated),
          screenedOnly: num(r?.screenedOnly),
          noShow: num(r?.noShow),
          cancelled: num(r?.cancelled),
        };
      });
    }
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    const upcomingDays = Array.from({ length: 14 }, (_, i) => addDays(today, i));
    return {
      from,
      to,
      venues: venueList,
      perDay: merge(days, (d) => d, slotDays, resDays),
      perVenue: merge(venueList.map((v) => String(v.id)), (id) => venueList.find((v) => String(v.id) === id)?.name ?? id, slotVenues, resVenues),
      upcoming: upcomingDays.map((date) => {
        const row = upcomingRows.find((r) => r.date === date);
        return { date, capacity: num(row?.capacity), remaining: num(row?.remaining) };
      }),
      channels: CHANNELS.map((channel) => ({ channel, label: CHANNEL_LABELS[channel], count: num(channelRows.find((r) => r.channel === channel)?.count) })),
    };
  });
}
