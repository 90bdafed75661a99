// Demo vouchers for the e2e tests that need a fresh one of their own: generated vouchers with no
// booking and no dose, adults (Pfizer, dose 2 after 21 days), from the top of the generated range.
// The seed books today's M01 list from the lowest unvaccinated numbers (db/seed/demo-bookings.ts),
// and each test takes its own index here, so no two tests share one. Birth dates come from the
// seed's own generator, for the day the demo was seeded (the e2e run seeds it just before the tests).
import { generatedVoucherRows, DEMO_VOUCHERS, DEMO_VOUCHER_TOTAL, DEMO_MUNICIPALITY } from "@/db/seed/demo";
import { ageOn } from "@/lib/domain/dates";

/** Which test takes which voucher (counted from the top of the range). */
export const FRESH_VOUCHER = { reception: 0, noScriptBooking: 1 } as const;

export function freshAdultVoucher(seedDay: string, index: number): { voucherNumber: string; birthDate: string } {
  const generated = generatedVoucherRows(seedDay, DEMO_VOUCHER_TOTAL - DEMO_VOUCHERS.filter((v) => v.municipalityCode === DEMO_MUNICIPALITY.code).length);
  const candidates = generated.filter((v) => v.priorDoseCount === 0 && ageOn(v.birthDate, seedDay) >= 20 && ageOn(v.birthDate, seedDay) <= 60);
  const chosen = candidates[candidates.length - 1 - index];
  if (!chosen) throw new Error("not enough unvaccinated adults among the generated demo vouchers");
  return { voucherNumber: chosen.voucherNumber, birthDate: chosen.birthDate };
}

/** Tokyo's date now (the demo is seeded just before the tests, on this day). */
export function tokyoToday(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}
