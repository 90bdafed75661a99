// Reception finds a reservation from what the resident shows: the reservation QR, the
// reservation number, the voucher's 18-digit code or a typed 接種券番号 — always together with
// the birth date. Knowing a number must never be enough to see personal data (SPEC, Roles:
// national guidance against domestic-violence tracing), so a wrong birth date and an unknown
// number get the same answer, and every attempt is audit-logged.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, slots, vaccineProducts, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { formatDateJa, hhmm, tokyoDate } from "@/lib/domain/dates";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import { asResult, refusal } from "@/lib/booking/result";
import { parseBirthDateInput, parseScanInput } from "./scan-input";

export interface ReceptionLookupInput {
  /** The venue the tablet works for. */
  venueId: number;
  scan: string;
  birthDate: string;
  now?: Date;
}

export type ReceptionMatch = "ok" | "wrong_venue" | "wrong_day" | "wrong_venue_and_day";

const NOT_FOUND = "予約が見つからないか、生年月日が一致しません。番号と生年月日をもう一度ご確認ください。";

export async function findForReception(db: Db, actor: StaffActor, input: ReceptionLookupInput) {
  const now = input.now ?? new Date();
  const today = tokyoDate(now);
  return asResult(async () => {
    if (!staffMay(actor, "reception", { venueId: input.venueId, date: today, today })) {
      refusal("forbidden", "この会場の受付を操作する権限がありません。");
    }
    const scan = parseScanInput(input.scan);
    if (scan.kind === "invalid") refusal("invalid_input", scan.reason);
    const birthDate = parseBirthDateInput(input.birthDate);
    if (!birthDate) refusal("invalid_birth_date", "生年月日は 19500401 のように8桁で入力してください。");

    // Candidate vouchers and, for a reservation number, the reservation itself.
    let voucherIds: number[] = [];
    let reservationId: number | null = null;
    if (scan.kind === "reservation") {
      const [row] = await db
        .select({ id: reservations.id, voucherId: reservations.voucherId })
        .from(reservations)
        .where(eq(reservations.reservationNumber, scan.reservationNumber));
      if (row) {
        reservationId = row.id;
        voucherIds = [row.voucherId];
      }
    } else {
      const where =
        scan.kind === "voucher_code"
          ? and(eq(vouchers.municipalityCode, scan.code.municipalityCode), eq(vouchers.voucherNumber, scan.code.voucherNumber))
          : eq(vouchers.voucherNumber, scan.voucherNumber);
      voucherIds = (await db.select({ id: vouchers.id }).from(vouchers).where(where)).map((v) => v.id);
    }
    const matching =
      voucherIds.length === 0
        ? []
        : await db.select().from(vouchers).where(and(inArray(vouchers.id, voucherIds), eq(vouchers.birthDate, birthDate)));
    if (matching.length === 0) {
      await recordAudit(db, actor, {
        action: "reception.lookup_failed",
        entity: "venue",
        entityId: input.venueId,
        after: { kind: scan.kind, found: voucherIds.length > 0 },
      });
      refusal("not_found", NOT_FOUND);
    }

    // The reservation: the scanned one; otherwise the voucher's reservation here today, else
    // its active one elsewhere (to say where and when it is).
    const base = db
      .select({
        reservation: reservations,
        slot: slots,
        venueName: venues.name,
        productName: vaccineProducts.name,
      })
      .from(reservations)
      .innerJoin(slots, eq(slots.id, reservations.slotId))
      .innerJoin(venues, eq(venues.id, slots.venueId))
      .innerJoin(vaccineProducts, eq(vaccineProducts.code, reservations.productCode));
    const ids = matching.map((v) => v.id);
    let found;
    if (reservationId !== null) {
      [found] = await base.where(eq(reservations.id, reservationId));
    } else {
      [found] = await base
        .where(and(inArray(reservations.voucherId, ids), eq(slots.venueId, input.venueId), eq(slots.date, today)))
        .orderBy(asc(slots.startTime), desc(reservations.id));
      if (!found) {
        [found] = await base
          .where(and(inArray(reservations.voucherId, ids), inArray(reservations.status, [...ACTIVE_STATUSES])))
          .orderBy(asc(slots.date), asc(slots.startTime));
      }
    }
    const voucher = matching.find((v) => v.id === found?.reservation.voucherId) ?? matching[0]!;
    await recordAudit(db, actor, {
      action: "reception.lookup",
      entity: "voucher",
      entityId: voucher.id,
      voucherId: voucher.id,
      after: { venueId: input.venueId, kind: scan.kind, reservationId: found?.reservation.id ?? null },
    });
    if (!found) {
      refusal("no_reservation", `接種券番号 ${voucher.voucherNumber} の方の有効な予約はありません。`);
    }
    const sameVenue = found.slot.venueId === input.venueId;
    const sameDay = found.slot.date === today;
    const match: ReceptionMatch = sameVenue && sameDay ? "ok" : !sameVenue && !sameDay ? "wrong_venue_and_day" : sameVenue ? "wrong_day" : "wrong_venue";
    const where = `${found.venueName}・${formatDateJa(found.slot.date, true)} ${hhmm(found.slot.startTime)}〜${hhmm(found.slot.endTime)}`;
    const message =
      match === "ok"
        ? ""
        : match === "wrong_day"
          ? `この予約は本日ではありません（${where} の予約です）。`
          : match === "wrong_venue"
            ? `この予約は別の会場です（${where} の予約です）。`
            : `この予約は別の会場・別の日です（${where} の予約です）。`;
    return {
      match,
      message,
      reservation: found.reservation,
      slot: found.slot,
      venueName: found.venueName,
      productName: found.productName,
      voucher: { id: voucher.id, voucherNumber: voucher.voucherNumber, birthDate: voucher.birthDate, kanaName: voucher.kanaName },
    };
  });
}
