// The dashboard's figures, aggregated in SQL and scoped on the server: 管理者 and コールセンター
// see every venue, 会場責任者 only their own (SPEC, Roles); 会場一般 none. Per day and per venue:
// capacity and seats taken, doses given (接種済み), 予診のみ, 来場なし, cancellations; the remaining
// seats of the next 14 days (seats_left: capacity + overbooking seats − booked − held for an offer);
// how the reservations were made (web / LINE / IVR / operator / bulk); and, for past days, the doses
// wasted from the vials opened: per venue, day and product, from the doses actually given
// (dose_records not voided), ceil(given / doses per vial) × doses per vial − given.
// Days are the slots' own dates (Tokyo wall-clock dates); "today" is today in Tokyo, not in UTC.
import { and, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doseRecords, reservations, slots, vaccineProducts, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { roleMay } from "@/lib/auth/permissions";
import { isVenueScoped } from "@/lib/auth/roles";
import { addDays, daysBetween, isValidIsoDate, tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { asResult, refusal } from "@/lib/booking/result";
import { vialPlan } from "@/lib/domain/vials";

// The values of reservations.channel (CHECK reservations_channel in db/schema.ts).
export const CHANNELS = ["web", "line", "ivr", "operator", "bulk"] as const;
export type DashboardChannel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<DashboardChannel, string> = {
  web: "Web",
  line: "LINE",
  ivr: "電話（自動音声）",
  // Booked by staff for a caller or a visitor (コールセンター, and 会場責任者 at their venue).
  operator: "オペレーター（職員）",
  bulk: "一括予約",
};

export interface Figures {
  key: string; // date or venue id
  label: string;
  capacity: number;
  /** Seats held: reservations booked, checked in, vaccinated or screened only (slots.booked_count). */
  seatsTaken: number;
  booked: number; // reservations still 予約済み or 受付済み
  vaccinated: number;
  screenedOnly: number;
  noShow: number;
  cancelled: number;
}
export interface UpcomingFigures {
  key: string; // date or venue id
  label: string;
  /** Capacity of the open slots not yet begun (closed or started slots take no bookings). */
  capacity: number;
  /** Seats past the capacity that the venues' overbooking allows, in the same slots. */
  overbookSeats: number;
  /** Seats held for a waitlist offer, in the same slots. */
  held: number;
  /** slots.seats_left summed: capacity + overbookSeats − booked − held. */
  remaining: number;
}

/** One venue's doses of one product on one past day, and what the opened vials wasted. */
export interface WasteRow {
  date: string;
  venueId: number;
  venueName: string;
  productCode: string;
  productName: string;
  dosesPerVial: number;
  administered: number;
  vials: number;
  wasted: number;
}

export interface WasteDay {
  key: string; // date
  administered: number;
  vials: number;
  wasted: number;
  /** Wasted doses per product code. */
  byProduct: Record<string, number>;
}

export interface ChannelFigures {
  key: string; // venue id, or "all"
  label: string;
  counts: Record<DashboardChannel, number>;
}

export interface DashboardData {
  from: string;
  to: string;
  today: string;
  /** The venues shown (the one asked for, or all the account may see). */
  venues: { id: number; code: string; name: string }[];
  perDay: Figures[];
  perVenue: Figures[];
  totals: Omit<Figures, "key" | "label">;
  /** Today and the 13 days after: seats still free in open slots not yet begun. */
  upcomingPerDay: UpcomingFigures[];
  upcomingPerVenue: UpcomingFigures[];
  /** Reservations made for slots in the range (cancelled ones included), by channel. */
  channels: { channel: DashboardChannel; label: string; count: number }[];
  channelsPerVenue: ChannelFigures[];
  /** Past days of the range only (before today): doses wasted from opened vials. */
  waste: {
    days: WasteDay[];
    rows: WasteRow[];
    products: { code: string; name: string; dosesPerVial: number }[];
    totals: { administered: number; vials: number; wasted: number };
  };
}

export const MAX_DAYS = 92;
export const UPCOMING_DAYS = 14;

function num(value: unknown): number {
  return Number(value ?? 0);
}

export interface DashboardOptions {
  from?: string;
  to?: string;
  /** One venue; omitted or null for every venue the account may see. */
  venueId?: number | null;
  now?: Date;
}

/** The venues this account may pick on the dashboard: all for 管理者 and コールセンター, else its own. */
export async function dashboardVenues(db: Db, actor: StaffActor): Promise<{ id: number; code: string; name: string }[]> {
  if (!roleMay(actor.role, "dashboard")) return [];
  const own = isVenueScoped(actor.role) ? [...actor.venueIds] : null;
  if (own && own.length === 0) return [];
  return db
    .select({ id: venues.id, code: venues.code, name: venues.name })
    .from(venues)
    .where(own ? inArray(venues.id, own) : undefined)
    .orderBy(venues.code);
}

export async function loadDashboard(db: Db, actor: StaffActor, options: DashboardOptions = {}) {
  return asResult(async (): Promise<DashboardData> => {
    if (!roleMay(actor.role, "dashboard")) refusal("forbidden", "ダッシュボードを見る権限がありません。");
    const now = options.now ?? new Date();
    const today = tokyoDate(now);
    const from = options.from ?? addDays(today, -(UPCOMING_DAYS - 1));
    const to = options.to ?? today;
    if (!isValidIsoDate(from) || !isValidIsoDate(to)) refusal("invalid_range", "日付は「2026-12-01」の形で、正しい日付を指定してください。");
    if (from > to) refusal("invalid_range", "開始日は終了日より前の日付にしてください。");
    if (daysBetween(from, to) + 1 > MAX_DAYS) refusal("invalid_range", `期間は${MAX_DAYS}日以内で指定してください。`);
    const venueId = options.venueId ?? null;
    if (venueId !== null && (!Number.isSafeInteger(venueId) || venueId <= 0)) refusal("invalid_venue", "会場の指定が正しくありません。");

    // The venues this person may see; a venue asked for outside them is refused, not widened.
    const allowed = isVenueScoped(actor.role) ? [...actor.venueIds] : null;
    if (venueId !== null && allowed && !allowed.includes(venueId)) refusal("forbidden", "この会場のダッシュボードを見る権限がありません。");
    const venueIds = venueId !== null ? [venueId] : allowed;
    if (venueIds && venueIds.length === 0) refusal("forbidden", "担当の会場がありません。");
    const venueList = await db
      .select({ id: venues.id, code: venues.code, name: venues.name })
      .from(venues)
      .where(venueIds ? inArray(venues.id, venueIds) : undefined)
      .orderBy(venues.code);
    if (venueId !== null && venueList.length === 0) refusal("venue_not_found", "指定された会場が見つかりません。");
    const venueFilter: SQL | undefined = venueIds ? inArray(slots.venueId, venueIds) : undefined;

    const statusCounts = {
      booked: sql<number>`count(*) filter (where ${reservations.status} in ('booked','checked_in'))`,
      vaccinated: sql<number>`count(*) filter (where ${reservations.status} = 'vaccinated')`,
      screenedOnly: sql<number>`count(*) filter (where ${reservations.status} = 'screened_only')`,
      noShow: sql<number>`count(*) filter (where ${reservations.status} = 'no_show')`,
      cancelled: sql<number>`count(*) filter (where ${reservations.status} = 'cancelled')`,
    };
    const seatCounts = { capacity: sql<number>`sum(${slots.capacity})`, seatsTaken: sql<number>`sum(${slots.bookedCount})` };
    const openSeats = {
      capacity: sql<number>`coalesce(sum(${slots.capacity}) filter (where ${slots.status} = 'open'), 0)`,
      overbookSeats: sql<number>`coalesce(sum(${slots.overbookSeats}) filter (where ${slots.status} = 'open'), 0)`,
      held: sql<number>`coalesce(sum(${slots.heldCount}) filter (where ${slots.status} = 'open'), 0)`,
      remaining: sql<number>`coalesce(sum(greatest(${slots.seatsLeft}, 0)) filter (where ${slots.status} = 'open'), 0)`,
    };
    const inRange = and(gte(slots.date, from), lte(slots.date, to), venueFilter);
    const upcomingEnd = addDays(today, UPCOMING_DAYS - 1);
    // Seats still to be had: today's slots that have begun take no more bookings (checkSlotBookable).
    const notStarted = or(gt(slots.date, today), gt(slots.startTime, `${tokyoTime(now)}:59`));
    // Offer-only slots (same-day leftover doses) are booked through offers only: not seats to be had.
    const inUpcoming = and(gte(slots.date, today), lte(slots.date, upcomingEnd), notStarted, eq(slots.offerOnly, false), venueFilter);

    // One after the other: a PGlite handle runs one query at a time anyway, and a pooled
    // connection per query would only crowd the pool the bookings need.
    const slotDays = await db.select({ key: slots.date, ...seatCounts }).from(slots).where(inRange).groupBy(slots.date);
    const resDays = await db
      .select({ key: slots.date, ...statusCounts })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .where(inRange)
      .groupBy(slots.date);
    const slotVenues = await db.select({ key: slots.venueId, ...seatCounts }).from(slots).where(inRange).groupBy(slots.venueId);
    const resVenues = await db
      .select({ key: slots.venueId, ...statusCounts })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .where(inRange)
      .groupBy(slots.venueId);
    const upcomingDays = await db.select({ key: slots.date, ...openSeats }).from(slots).where(inUpcoming).groupBy(slots.date);
    const upcomingVenues = await db.select({ key: slots.venueId, ...openSeats }).from(slots).where(inUpcoming).groupBy(slots.venueId);
    const channelRows = await db
      .select({ venueId: slots.venueId, channel: reservations.channel, count: sql<number>`count(*)` })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .where(inRange)
      .groupBy(slots.venueId, reservations.channel);
    // Doses given on past days of the range (today's vials may still be used up).
    const wasteEnd = to < today ? to : addDays(today, -1);
    const doseGroups =
      from <= wasteEnd
        ? await db
            .select({
              date: doseRecords.administeredOn,
              venueId: doseRecords.venueId,
              productCode: doseRecords.productCode,
              administered: sql<number>`count(*)::int`,
            })
            .from(doseRecords)
            .where(
              and(
                isNull(doseRecords.voidedAt),
                gte(doseRecords.administeredOn, from),
                lte(doseRecords.administeredOn, wasteEnd),
                venueIds ? inArray(doseRecords.venueId, venueIds) : undefined,
              ),
            )
            .groupBy(doseRecords.administeredOn, doseRecords.venueId, doseRecords.productCode)
        : [];
    const productList = await db
      .select({ code: vaccineProducts.code, name: vaccineProducts.name, dosesPerVial: vaccineProducts.dosesPerVial })
      .from(vaccineProducts)
      .orderBy(vaccineProducts.sortOrder, vaccineProducts.code);

    type SeatRow = { key: unknown; capacity: unknown; seatsTaken: unknown };
    type StatusRow = { key: unknown } & Record<keyof typeof statusCounts, unknown>;
    function merge(keys: { key: string; label: string }[], slotRows: SeatRow[], resRows: StatusRow[]): Figures[] {
      return keys.map(({ key, label }) => {
        const s = slotRows.find((r) => String(r.key) === key);
        const r = resRows.find((x) => String(x.key) === key);
        return {
          key,
          label,
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
    type OpenRow = { key: unknown } & Record<keyof typeof openSeats, unknown>;
    function upcoming(keys: { key: string; label: string }[], rows: OpenRow[]): UpcomingFigures[] {
      return keys.map(({ key, label }) => {
        const row = rows.find((r) => String(r.key) === key);
        return { key, label, capacity: num(row?.capacity), overbookSeats: num(row?.overbookSeats), held: num(row?.held), remaining: num(row?.remaining) };
      });
    }
    const dayKeys = (first: string, last: string) => {
      const keys: { key: string; label: string }[] = [];
      for (let d = first; d <= last; d = addDays(d, 1)) keys.push({ key: d, label: d });
      return keys;
    };
    const venueKeys = venueList.map((v) => ({ key: String(v.id), label: v.name }));
    const channelCounts = (rows: typeof channelRows) =>
      Object.fromEntries(CHANNELS.map((c) => [c, rows.filter((r) => r.channel === c).reduce((n, r) => n + num(r.count), 0)])) as Record<DashboardChannel, number>;

    const perDay = merge(dayKeys(from, to), slotDays, resDays);
    const productOf = new Map(productList.map((p) => [p.code, p]));
    const venueName = new Map(venueList.map((v) => [v.id, v.name]));
    const wasteRows: WasteRow[] = doseGroups
      .map((g) => {
        const product = productOf.get(g.productCode);
        const dosesPerVial = product?.dosesPerVial ?? 1;
        const administered = num(g.administered);
        const plan = vialPlan(administered, dosesPerVial);
        return {
          date: g.date,
          venueId: g.venueId,
          venueName: venueName.get(g.venueId) ?? String(g.venueId),
          productCode: g.productCode,
          productName: product?.name ?? g.productCode,
          dosesPerVial,
          administered,
          vials: plan.vials,
          wasted: plan.wasted,
        };
      })
      .sort((a, b) => a.date.localeCompare(b.date) || a.venueName.localeCompare(b.venueName, "ja") || a.productCode.localeCompare(b.productCode));
    const wasteProducts = productList.filter((p) => wasteRows.some((r) => r.productCode === p.code));
    const wasteDays: WasteDay[] = from <= wasteEnd
      ? dayKeys(from, wasteEnd).map(({ key }) => {
          const rows = wasteRows.filter((r) => r.date === key);
          return {
            key,
            administered: rows.reduce((n, r) => n + r.administered, 0),
            vials: rows.reduce((n, r) => n + r.vials, 0),
            wasted: rows.reduce((n, r) => n + r.wasted, 0),
            byProduct: Object.fromEntries(wasteProducts.map((p) => [p.code, rows.filter((r) => r.productCode === p.code).reduce((n, r) => n + r.wasted, 0)])),
          };
        })
      : [];
    const sum = (field: keyof Omit<Figures, "key" | "label">) => perDay.reduce((n, d) => n + d[field], 0);
    const allChannels = channelCounts(channelRows);
    return {
      from,
      to,
      today,
      venues: venueList,
      perDay,
      perVenue: merge(venueKeys, slotVenues, resVenues),
      totals: {
        capacity: sum("capacity"),
        seatsTaken: sum("seatsTaken"),
        booked: sum("booked"),
        vaccinated: sum("vaccinated"),
        screenedOnly: sum("screenedOnly"),
        noShow: sum("noShow"),
        cancelled: sum("cancelled"),
      },
      upcomingPerDay: upcoming(dayKeys(today, upcomingEnd), upcomingDays),
      upcomingPerVenue: upcoming(venueKeys, upcomingVenues),
      channels: CHANNELS.map((channel) => ({ channel, label: CHANNEL_LABELS[channel], count: allChannels[channel] })),
      channelsPerVenue: venueKeys.map(({ key, label }) => ({ key, label, counts: channelCounts(channelRows.filter((r) => String(r.venueId) === key)) })),
      waste: {
        days: wasteDays,
        rows: wasteRows,
        products: wasteProducts,
        totals: {
          administered: wasteRows.reduce((n, r) => n + r.administered, 0),
          vials: wasteRows.reduce((n, r) => n + r.vials, 0),
          wasted: wasteRows.reduce((n, r) => n + r.wasted, 0),
        },
      },
    };
  });
}
