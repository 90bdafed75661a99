// The dated booster interval table (SPEC rule 3): the rule in force on the slot date applies.
// History is never edited: a change is a new rule effective from a date (today or later); only a
// rule not yet in force may be withdrawn (a mistaken entry), and both are audit-logged.
import { and, asc, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { boosterIntervalRules, reservations, slots } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal } from "@/lib/booking/result";
import { formatDateJa, tokyoDate } from "@/lib/domain/dates";
import { boosterRuleSchema, fieldErrorsOf, type BoosterRuleInput, type FormFields } from "./schemas";
import { assertAdmin } from "./update-settings";

export type BoosterRuleRow = typeof boosterIntervalRules.$inferSelect;

export async function listBoosterRules(db: Db): Promise<BoosterRuleRow[]> {
  return db.select().from(boosterIntervalRules).orderBy(asc(boosterIntervalRules.effectiveFrom), asc(boosterIntervalRules.id));
}

/**
 * Future booster reservations (booked or checked in) that a rule effective from `effectiveFrom`
 * for `doseNumber` (null: every booster) would govern: slots from that date, until a later rule
 * for the same doses takes over.
 */
async function governedBookings(db: Db, effectiveFrom: string, doseNumber: number | null, today: string): Promise<number> {
  const from = effectiveFrom > today ? effectiveFrom : today;
  // A later rule (after effectiveFrom, on or before the slot date) that applies to the dose wins;
  // so does a dose-specific rule of the same date when the new rule is for every booster.
  const overridden = sql`exists (
    select 1 from booster_interval_rules o
    where (o.dose_number is null or o.dose_number = ${reservations.doseNumber})
      and o.effective_from <= ${slots.date}
      and (o.effective_from > ${effectiveFrom}::date
           ${doseNumber === null ? sql`or (o.effective_from = ${effectiveFrom}::date and o.dose_number is not null)` : sql``}))`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .where(
      and(
        inArray(reservations.status, ["booked", "checked_in"]),
        gte(slots.date, from),
        doseNumber === null ? gte(reservations.doseNumber, 3) : eq(reservations.doseNumber, doseNumber),
        sql`not ${overridden}`,
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * Adds a rule effective from a date, today or later. When reservations already made fall under
 * it, nothing is written unless `confirmed` (refusal `needs_confirmation` says how many); those
 * reservations are kept.
 */
export async function addBoosterRule(db: Db, actor: StaffActor, input: BoosterRuleInput | FormFields, options: { confirmed?: boolean; now?: Date } = {}) {
  const today = tokyoDate(options.now ?? new Date());
  return asResult(() =>
    db.transaction(async (tx) => {
      assertAdmin(actor);
      const parsed = boosterRuleSchema.safeParse(input);
      if (!parsed.success) refusal("invalid", "入力内容を確認してください。", fieldErrorsOf(parsed.error));
      const rule = parsed.data;
      if (rule.effectiveFrom < today) {
        refusal("past_date", "適用開始日は今日以降の日付にしてください（過去の規定を書き換えると、過去の接種や予約の判定が変わってしまうため）。", {
          effectiveFrom: `適用開始日は${formatDateJa(today)}以降にしてください。`,
        });
      }
      // One rule per date and dose keeps "the rule in force on a date" unambiguous.
      const [same] = await tx
        .select({ id: boosterIntervalRules.id })
        .from(boosterIntervalRules)
        .where(
          and(
            eq(boosterIntervalRules.effectiveFrom, rule.effectiveFrom),
            rule.doseNumber === null ? isNull(boosterIntervalRules.doseNumber) : eq(boosterIntervalRules.doseNumber, rule.doseNumber),
          ),
        );
      if (same) {
        refusal("duplicate", "同じ適用開始日・同じ接種回数の規定がすでにあります。まだ適用前なら、取り消してから追加してください。", {
          effectiveFrom: "同じ日付の規定がすでにあります。",
        });
      }
      const governed = await governedBookings(tx, rule.effectiveFrom, rule.doseNumber, today);
      if (governed > 0 && !options.confirmed) {
        refusal(
          "needs_confirmation",
          `${formatDateJa(rule.effectiveFrom)}以降の${rule.doseNumber === null ? "追加接種（3回目以降）" : `${rule.doseNumber}回目`}の予約がすでに${governed}件あります。新しい規定はこれからの予約と変更に適用され、すでにある予約は取り消されません。よろしければ「規定を追加する（確定）」を押してください。`,
          { governed },
        );
      }
      const [created] = await tx.insert(boosterIntervalRules).values(rule).returning();
      await recordAudit(tx, actor, {
        action: "booster_rule.create",
        entity: "booster_interval_rule",
        entityId: created!.id,
        after: { effectiveFrom: created!.effectiveFrom, doseNumber: created!.doseNumber, intervalMonths: created!.intervalMonths, note: created!.note, governedBookings: governed },
      });
      return { rule: created!, governed };
    }),
  );
}

/** Withdraws a rule that is not in force yet (effective after today). Rules in force or past stay. */
export async function withdrawBoosterRule(db: Db, actor: StaffActor, ruleId: number, options: { now?: Date } = {}) {
  const today = tokyoDate(options.now ?? new Date());
  return asResult(() =>
    db.transaction(async (tx) => {
      assertAdmin(actor);
      const [rule] = await tx.select().from(boosterIntervalRules).where(eq(boosterIntervalRules.id, ruleId)).for("update");
      if (!rule) refusal("not_found", "規定が見つかりません。");
      if (rule.effectiveFrom <= today) {
        refusal("in_force", "すでに適用が始まった規定は取り消せません。変更するときは、新しい適用開始日で規定を追加してください。");
      }
      await tx.delete(boosterIntervalRules).where(and(eq(boosterIntervalRules.id, ruleId), gt(boosterIntervalRules.effectiveFrom, today)));
      const before = { effectiveFrom: rule.effectiveFrom, doseNumber: rule.doseNumber, intervalMonths: rule.intervalMonths, note: rule.note };
      await recordAudit(tx, actor, { action: "booster_rule.withdraw", entity: "booster_interval_rule", entityId: ruleId, before });
      return { rule };
    }),
  );
}

/** The rule of each row that is in force today (for the page's 「適用中」 mark). */
export function ruleInForce(rules: readonly BoosterRuleRow[], today: string, doseNumber: number | null): number | null {
  let best: BoosterRuleRow | null = null;
  for (const r of rules) {
    if (r.effectiveFrom > today) continue;
    if (doseNumber === null ? r.doseNumber !== null : r.doseNumber !== null && r.doseNumber !== doseNumber) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom) best = r;
  }
  return best?.id ?? null;
}
