// What every booking decision reads: the municipality's settings, the rule tables,
// and a voucher's dose history (prior doses declared at registration + doses we recorded).
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookingOpenings, boosterIntervalRules, doseRecords, municipality, vaccineProducts, vouchers } from "@/db/schema";
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

export async function loadSettings(db: Db): Promise<MunicipalitySettings> {
  const [settings] = await db.select().from(municipality).where(eq(municipality.id, 1));
  if (!settings) throw new NotInitializedError();
  return settings;
}

export async function loadBookingContext(db: Db): Promise<BookingContext> {
  const [settings, products, boosterRules, openings] = await Promise.all([
    loadSettings(db),
    db.select().from(vaccineProducts).orderBy(asc(vaccineProducts.sortOrder)),
    db.select().from(boosterIntervalRules).orderBy(asc(boosterIntervalRules.effectiveFrom)),
    db.select().from(bookingOpenings),
  ]);
  return { settings, tables: { products, boosterRules, openings } };
}

export async function loadDoseHistory(db: Db, voucher: VoucherRow): Promise<DoseHistory> {
  const recorded = await db
    .select({ doseNumber: doseRecords.doseNumber, date: doseRecords.administeredOn, productCode: doseRecords.productCode })
    .from(doseRecords)
    // A voided dose (a mistaken 接種済み taken back) is no dose.
    .where(and(eq(doseRecords.voucherId, voucher.id), isNull(doseRecords.voidedAt)))
    .orderBy(desc(doseRecords.doseNumber));
  const last = recorded[0];
  if (last) {
    return { count: Math.max(last.doseNumber, voucher.priorDoseCount), lastDoseDate: last.date, lastProductCode: last.productCode };
  }
  return {
    count: voucher.priorDoseCount,
    lastDoseDate: voucher.priorLastDoseDate,
    lastProductCode: voucher.priorLastProductCode,
  };
}
