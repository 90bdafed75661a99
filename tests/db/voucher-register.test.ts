/** @jest-environment node */
// 有効接種券の個別登録: the CSV import's line rules, 住所地外 by check digit, duplicates refused.
import { eq } from "drizzle-orm";
import { auditLog, vouchers } from "@/db/schema";
import { registerVoucher } from "@/lib/vouchers/register-voucher";
import { loadCallerView } from "@/lib/callers/caller-view";
import { setUpTestDatabase } from "./harness";
import { createStaff, createVenue, NOW, setupMunicipality } from "./fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-0123456789-0123456789-abcdef";
const t = setUpTestDatabase(setupMunicipality);

describe("registerVoucher", () => {
  it("registers our own voucher from full-width input and logs it", async () => {
    const operator = await createStaff(t.db, "call_center");
    const result = await registerVoucher(t.db, operator, { voucherNumber: "１２３４５６７８９０", birthDate: "１９５０／０４／０１" }, NOW);
    expect(result).toMatchObject({ ok: true, outOfArea: false, voucher: { municipalityCode: "132012", voucherNumber: "1234567890", birthDate: "1950-04-01", registeredBy: operator.staffId } });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "voucher.register"));
    expect(audit).toMatchObject({ actorId: String(operator.staffId), after: { outOfArea: false } });
  });

  it("registers a 住所地外 voucher with a valid check digit and opens its caller page in one flow", async () => {
    const operator = await createStaff(t.db, "call_center");
    const result = await registerVoucher(
      t.db,
      operator,
      { voucherNumber: "2000000001", birthDate: "19700606", municipalityCode: "131016", priorDoseCount: "2", priorLastDoseDate: "2026-09-01", priorLastProduct: "モデルナ" },
      NOW,
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ outOfArea: true, voucher: { municipalityCode: "131016", priorDoseCount: 2, priorLastProductCode: "MODERNA" } });
    const view = await loadCallerView(t.db, operator, result.key, NOW);
    expect(view).toMatchObject({ ok: true, voucher: { outOfArea: true, voucherNumber: "2000000001" }, eligibility: { nextDose: 3 } });
  });

  it("refuses a municipality code whose check digit is wrong", async () => {
    const operator = await createStaff(t.db, "call_center");
    const result = await registerVoucher(t.db, operator, { voucherNumber: "2000000001", birthDate: "1970-06-06", municipalityCode: "131017" }, NOW);
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { municipalityCode: expect.stringContaining("検査数字") } });
    expect(await t.db.select().from(vouchers)).toHaveLength(0);
  });

  it("refuses a duplicate clearly; the same number from another municipality is another voucher", async () => {
    const operator = await createStaff(t.db, "call_center");
    expect((await registerVoucher(t.db, operator, { voucherNumber: "1234567890", birthDate: "1950-04-01" }, NOW)).ok).toBe(true);
    const dup = await registerVoucher(t.db, operator, { voucherNumber: "1234567890", birthDate: "1960-01-01" }, NOW);
    expect(dup).toMatchObject({ ok: false, code: "duplicate" });
    if (!dup.ok) expect(dup.reason).toContain("すでに登録されています");
    expect((await registerVoucher(t.db, operator, { voucherNumber: "1234567890", birthDate: "1950-04-01", municipalityCode: "141003" }, NOW)).ok).toBe(true);
    expect(await t.db.select().from(vouchers)).toHaveLength(2);
  });

  it("checks the prior-dose history and the field formats", async () => {
    const operator = await createStaff(t.db, "call_center");
    const noDate = await registerVoucher(t.db, operator, { voucherNumber: "1234567890", birthDate: "1950-04-01", priorDoseCount: "1" }, NOW);
    expect(noDate).toMatchObject({ ok: false, fieldErrors: { priorLastDoseDate: expect.any(String) } });
    const bad = await registerVoucher(t.db, operator, { voucherNumber: "12345", birthDate: "2030-01-01", priorLastProduct: "なにか" }, NOW);
    expect(bad).toMatchObject({ ok: false, fieldErrors: { voucherNumber: expect.any(String), birthDate: expect.any(String), priorLastProduct: expect.any(String) } });
  });

  it("only admins and the call center may register", async () => {
    const venue = await createVenue(t.db);
    for (const actor of [await createStaff(t.db, "venue_manager", [venue.id]), await createStaff(t.db, "venue_staff", [venue.id])]) {
      expect(await registerVoucher(t.db, actor, { voucherNumber: "1234567890", birthDate: "1950-04-01" }, NOW)).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect((await registerVoucher(t.db, await createStaff(t.db, "admin"), { voucherNumber: "1234567890", birthDate: "1950-04-01" }, NOW)).ok).toBe(true);
  });
});
