// The reference data every deployment starts from: its municipality row and the
// national defaults for vaccine products and booster intervals (SPEC: Eligibility
// rules). Safe to run on every start-up: it never overwrites what the admin edited.
import { count, sql } from "drizzle-orm";
import { DEFAULT_BOOSTER_RULES, DEFAULT_VACCINE_PRODUCTS } from "@/lib/domain/vaccines";
import { isValidMunicipalityCode } from "@/lib/domain/municipality-code";
import type { Db } from "../client";
import { boosterIntervalRules, municipality, vaccineProducts } from "../schema";

export async function initMunicipality(db: Db, code: string, name: string): Promise<void> {
  const trimmedName = name.trim();
  if (!isValidMunicipalityCode(code)) {
    throw new Error(
      `自治体コード「${code}」は正しくありません。6桁の全国地方公共団体コード（末尾は検査数字）を指定してください（例: 131016 千代田区）。`,
    );
  }
  if (trimmedName === "") throw new Error("自治体名を指定してください。");

  await db.transaction(async (tx) => {
    // One row (id 1); its other settings stay as the admin left them.
    await tx
      .insert(municipality)
      .values({ id: 1, code, name: trimmedName })
      .onConflictDoUpdate({
        target: municipality.id,
        set: { code, name: trimmedName, updatedAt: sql`now()` },
        setWhere: sql`(${municipality.code}, ${municipality.name}) is distinct from (excluded.code, excluded.name)`,
      });

    // Missing products only: an admin's edits of an existing product are kept.
    await tx
      .insert(vaccineProducts)
      .values(DEFAULT_VACCINE_PRODUCTS.map((p) => ({ ...p })))
      .onConflictDoNothing({ target: vaccineProducts.code });

    // The booster rules have no natural key, so the defaults go in only once, into an empty table.
    const [rules] = await tx.select({ n: count() }).from(boosterIntervalRules);
    if ((rules?.n ?? 0) === 0) {
      await tx.insert(boosterIntervalRules).values(DEFAULT_BOOSTER_RULES.map((r) => ({ ...r })));
    }
  });
}
