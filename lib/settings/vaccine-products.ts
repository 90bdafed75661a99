// The vaccine table (SPEC: rules 3–5): age limits, dose-2 interval, booster use, on/off.
// A change applies to new bookings at once (loadBookingContext reads the table each time).
// Reservations already made are never cancelled by a rule change: when a change would leave some
// of them outside the new rule, the admin is told how many and must confirm first.
// Doses per vial (1–50) feed the vial figures of the slot grid and the dashboard (lib/domain/vials.ts);
// a form that leaves the field out keeps the stored value.
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { reservations, slots, vaccineProducts, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal, type Refused } from "@/lib/booking/result";
import { tokyoDate } from "@/lib/domain/dates";
import { fieldErrorsOf, newProductSchema, productSchema, type FormFields, type NewProductInput, type ProductInput } from "./schemas";

export const MAX_DOSES_PER_VIAL = 50;
const DOSES_PER_VIAL_MESSAGE = `1本のバイアルの回数は1〜${MAX_DOSES_PER_VIAL}の整数で入力してください。`;
const dosesPerVialField = z.preprocess(
  (v) => (typeof v === "string" ? v.normalize("NFKC").trim() : v),
  z.coerce.number({ message: DOSES_PER_VIAL_MESSAGE }).int(DOSES_PER_VIAL_MESSAGE).min(1, DOSES_PER_VIAL_MESSAGE).max(MAX_DOSES_PER_VIAL, DOSES_PER_VIAL_MESSAGE),
);
/** A product's rules and, when given, its doses per vial. */
export const productUpdateSchema = z.intersection(productSchema, z.object({ dosesPerVial: dosesPerVialField.optional() }));
/** A new product: the add form asks for its doses per vial; a caller that leaves it out gets the table's default (1). */
export const productCreateSchema = z.intersection(newProductSchema, z.object({ dosesPerVial: dosesPerVialField.optional() }));
type DosesPerVialInput = { dosesPerVial?: number | string };
import { assertAdmin, changedFields } from "./update-settings";

export type ProductRow = typeof vaccineProducts.$inferSelect;
const ACTIVE = ["booked", "checked_in"] as const;

export interface ProductWithBookings extends ProductRow {
  /** booked or checked-in reservations on a slot from today on */
  futureBookings: number;
  futureSlots: number;
}

/** The products with how many future reservations and slots use each (shown beside each form). */
export async function listProductsWithBookings(db: Db, now = new Date()): Promise<ProductWithBookings[]> {
  const today = tokyoDate(now);
  const [products, bookings, slotCounts] = await Promise.all([
    db.select().from(vaccineProducts).orderBy(asc(vaccineProducts.sortOrder), asc(vaccineProducts.code)),
    db
      .select({ code: reservations.productCode, n: sql<number>`count(*)::int` })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .where(and(inArray(reservations.status, [...ACTIVE]), gte(slots.date, today)))
      .groupBy(reservations.productCode),
    db
      .select({ code: slots.productCode, n: sql<number>`count(*)::int` })
      .from(slots)
      .where(gte(slots.date, today))
      .groupBy(slots.productCode),
  ]);
  const by = (rows: { code: string; n: number }[]) => new Map(rows.map((r) => [r.code, r.n]));
  const b = by(bookings);
  const s = by(slotCounts);
  return products.map((p) => ({ ...p, futureBookings: b.get(p.code) ?? 0, futureSlots: s.get(p.code) ?? 0 }));
}

export interface ProductImpact {
  futureBookings: number;
  /** future reservations whose resident would be outside the new age limits on the slot date */
  outsideAges: number;
  /** future dose-2 reservations that would come sooner than the new interval after dose 1 */
  dose2TooSoon: number;
  /** the product is switched off while future reservations use it */
  deactivatedWithBookings: number;
}

/** What saving `next` for product `code` would mean for reservations already made. */
async function productImpact(db: Db, code: string, next: { minAge: number; maxAge: number | null; dose2IntervalDays: number; active: boolean }, today: string): Promise<ProductImpact> {
  const maxAge = next.maxAge ?? 1000;
  const age = sql`extract(year from age(${slots.date}, ${vouchers.birthDate}))`;
  // Dose 1's date: recorded by us, the set leader's slot, or declared at registration.
  const dose1Date = sql`coalesce(
    (select d.administered_on from dose_records d where d.voucher_id = ${reservations.voucherId} and d.dose_number = 1 and d.voided_at is null),
    (select ls.date from reservations l join slots ls on ls.id = l.slot_id where l.id = ${reservations.setLeaderId}),
    case when ${vouchers.priorDoseCount} = 1 then ${vouchers.priorLastDoseDate} end)`;
  const [row] = await db
    .select({
      future: sql<number>`count(*)::int`,
      outsideAges: sql<number>`(count(*) filter (where ${age} < ${next.minAge} or ${age} > ${maxAge}))::int`,
      dose2TooSoon: sql<number>`(count(*) filter (where ${reservations.doseNumber} = 2 and ${slots.date} < ${dose1Date} + ${next.dose2IntervalDays}::int))::int`,
    })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(vouchers, eq(vouchers.id, reservations.voucherId))
    .where(and(eq(reservations.productCode, code), inArray(reservations.status, [...ACTIVE]), gte(slots.date, today)));
  const future = Number(row?.future ?? 0);
  return {
    futureBookings: future,
    outsideAges: Number(row?.outsideAges ?? 0),
    dose2TooSoon: Number(row?.dose2TooSoon ?? 0),
    deactivatedWithBookings: next.active ? 0 : future,
  };
}

export function impactMessage(impact: ProductImpact): string | null {
  const parts: string[] = [];
  if (impact.outsideAges > 0) parts.push(`新しい対象年齢に合わない予約が${impact.outsideAges}件`);
  if (impact.dose2TooSoon > 0) parts.push(`新しい間隔より早い2回目の予約が${impact.dose2TooSoon}件`);
  if (impact.deactivatedWithBookings > 0) parts.push(`受付を停止するワクチンの今後の予約が${impact.deactivatedWithBookings}件`);
  if (parts.length === 0) return null;
  return `この変更で、すでにある予約のうち${parts.join("、")}あります。これらの予約は取り消されません（必要に応じて個別にご連絡ください）。よろしければ「変更を確定する」を押してください。`;
}

/**
 * Saves a product's rules. When the change leaves existing reservations outside the new rule,
 * nothing is saved unless `confirmed`; the refusal `needs_confirmation` says how many.
 */
export async function updateVaccineProduct(
  db: Db,
  actor: StaffActor,
  code: string,
  input: (ProductInput & DosesPerVialInput) | FormFields,
  options: { confirmed?: boolean; now?: Date } = {},
) {
  const today = tokyoDate(options.now ?? new Date());
  return asResult(() =>
    db.transaction(async (tx) => {
      assertAdmin(actor);
      const parsed = productUpdateSchema.safeParse(input);
      if (!parsed.success) refusal("invalid", "入力内容を確認してください。", fieldErrorsOf(parsed.error));
      const [current] = await tx.select().from(vaccineProducts).where(eq(vaccineProducts.code, code)).for("update");
      if (!current) refusal("not_found", `ワクチン「${code}」が見つかりません。`);
      const next = parsed.data;
      const diff = changedFields(current as unknown as Record<string, unknown>, next as Record<string, unknown>);
      if (diff.changed.length === 0) return { changed: [] as string[], impact: null };
      const measured = await productImpact(tx, code, next, today);
      // Only what this change does counts (a booking already outside the rule is not news).
      const impact: ProductImpact = {
        futureBookings: measured.futureBookings,
        outsideAges: diff.changed.includes("minAge") || diff.changed.includes("maxAge") ? measured.outsideAges : 0,
        dose2TooSoon: diff.changed.includes("dose2IntervalDays") ? measured.dose2TooSoon : 0,
        deactivatedWithBookings: current.active ? measured.deactivatedWithBookings : 0,
      };
      const warning = impactMessage(impact);
      if (warning && !options.confirmed) refusal("needs_confirmation", warning, impact);
      await tx
        .update(vaccineProducts)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(vaccineProducts.code, code));
      await recordAudit(tx, actor, {
        action: "vaccine_product.update",
        entity: "vaccine_product",
        entityId: code,
        before: diff.before,
        after: { ...diff.after, ...(warning ? { affectedReservations: impact } : {}) },
      });
      return { changed: diff.changed, impact };
    }),
  );
}

export async function addVaccineProduct(db: Db, actor: StaffActor, input: (NewProductInput & DosesPerVialInput) | FormFields) {
  return asResult(
    () =>
      db.transaction(async (tx) => {
        assertAdmin(actor);
        const parsed = productCreateSchema.safeParse(input);
        if (!parsed.success) refusal("invalid", "入力内容を確認してください。", fieldErrorsOf(parsed.error));
        const [created] = await tx.insert(vaccineProducts).values(parsed.data).onConflictDoNothing().returning();
        if (!created) refusal("duplicate", `コード「${parsed.data.code}」のワクチンはすでに登録されています。`, { code: "このコードはすでに使われています。" });
        const after = { ...created, updatedAt: undefined };
        await recordAudit(tx, actor, { action: "vaccine_product.create", entity: "vaccine_product", entityId: created.code, after });
        return { product: created };
      }),
    (): Refused | null => null,
  );
}
