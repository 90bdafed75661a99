// The municipality's settings (SPEC: Municipality settings), changed by the admin. Nothing caches
// them: every channel (web, LINE, IVR, operators, chatbot) reads the row on each request through
// loadSettings/loadBookingContext, so a change applies to the next request everywhere.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { municipality } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal } from "@/lib/booking/result";
import { fieldErrorsOf, settingsSchema, type FormFields, type SettingsInput, type SettingsValues } from "./schemas";

export function assertAdmin(actor: StaffActor): void {
  if (!staffMay(actor, "settings", { venueId: null })) refusal("forbidden", "設定を変更する権限がありません。");
}

/** Only the keys whose value differs, as { before, after } for the audit log. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = value ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a) };
}

/** Changes the given settings (others untouched); one audit row with the changed values before and after. */
export async function updateSettings(db: Db, actor: StaffActor, input: SettingsInput | FormFields) {
  return asResult(() =>
    db.transaction(async (tx) => {
      assertAdmin(actor);
      const parsed = settingsSchema.safeParse(input);
      if (!parsed.success) refusal("invalid", "入力内容を確認してください。", fieldErrorsOf(parsed.error));
      const values: SettingsValues = parsed.data;
      const [current] = await tx.select().from(municipality).where(eq(municipality.id, 1)).for("update");
      if (!current) refusal("not_initialized", "自治体が初期設定されていません。");
      const diff = changedFields(current as unknown as Record<string, unknown>, values as Record<string, unknown>);
      if (diff.changed.length === 0) return { changed: [] as string[] };
      await tx
        .update(municipality)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(municipality.id, 1));
      await recordAudit(tx, actor, { action: "settings.update", entity: "municipality", entityId: 1, before: diff.before, after: diff.after });
      return { changed: diff.changed };
    }),
  );
}
