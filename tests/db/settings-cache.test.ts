/** @jest-environment node */
// The settings and rule tables are kept in memory per process (lib/booking/context.ts): any
// write to them, by whatever path, must show on the next read; a rolled-back one never.
import { eq } from "drizzle-orm";
import { municipality, vaccineProducts } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { loadBookingContext, loadSettings } from "@/lib/booking/context";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase((db) => initMunicipality(db, "132012", "八王子市"));

describe("settings kept in memory", () => {
  it("sees a write made outside the settings services on the next read", async () => {
    expect((await loadSettings(t.db)).notices).not.toBe("cache test");
    await t.db.update(municipality).set({ notices: "cache test" });
    expect((await loadSettings(t.db)).notices).toBe("cache test");
    const before = (await loadBookingContext(t.db)).tables.products.length;
    const [first] = (await loadBookingContext(t.db)).tables.products;
    await t.db.update(vaccineProducts).set({ name: "改名テスト" }).where(eq(vaccineProducts.code, first!.code));
    const after = await loadBookingContext(t.db);
    expect(after.tables.products).toHaveLength(before);
    expect(after.tables.products.find((p) => p.code === first!.code)?.name).toBe("改名テスト");
  });

  it("reads a transaction's own change inside it and forgets it after a rollback", async () => {
    const original = (await loadSettings(t.db)).name;
    await expect(
      t.db.transaction(async (tx) => {
        await tx.update(municipality).set({ name: "取り消される市" });
        expect((await loadSettings(tx)).name).toBe("取り消される市");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await loadSettings(t.db)).name).toBe(original);
  });

  it("sees the tables emptied and filled again", async () => {
    await loadSettings(t.db);
    await t.reset();
    await expect(loadSettings(t.db)).rejects.toThrow("初期設定");
    await initMunicipality(t.db, "132012", "別の市");
    expect((await loadSettings(t.db)).name).toBe("別の市");
  });
});
