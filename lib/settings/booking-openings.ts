// When booking opens for each target group (SPEC: Municipality settings; rule checkOpening in
// lib/domain/eligibility.ts). With no rows, booking is open to everyone.
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookingOpenings } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, refusal } from "@/lib/booking/result";
import { tokyoInstant } from "@/lib/domain/dates";
import { fieldErrorsOf, openingSchema, type FormFields, type OpeningInput } from "./schemas";
import { assertAdmin } from "./update-settings";

export type OpeningRow = typeof bookingOpenings.$inferSelect;

export async function listOpenings(db: Db): Promise<OpeningRow[]> {
  return db.select().from(bookingOpenings).orderBy(asc(bookingOpenings.opensAt), asc(bookingOpenings.id));
}

function snapshot(o: OpeningRow) {
  return { label: o.label, minAge: o.minAge, maxAge: o.maxAge, doseNumber: o.doseNumber, opensAt: o.opensAt.toISOString() };
}

export async function addOpening(db: Db, actor: StaffActor, input: OpeningInput | FormFields) {
  return asResult(() =>
    db.transaction(async (tx) => {
      assertAdmin(actor);
      const parsed = openingSchema.safeParse(input);
      if (!parsed.success) refusal("invalid", "入力内容を確認してください。", fieldErrorsOf(parsed.error));
      const { opensOn, opensAtTime, ...rest } = parsed.data;
      const [created] = await tx
        .insert(bookingOpenings)
        .values({ ...rest, opensAt: tokyoInstant(opensOn, opensAtTime) })
        .returning();
      await recordAudit(tx, actor, { action: "booking_opening.create", entity: "booking_opening", entityId: created!.id, after: snapshot(created!) });
      return { opening: created! };
    }),
  );
}

export async function deleteOpening(db: Db, actor: StaffActor, openingId: number) {
  return asResult(() =>
    db.transaction(async (tx) => {
      assertAdmin(actor);
      const [gone] = await tx.delete(bookingOpenings).where(eq(bookingOpenings.id, openingId)).returning();
      if (!gone) refusal("not_found", "受付開始の設定が見つかりません。");
      await recordAudit(tx, actor, { action: "booking_opening.delete", entity: "booking_opening", entityId: openingId, before: snapshot(gone) });
      return { opening: gone };
    }),
  );
}
