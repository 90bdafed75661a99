// What every booking decision reads: the municipality's settings, the rule tables,
// and a voucher's dose history (prior doses declared at registration + doses we recorded).
//
// The settings and rule tables are kept in memory, keyed by the version token that a trigger
// renews on every write to them (migration 0009): a request reads that one row instead of four
// tables, and a change made on any instance still applies to the next request everywhere.
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookingOpenings, boosterIntervalRules, doseRecords, municipality, settingsVersion, vaccineProducts, vouchers } from "@/db/schema";
import type { DoseHistory, RuleTables } from "@/lib/domain/eligibility";

export type MunicipalitySettings = typeof municipality.$inferSelect;
export type VoucherRow = typeof vouchers.$inferSelect;

export interface BookingContext {
  settings: MunicipalitySettings;
  tables: RuleTables;
}

export class NotInitializedError extends Error {
  constructor() {
    super("自治体が初期設定されていません。`npm run cli -- init` を実行してください。");
    this.name = "NotInitializedError";
  }
}

async function readBookingContext(db: Db): Promise<BookingContext> {
  const [[settings], products, boosterRules, openings] = await Promise.all([
    db.select().from(municipality).where(eq(municipality.id, 1)),
    db.select().from(vaccineProducts).orderBy(asc(vaccineProducts.sortOrder)),
    db.select().from(boosterIntervalRules).orderBy(asc(boosterIntervalRules.effectiveFrom)),
    db.select().from(bookingOpenings),
  ]);
  if (!settings) throw new NotInitializedError();
  return { settings, tables: { products, boosterRules, openings } };
}

// One entry per process: the token is random per write and per database, so two databases in
// one process (tests, benches) never share an entry. Callers treat the context as read-only.
let cached: { token: string; context: BookingContext } | null = null;

/**
 * The settings and rule tables as of this statement. The token is read before the tables, so a
 * write committed in between only makes the entry look older than it is (reloaded next time),
 * never newer. Inside a transaction that changed the settings, the token is that transaction's
 * own, so it reads its own change; if it rolls back, that token never comes back.
 */
export async function loadBookingContext(db: Db): Promise<BookingContext> {
  const [version] = await db.select({ token: settingsVersion.token }).from(settingsVersion).where(eq(settingsVersion.id, 1));
  return bookingContextFor(db, version?.token ?? null);
}

/**
 * The context for a version token the caller has just read (the booking reads it in the statement
 * that reads the voucher's facts, one round trip fewer): the cached entry when it is that
 * version's, the tables otherwise.
 */
export async function bookingContextFor(db: Db, token: string | null): Promise<BookingContext> {
  if (token !== null && cached?.token === token) return cached.context;
  const context = await readBookingContext(db);
  if (token !== null) cached = { token, context };
  return context;
}

export async function loadSettings(db: Db): Promise<MunicipalitySettings> {
  return (await loadBookingContext(db)).settings;
}

export type LastDose = { doseNumber: number; date: string; productCode: string } | null;

/** The history from the voucher's registered prior doses and the last dose we recorded, if any. */
export function doseHistoryOf(voucher: VoucherRow, last: LastDose): DoseHistory {
  if (last) {
    return { count: Math.max(last.doseNumber, voucher.priorDoseCount), lastDoseDate: last.date, lastProductCode: last.productCode };
  }
  return {
    count: voucher.priorDoseCount,
    lastDoseDate: voucher.priorLastDoseDate,
    lastProductCode: voucher.priorLastProductCode,
  };
}

export async function loadDoseHistory(db: Db, voucher: VoucherRow): Promise<DoseHistory> {
  const [last] = await db
    .select({ doseNumber: doseRecords.doseNumber, date: doseRecords.administeredOn, productCode: doseRecords.productCode })
    .from(doseRecords)
    // A voided dose (a mistaken 接種済み taken back) is no dose.
    .where(and(eq(doseRecords.voucherId, voucher.id), isNull(doseRecords.voidedAt)))
    .orderBy(desc(doseRecords.doseNumber))
    .limit(1);
  return doseHistoryOf(voucher, last ?? null);
}
