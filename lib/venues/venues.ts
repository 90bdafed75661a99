// Venues (会場): the list, one venue, create and edit. Everyone with venues.view may read;
// venue-scoped roles only their own venues (checked here, on every read, not only in the menu).
// Only the admin creates and edits; every change writes an audit row in the same transaction.
import { and, asc, count, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { isVenueScoped } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import { asResult, pgErrorCode, refusal, type Refused } from "@/lib/booking/result";
import type { Paging } from "@/lib/admin/paging";
import { fieldErrorsOf, venueSchema, type VenueInput } from "./schemas";

export type VenueRow = typeof venues.$inferSelect;

/** `%…%` for ILIKE with the user's % and _ taken literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The venues this staff member may see, as a WHERE condition (undefined: all). null: none at all. */
export function venueScopeCondition(actor: StaffActor): SQL | undefined | null {
  if (!isVenueScoped(actor.role)) return undefined;
  if (actor.venueIds.length === 0) return null;
  return inArray(venues.id, [...actor.venueIds]);
}

/** One page of the venues the actor may see, searched by code, name or address. */
export async function listVenues(db: Db, actor: StaffActor, options: { q?: string; paging: Paging }) {
  return asResult(async () => {
    if (!roleMay(actor.role, "venues.view")) refusal("forbidden", "会場を見る権限がありません。");
    const scope = venueScopeCondition(actor);
    if (scope === null) return { rows: [] as VenueRow[], total: 0 };
    const q = options.q?.trim() ?? "";
    const search = q ? or(ilike(venues.code, likePattern(q)), ilike(venues.name, likePattern(q)), ilike(venues.address, likePattern(q))) : undefined;
    const where = and(scope, search);
    const [rows, [total]] = await Promise.all([
      db.select().from(venues).where(where).orderBy(asc(venues.code)).limit(options.paging.limit).offset(options.paging.offset),
      db.select({ n: count() }).from(venues).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  });
}

/** One venue, if the actor may see it (venue roles: their own venues only). */
export async function getVenue(db: Db, actor: StaffActor, venueId: number) {
  return asResult(async () => {
    if (!staffMay(actor, "venues.view", { venueId })) refusal("forbidden", "この会場を見る権限がありません。");
    const [venue] = await db.select().from(venues).where(eq(venues.id, venueId));
    if (!venue) refusal("venue_not_found", "会場が見つかりません。");
    return { venue };
  });
}

function duplicateCode(e: unknown): Refused | null {
  const { code, constraint } = pgErrorCode(e);
  if (code === "23505" && (!constraint || constraint === "venues_code_unique")) {
    return { ok: false, code: "duplicate_code", reason: "この会場コードはすでに使われています。" };
  }
  return null;
}

function parseVenue(input: VenueInput | Record<string, unknown>) {
  const parsed = venueSchema.safeParse(input);
  if (!parsed.success) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

export async function createVenue(db: Db, actor: StaffActor, input: VenueInput | Record<string, unknown>) {
  return asResult(
    () =>
      db.transaction(async (tx) => {
        if (!staffMay(actor, "venues.edit", { venueId: null })) refusal("forbidden", "会場を登録する権限がありません。");
        const values = parseVenue(input);
        const [venue] = await tx.insert(venues).values(values).returning();
        await recordAudit(tx, actor, { action: "venue.create", entity: "venue", entityId: venue!.id, after: values });
        return { venue: venue! };
      }),
    duplicateCode,
  );
}

export async function updateVenue(db: Db, actor: StaffActor, venueId: number, input: VenueInput | Record<string, unknown>) {
  return asResult(
    () =>
      db.transaction(async (tx) => {
        if (!staffMay(actor, "venues.edit", { venueId })) refusal("forbidden", "会場を変更する権限がありません。");
        const values = parseVenue(input);
        const [before] = await tx.select().from(venues).where(eq(venues.id, venueId)).for("update");
        if (!before) refusal("venue_not_found", "会場が見つかりません。");
        const [venue] = await tx.update(venues).set({ ...values, updatedAt: new Date() }).where(eq(venues.id, venueId)).returning();
        const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k] !== before[k]);
        await recordAudit(tx, actor, {
          action: "venue.update",
          entity: "venue",
          entityId: venueId,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, values[k]])),
        });
        return { venue: venue! };
      }),
    duplicateCode,
  );
}
