// A venue's vaccine lots of one day, preset by the venue manager (own venue) or the admin,
// so reception records 接種済み with one tap. A typed lot number stays possible (recordDose).
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, vaccineProducts, venueLots, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { formatDateJa, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { toHalfWidth } from "@/lib/domain/normalize";
import { asResult, pgErrorCode, refusal } from "@/lib/booking/result";
import { recordDose } from "@/lib/booking/venue-operations";

export type VenueLot = typeof venueLots.$inferSelect;

// Starts with a letter or digit: the VRS file writes it as is, so it must never read as a formula (docs/vrs.md).
const LOT_NUMBER = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

/** The lot number as stored: half-width, upper case, no spaces. */
export function normalizeLotNumber(value: string): string {
  return toHalfWidth(value.normalize("NFKC")).replace(/\s+/g, "").toUpperCase();
}

/** The day's lots (not removed), with the product's name; for reception and the lots page. */
export async function listLots(db: Db, actor: StaffActor, venueId: number, date: string, now = new Date()) {
  return asResult(async () => {
    const today = tokyoDate(now);
    if (!staffMay(actor, "reception", { venueId, date, today }) && !staffMay(actor, "lots.edit", { venueId })) {
      refusal("forbidden", "この会場のロットを見る権限がありません。");
    }
    const lots = await db
      .select({
        id: venueLots.id,
        productCode: venueLots.productCode,
        productName: vaccineProducts.name,
        lotNumber: venueLots.lotNumber,
        expiresOn: venueLots.expiresOn,
      })
      .from(venueLots)
      .innerJoin(vaccineProducts, eq(vaccineProducts.code, venueLots.productCode))
      .where(and(eq(venueLots.venueId, venueId), eq(venueLots.date, date), isNull(venueLots.removedAt)))
      .orderBy(asc(vaccineProducts.sortOrder), asc(venueLots.lotNumber));
    return { lots };
  });
}

export interface AddLotInput {
  venueId: number;
  date: string;
  productCode: string;
  lotNumber: string;
  expiresOn?: string | null;
}

export async function addLot(db: Db, actor: StaffActor, input: AddLotInput) {
  const lotNumber = normalizeLotNumber(input.lotNumber);
  return asResult(
    () =>
      db.transaction(async (tx) => {
        if (!staffMay(actor, "lots.edit", { venueId: input.venueId })) refusal("forbidden", "この会場のロットを登録する権限がありません。");
        if (!isValidIsoDate(input.date)) refusal("invalid_date", "日付が正しくありません。");
        if (!LOT_NUMBER.test(lotNumber)) refusal("invalid_lot", "ロット番号は英数字で始まる、英数字とハイフン20文字以内で入力してください。");
        const expiresOn = input.expiresOn || null;
        if (expiresOn !== null) {
          if (!isValidIsoDate(expiresOn)) refusal("invalid_expiry", "有効期限は YYYY-MM-DD の日付で入力してください。");
          if (expiresOn < input.date) refusal("expired", `このロットは有効期限（${formatDateJa(expiresOn, true)}）が切れています。`);
        }
        const [venue] = await tx.select({ id: venues.id }).from(venues).where(eq(venues.id, input.venueId));
        if (!venue) refusal("venue_not_found", "会場が見つかりません。");
        const [product] = await tx.select().from(vaccineProducts).where(eq(vaccineProducts.code, input.productCode));
        if (!product) refusal("unknown_product", "このワクチンは登録されていません。");
        const [lot] = await tx
          .insert(venueLots)
          .values({ venueId: input.venueId, date: input.date, productCode: input.productCode, lotNumber, expiresOn, createdByStaffId: actor.staffId })
          .returning();
        await recordAudit(tx, actor, { action: "venue_lot.add", entity: "venue_lot", entityId: lot!.id, after: lot });
        return { lot: lot! };
      }),
    (e) => {
      const { code, constraint } = pgErrorCode(e);
      return code === "23505" && constraint === "venue_lots_unique_active"
        ? { ok: false, code: "duplicate_lot", reason: "このロットはすでに登録されています。" }
        : null;
    },
  );
}

export async function removeLot(db: Db, actor: StaffActor, lotId: number, now = new Date()) {
  return asResult(() =>
    db.transaction(async (tx) => {
      const [lot] = await tx.select().from(venueLots).where(eq(venueLots.id, lotId)).for("update");
      if (!lot || lot.removedAt) refusal("lot_not_found", "ロットが見つかりません。");
      if (!staffMay(actor, "lots.edit", { venueId: lot.venueId })) refusal("forbidden", "この会場のロットを変更する権限がありません。");
      const [after] = await tx.update(venueLots).set({ removedAt: now }).where(eq(venueLots.id, lotId)).returning();
      await recordAudit(tx, actor, { action: "venue_lot.remove", entity: "venue_lot", entityId: lotId, before: lot, after });
      return { lot: after! };
    }),
  );
}

/**
 * 接種済み with one of the day's preset lots: the lot must belong to the reservation's venue
 * and day, be of the reservation's vaccine and not expired. The dose itself is recordDose's.
 */
export async function recordDoseWithLot(db: Db, input: { reservationId: number; lotId: number; actor: StaffActor; doctorName?: string; now?: Date }) {
  const found = await asResult(async () => {
    const [row] = await db
      .select({ venueId: slots.venueId, date: slots.date, productCode: reservations.productCode })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .where(eq(reservations.id, input.reservationId));
    if (!row) refusal("reservation_not_found", "予約が見つかりません。");
    if (!staffMay(input.actor, "reception", { venueId: row.venueId, date: row.date, today: tokyoDate(input.now ?? new Date()) })) {
      refusal("forbidden", "この会場・この日の受付を操作する権限がありません。");
    }
    const [lot] = await db.select().from(venueLots).where(eq(venueLots.id, input.lotId));
    if (!lot || lot.removedAt || lot.venueId !== row.venueId || lot.date !== row.date) {
      refusal("lot_not_found", "このロットはこの会場・この日のロットとして登録されていません。");
    }
    if (lot.productCode !== row.productCode) refusal("lot_product", "このロットは予約のワクチンと異なります。");
    if (lot.expiresOn && lot.expiresOn < row.date) refusal("expired", `このロットは有効期限（${formatDateJa(lot.expiresOn, true)}）が切れています。`);
    return { lot };
  });
  if (!found.ok) return found;
  const recorded = await recordDose(db, {
    reservationId: input.reservationId,
    actor: input.actor,
    productCode: found.lot.productCode,
    lotNumber: found.lot.lotNumber,
    doctorName: input.doctorName,
    now: input.now,
  });
  return recorded.ok ? { ...recorded, lotNumber: found.lot.lotNumber } : recorded;
}
