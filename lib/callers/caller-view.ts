// The caller page: everything an operator needs while on the phone with a confirmed caller —
// the voucher, dose history, reservations, and whether and why the next dose can be booked.
// Opening it needs a caller key (the birth date was confirmed); each opening is audit-logged
// as resident.view.
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doseRecords, reservations, slots, venues, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadBookingContext, loadDoseHistory } from "@/lib/booking/context";
import type { Refused } from "@/lib/booking/result";
import { changeDeadline, checkDoseRules, earliestDoseDate, nextDoseNumber, type DoseHistory } from "@/lib/domain/eligibility";
import { ageOn, tokyoDate } from "@/lib/domain/dates";
import { ACTIVE_STATUSES, type ReservationStatus } from "@/lib/domain/reservation-status";
import { readCallerKey } from "./caller-key";

export interface CallerReservation {
  id: number;
  reservationNumber: string;
  status: ReservationStatus;
  doseNumber: number;
  productName: string;
  date: string;
  startTime: string;
  endTime: string;
  venueId: number;
  venueName: string;
  channel: string;
  /** Dose 2 of a set booking (follows the dose-1 reservation). */
  setFollower: boolean;
  active: boolean;
  /** The change/cancel deadline (ISO instant) and whether it has passed. */
  deadline: string;
  pastDeadline: boolean;
  /** This operator may change/cancel it (role and venue scope; the deadline is judged apart). */
  mayManage: boolean;
}

export interface ProductVerdict {
  productCode: string;
  productName: string;
  ok: boolean;
  reason: string | null;
}

export interface CallerView {
  key: string;
  voucher: {
    id: number;
    voucherNumber: string;
    municipalityCode: string;
    outOfArea: boolean;
    birthDate: string;
    age: number;
    kanaName: string | null;
    phone: string | null;
    email: string | null;
    priorDoseCount: number;
    priorLastDoseDate: string | null;
    priorLastProductName: string | null;
  };
  doses: { doseNumber: number; date: string; productName: string; lotNumber: string; venueName: string }[];
  history: DoseHistory;
  reservations: CallerReservation[];
  eligibility: {
    nextDose: number;
    /** The first date the next dose may be given (null: any date, dose 1). */
    earliestDate: string | null;
    /** A reason that stops any new booking now (an active reservation). */
    blocker: string | null;
    /** Per active product, judged on the earliest possible date: allowed or why not. */
    products: ProductVerdict[];
    /** A set booking (dose 1 + 2 together) can be offered. */
    setBookingPossible: boolean;
  };
  settings: { staffDeadlineOverride: boolean; callCenterPhone: string };
}

export async function loadCallerView(db: Db, actor: StaffActor, key: string, now = new Date()): Promise<({ ok: true } & CallerView) | Refused> {
  if (!roleMay(actor.role, "booking.forCaller")) return { ok: false, code: "forbidden", reason: "電話予約を行う権限がありません。" };
  const voucherId = readCallerKey(actor, key, now);
  if (voucherId === null) {
    return { ok: false, code: "key_invalid", reason: "確認の有効期限が切れたか、正しくないリンクです。もう一度、接種券番号と生年月日で検索してください。" };
  }
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, voucherId));
  if (!voucher) return { ok: false, code: "voucher_not_found", reason: "接種券が見つかりません。" };
  const ctx = await loadBookingContext(db);
  const productName = (code: string | null) => (code ? (ctx.tables.products.find((p) => p.code === code)?.name ?? code) : null);
  const history = await loadDoseHistory(db, voucher);
  const today = tokyoDate(now);

  const doseRows = await db
    .select({ doseNumber: doseRecords.doseNumber, date: doseRecords.administeredOn, productCode: doseRecords.productCode, lotNumber: doseRecords.lotNumber, venueName: venues.name })
    .from(doseRecords)
    .innerJoin(venues, eq(venues.id, doseRecords.venueId))
    .where(and(eq(doseRecords.voucherId, voucher.id), isNull(doseRecords.voidedAt)))
    .orderBy(asc(doseRecords.doseNumber));

  const reservationRows = await db
    .select({ r: reservations, date: slots.date, startTime: slots.startTime, endTime: slots.endTime, venueId: slots.venueId, venueName: venues.name })
    .from(reservations)
    .innerJoin(slots, eq(slots.id, reservations.slotId))
    .innerJoin(venues, eq(venues.id, slots.venueId))
    .where(eq(reservations.voucherId, voucher.id))
    .orderBy(desc(slots.date), desc(slots.startTime))
    .limit(30);
  const callerReservations: CallerReservation[] = reservationRows.map(({ r, date, startTime, endTime, venueId, venueName }) => {
    const deadline = changeDeadline(date, ctx.settings.cancelDeadlineDaysBefore, ctx.settings.cancelDeadlineTime);
    return {
      id: r.id,
      reservationNumber: r.reservationNumber,
      status: r.status as ReservationStatus,
      doseNumber: r.doseNumber,
      productName: productName(r.productCode)!,
      date,
      startTime,
      endTime,
      venueId,
      venueName,
      channel: r.channel,
      setFollower: r.setLeaderId !== null,
      active: (ACTIVE_STATUSES as readonly string[]).includes(r.status),
      deadline: deadline.toISOString(),
      pastDeadline: now.getTime() >= deadline.getTime(),
      mayManage: staffMay(actor, "booking.forCaller", { venueId }),
    };
  });

  const nextDose = nextDoseNumber(history);
  const earliestDate = earliestDoseDate(nextDose, history, ctx.tables.products, ctx.tables.boosterRules);
  const hasActive = callerReservations.some((r) => r.active);
  const judgeOn = earliestDate && earliestDate > today ? earliestDate : today;
  const products: ProductVerdict[] = ctx.tables.products
    .filter((p) => p.active)
    .map((p) => {
      const verdict = checkDoseRules({ birthDate: voucher.birthDate, history, tables: ctx.tables }, judgeOn, p.code);
      return { productCode: p.code, productName: p.name, ok: verdict.ok, reason: verdict.ok ? null : verdict.reason };
    });

  await recordAudit(db, actor, {
    action: "resident.view",
    entity: "voucher",
    entityId: voucher.id,
    voucherId: voucher.id,
    after: { page: "caller" },
  });

  return {
    ok: true,
    key,
    voucher: {
      id: voucher.id,
      voucherNumber: voucher.voucherNumber,
      municipalityCode: voucher.municipalityCode,
      outOfArea: voucher.municipalityCode !== ctx.settings.code,
      birthDate: voucher.birthDate,
      age: ageOn(voucher.birthDate, today),
      kanaName: voucher.kanaName,
      phone: voucher.phone,
      email: voucher.email,
      priorDoseCount: voucher.priorDoseCount,
      priorLastDoseDate: voucher.priorLastDoseDate,
      priorLastProductName: productName(voucher.priorLastProductCode),
    },
    doses: doseRows.map((d) => ({ ...d, productName: productName(d.productCode)! })),
    history,
    reservations: callerReservations,
    eligibility: {
      nextDose,
      earliestDate,
      blocker: hasActive ? "予約があるため、新しい予約はできません。予約の変更またはキャンセルをしてください。" : null,
      products,
      setBookingPossible: nextDose === 1 && !hasActive,
    },
    settings: { staffDeadlineOverride: ctx.settings.staffDeadlineOverride, callCenterPhone: ctx.settings.callCenterPhone },
  };
}
