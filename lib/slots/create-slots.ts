// Creating slots: one slot, or a recurring pattern (days of the week × times at an interval over a
// date range, skipping Japanese public holidays). A pattern is planned in memory, previewed with its
// counts, then written by ONE multi-row INSERT … SELECT in one transaction — never a request per
// slot. A slot that already exists for the same venue, date, start time and vaccine is skipped
// (ON CONFLICT on the table's unique index, so a re-run or a concurrent run never duplicates);
// another vaccine at the same time is a separate slot (a mass venue may run two lines at once).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slots, vaccineProducts, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, pgErrorCode, refusal } from "@/lib/booking/result";
import { addDays, daysBetween, tokyoDate, weekday } from "@/lib/domain/dates";
import { fieldErrorsOf } from "@/lib/venues/schemas";
import { rowsOf } from "@/db/rows";
import {
  holidayName,
  MAX_PATTERN_DAYS,
  MAX_PATTERN_SLOTS,
  minutesOf,
  slotPatternSchema,
  slotSchema,
  timeOf,
  type SlotInput,
  type SlotPattern,
  type SlotPatternInput,
} from "./schemas";

export interface PlannedSlot {
  date: string;
  startTime: string;
  endTime: string;
}

export interface PatternPlan {
  slots: PlannedSlot[];
  /** Dates of the chosen weekdays left out because they are public holidays. */
  holidays: { date: string; name: string }[];
  /** Slots per day. */
  times: { startTime: string; endTime: string }[];
}

/** The slots a pattern stands for (pure: no database). */
export function planPattern(p: SlotPattern): PatternPlan {
  const times: PatternPlan["times"] = [];
  for (let t = minutesOf(p.startTime); t + p.intervalMinutes <= minutesOf(p.endTime); t += p.intervalMinutes) {
    times.push({ startTime: timeOf(t), endTime: timeOf(t + p.intervalMinutes) });
  }
  const planned: PlannedSlot[] = [];
  const holidays: PatternPlan["holidays"] = [];
  const days = daysBetween(p.fromDate, p.toDate);
  for (let i = 0; i <= days; i++) {
    const date = addDays(p.fromDate, i);
    if (!p.weekdays.includes(weekday(date))) continue;
    const holiday = p.skipHolidays ? holidayName(date) : null;
    if (holiday) {
      holidays.push({ date, name: holiday });
      continue;
    }
    for (const t of times) planned.push({ date, ...t });
  }
  return { slots: planned, holidays, times };
}

function parse<T extends { safeParse: (v: unknown) => { success: true; data: unknown } | { success: false; error: import("zod").ZodError } }>(
  schema: T,
  input: unknown,
) {
  const parsed = schema.safeParse(input);
  if (!parsed.success) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

async function checkVenueAndProduct(db: Db, actor: StaffActor, venueId: number, productCode: string) {
  if (!staffMay(actor, "slots.edit", { venueId })) refusal("forbidden", "この会場の予約枠を登録する権限がありません。");
  const [venue] = await db.select({ id: venues.id, code: venues.code, name: venues.name }).from(venues).where(eq(venues.id, venueId));
  if (!venue) refusal("venue_not_found", "会場が見つかりません。");
  const [product] = await db
    .select({ code: vaccineProducts.code, name: vaccineProducts.name })
    .from(vaccineProducts)
    .where(and(eq(vaccineProducts.code, productCode), eq(vaccineProducts.active, true)));
  if (!product) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: { productCode: "このワクチンは選べません（未登録または使用停止中）。" } });
  return { venue, product };
}

function checkDates(from: string, to: string, today: string) {
  if (from < today) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: { fromDate: "過去の日付には予約枠を作れません。今日以降の日付にしてください。" } });
  if (daysBetween(from, to) + 1 > MAX_PATTERN_DAYS) {
    refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: { toDate: `期間は${MAX_PATTERN_DAYS}日以内にしてください。` } });
  }
}

/** One slot. A slot with the same venue, date, start time and vaccine is refused. */
export async function createSlot(db: Db, actor: StaffActor, venueId: number, input: SlotInput | Record<string, unknown>, now = new Date()) {
  return asResult(
    () =>
      db.transaction(async (tx) => {
        if (!staffMay(actor, "slots.edit", { venueId })) refusal("forbidden", "この会場の予約枠を登録する権限がありません。");
        const values = parse(slotSchema, input) as ReturnType<typeof slotSchema.parse>;
        await checkVenueAndProduct(tx, actor, venueId, values.productCode);
        if (values.date < tokyoDate(now)) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: { date: "過去の日付には予約枠を作れません。" } });
        const [slot] = await tx.insert(slots).values({ venueId, ...values }).returning();
        await recordAudit(tx, actor, { action: "slot.create", entity: "slot", entityId: slot!.id, after: { venueId, ...values } });
        return { slot: slot! };
      }),
    (e) =>
      pgErrorCode(e).code === "23505"
        ? { ok: false, code: "duplicate_slot", reason: "この会場・日付・開始時刻・ワクチンの予約枠はすでにあります。" }
        : null,
  );
}

const recordset = (planned: PlannedSlot[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(planned.map((s) => ({ d: s.date, s: s.startTime, e: s.endTime })))}::jsonb) as t(d date, s time, e time)`;

export interface PatternPreview {
  venue: { id: number; code: string; name: string };
  product: { code: string; name: string };
  pattern: SlotPattern;
  /** slots per day and the days it covers */
  times: PatternPlan["times"];
  planned: number;
  holidays: PatternPlan["holidays"];
  /** planned slots that already exist (same venue, date, start time, vaccine) and are skipped */
  existing: number;
  /** what 作成 would create now */
  toCreate: number;
}

async function previewIn(db: Db, actor: StaffActor, venueId: number, input: SlotPatternInput | Record<string, unknown>, now: Date): Promise<PatternPreview & { plan: PatternPlan }> {
  if (!staffMay(actor, "slots.edit", { venueId })) refusal("forbidden", "この会場の予約枠を登録する権限がありません。");
  const pattern = parse(slotPatternSchema, input) as SlotPattern;
  checkDates(pattern.fromDate, pattern.toDate, tokyoDate(now));
  const { venue, product } = await checkVenueAndProduct(db, actor, venueId, pattern.productCode);
  const plan = planPattern(pattern);
  if (plan.slots.length > MAX_PATTERN_SLOTS) {
    refusal("too_many", `一度に作れる予約枠は${MAX_PATTERN_SLOTS.toLocaleString("ja-JP")}件までです（この条件では${plan.slots.length.toLocaleString("ja-JP")}件）。期間を分けてください。`);
  }
  let existing = 0;
  if (plan.slots.length > 0) {
    const rows = await db.execute(sql`
      select count(*)::int as n from ${recordset(plan.slots)}
      where exists (select 1 from ${slots} x where x.venue_id = ${venueId} and x.date = t.d and x.start_time = t.s and x.product_code = ${pattern.productCode})`);
    existing = Number(rowsOf<{ n: number | string }>(rows)[0]?.n ?? 0);
  }
  return {
    venue,
    product,
    pattern,
    plan,
    times: plan.times,
    planned: plan.slots.length,
    holidays: plan.holidays,
    existing,
    toCreate: plan.slots.length - existing,
  };
}

/** What a pattern would create, without writing anything (shown before the admin confirms). */
export async function previewSlotPattern(db: Db, actor: StaffActor, venueId: number, input: SlotPatternInput | Record<string, unknown>, now = new Date()) {
  return asResult(async () => {
    const { plan: _plan, ...preview } = await previewIn(db, actor, venueId, input, now);
    void _plan;
    return { preview };
  });
}

/** Creates a pattern's slots in one statement and one transaction, with one audit row for the batch. */
export async function createSlotPattern(db: Db, actor: StaffActor, venueId: number, input: SlotPatternInput | Record<string, unknown>, now = new Date()) {
  return asResult(() =>
    db.transaction(async (tx) => {
      const { plan, ...preview } = await previewIn(tx, actor, venueId, input, now);
      const p = preview.pattern;
      let created: { id: number }[] = [];
      if (plan.slots.length > 0) {
        const result = await tx.execute(sql`
          insert into ${slots} (venue_id, date, start_time, end_time, product_code, capacity)
          select ${venueId}, t.d, t.s, t.e, ${p.productCode}, ${p.capacity} from ${recordset(plan.slots)}
          on conflict (venue_id, date, start_time, product_code) where not offer_only do nothing
          returning id`);
        created = rowsOf<{ id: number | string }>(result).map((r) => ({ id: Number(r.id) }));
      }
      const ids = created.map((r) => r.id);
      await recordAudit(tx, actor, {
        action: "slot.create_pattern",
        entity: "venue",
        entityId: venueId,
        after: {
          pattern: p,
          created: ids.length,
          skippedExisting: plan.slots.length - ids.length,
          skippedHolidays: plan.holidays.map((h) => h.date),
          slotIds: ids.length > 0 ? { from: ids.reduce((a, b) => Math.min(a, b)), to: ids.reduce((a, b) => Math.max(a, b)) } : null,
        },
      });
      return { created: ids.length, skippedExisting: plan.slots.length - ids.length, skippedHolidays: plan.holidays.length, preview: { ...preview, toCreate: ids.length } };
    }),
  );
}
