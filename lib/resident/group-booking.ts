// セット予約 and 同時予約 on the resident site: what the web doors need around bookSet and
// bookGroup — the dose-1 slot with the earliest dose-2 date, the family rows typed on the form,
// the login-like check of each family member, and recognising a repeated submission.
// Nothing here books: the booking services decide.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { reservations, slots, vouchers } from "@/db/schema";
import { verifyVoucherCredentials, type ResidentLoginResult } from "@/lib/auth/resident-login";
import type { MemberOutcome } from "@/lib/booking/book";
import { loadBookingContext, loadDoseHistory } from "@/lib/booking/context";
import { isValidIsoDate, type IsoDate } from "@/lib/domain/dates";
import { earliestDoseDate, nextDoseNumber } from "@/lib/domain/eligibility";
import { digitsOnly, normalizeVoucherNumber } from "@/lib/domain/normalize";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import type { Messages } from "@/lib/i18n";
import { slotOptionsFor, type SearchPurpose, type SlotOption } from "./slot-search";

/** A slot id from the URL, or null (never a 500 for `/book/abc`). */
export function parseSlotId(value: string | undefined): number | null {
  return value && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : null;
}

/** One slot as this voucher sees it (bookable or not, with the reason); null when there is no such slot. */
export async function slotOptionFor(
  db: Db,
  voucherId: number,
  slotId: number,
  now = new Date(),
  purpose?: SearchPurpose,
): Promise<SlotOption | null> {
  const [slot] = await db.select({ date: slots.date }).from(slots).where(eq(slots.id, slotId));
  if (!slot) return null;
  const options = await slotOptionsFor(db, voucherId, { from: slot.date, to: slot.date }, now, purpose);
  return options.find((o) => o.slotId === slotId) ?? null;
}

// ---------------------------------------------------------------------------------------------
// セット予約

/** Whether a set booking starting with this dose-1 slot is offered, and from when dose 2 may be chosen. */
export type SetOffer = { offered: true; earliestSecond: IsoDate } | { offered: false; why: "not_first_dose" | "no_second_dose" };

export interface SetStart {
  first: SlotOption;
  offer: SetOffer;
}

/**
 * The dose-1 slot of a set booking and the earliest dose-2 date, judged as if dose 1 were
 * given in that slot (as bookSet does). Offered only to a voucher whose next dose is 1.
 * The municipality has no setting for set booking (db/schema.ts `municipality`): always allowed.
 */
export async function loadSetStart(db: Db, voucherId: number, firstSlotId: number, now = new Date()): Promise<SetStart | null> {
  const first = await slotOptionFor(db, voucherId, firstSlotId, now);
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, voucherId));
  if (!first || !voucher) return null;
  const history = await loadDoseHistory(db, voucher);
  if (nextDoseNumber(history) !== 1) return { first, offer: { offered: false, why: "not_first_dose" } };
  const { tables } = await loadBookingContext(db);
  const earliestSecond = earliestDoseDate(
    2,
    { count: 1, lastDoseDate: first.date, lastProductCode: first.productCode },
    tables.products,
    tables.boosterRules,
  );
  return earliestSecond === null
    ? { first, offer: { offered: false, why: "no_second_dose" } }
    : { first, offer: { offered: true, earliestSecond } };
}

/** Both slots of a set booking as this voucher sees them; null when either slot does not exist. */
export async function loadSetPair(db: Db, voucherId: number, firstSlotId: number, secondSlotId: number, now = new Date()) {
  const start = await loadSetStart(db, voucherId, firstSlotId, now);
  if (!start) return null;
  const purpose: SearchPurpose = { kind: "set_second", first: { date: start.first.date, productCode: start.first.productCode } };
  const second = await slotOptionFor(db, voucherId, secondSlotId, now, purpose);
  return second ? { ...start, second } : null;
}

/**
 * A repeated 「2回分を予約する」 (double click, reload after the answer was lost): when the voucher
 * already holds exactly these two active reservations as one set, the first submission
 * succeeded. Returns the dose-1 reservation number, or null.
 */
export async function findSameSet(db: Db, voucherId: number, firstSlotId: number, secondSlotId: number): Promise<string | null> {
  const active = await db
    .select({
      id: reservations.id,
      reservationNumber: reservations.reservationNumber,
      slotId: reservations.slotId,
      doseNumber: reservations.doseNumber,
      setLeaderId: reservations.setLeaderId,
    })
    .from(reservations)
    .where(and(eq(reservations.voucherId, voucherId), inArray(reservations.status, [...ACTIVE_STATUSES])));
  if (active.length !== 2) return null;
  const leader = active.find((r) => r.setLeaderId === null && r.doseNumber === 1 && r.slotId === firstSlotId);
  const follower = active.find((r) => leader && r.setLeaderId === leader.id && r.doseNumber === 2 && r.slotId === secondSlotId);
  return leader && follower ? leader.reservationNumber : null;
}

// ---------------------------------------------------------------------------------------------
// 同時予約

export interface FamilyMember {
  voucherNumber: string;
  birthDate: IsoDate;
}

/** The form's field names for the family member in row `index` (row 0 is the 2nd person). */
export const familyField = (index: number, field: "voucherNumber" | "year" | "month" | "day") => `member${index}.${field}`;
const FAMILY_FIELD = /^member([0-9]{1,2})\.(voucherNumber|year|month|day)$/;

export type FamilyParse =
  | { ok: true; members: FamilyMember[] }
  | { ok: false; message?: string; fieldErrors: Record<string, string> };

type GroupMessages = Messages["group"];

function familyRow(t: GroupMessages) {
  const digits = (pattern: RegExp, message: string) => z.string().transform(digitsOnly).pipe(z.string().regex(pattern, message));
  return z.object({
    voucherNumber: z.string().transform((value, ctx) => {
      const normalized = normalizeVoucherNumber(value);
      if (normalized === null) ctx.addIssue({ code: "custom", message: t.errVoucher });
      return normalized ?? value;
    }),
    year: digits(/^[0-9]{4}$/, t.errYear),
    month: digits(/^[0-9]{1,2}$/, t.errMonth),
    day: digits(/^[0-9]{1,2}$/, t.errDay),
  });
}

/**
 * The family members typed on the 同時予約 form (接種券番号 + 生年月日, full-width digits
 * accepted). Field errors are keyed by the field name (`member0.voucherNumber`, …).
 * `maxMembers` is the group size allowed minus the resident themself.
 */
export function parseFamilyForm(form: FormData, limits: { maxMembers: number; ownVoucherNumber: string }, t: GroupMessages): FamilyParse {
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    const match = FAMILY_FIELD.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = Number(match[1]);
    rows.set(index, { ...rows.get(index), [match[2]!]: value });
  }
  const indexes = [...rows.keys()].sort((a, b) => a - b);
  if (indexes.length === 0) return { ok: false, message: t.errNoMembers, fieldErrors: {} };
  if (indexes.length > limits.maxMembers) return { ok: false, message: t.errTooMany(limits.maxMembers + 1), fieldErrors: {} };

  const schema = familyRow(t);
  const members: FamilyMember[] = [];
  const fieldErrors: Record<string, string> = {};
  const seen = new Set([limits.ownVoucherNumber]);
  for (const index of indexes) {
    const raw = rows.get(index)!;
    const parsed = schema.safeParse({ voucherNumber: raw.voucherNumber ?? "", year: raw.year ?? "", month: raw.month ?? "", day: raw.day ?? "" });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fieldErrors[`member${index}.${String(issue.path[0])}`] ??= issue.message;
      continue;
    }
    const { voucherNumber, year, month, day } = parsed.data;
    const birthDate = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
    if (!isValidIsoDate(birthDate)) {
      fieldErrors[familyField(index, "day")] = t.errNoSuchDay;
      continue;
    }
    if (seen.has(voucherNumber)) {
      fieldErrors[familyField(index, "voucherNumber")] = voucherNumber === limits.ownVoucherNumber ? t.errSelf : t.errDuplicate;
      continue;
    }
    seen.add(voucherNumber);
    members.push({ voucherNumber, birthDate });
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, message: undefined, fieldErrors } : { ok: true, members };
}

export async function voucherNumberOf(db: Db, voucherId: number): Promise<string | null> {
  const [row] = await db.select({ voucherNumber: vouchers.voucherNumber }).from(vouchers).where(eq(vouchers.id, voucherId));
  return row?.voucherNumber ?? null;
}

/**
 * Naming a family member by 接種券番号 + 生年月日 is a login: each member goes through the same
 * check as /login (verifyVoucherCredentials: voucher lockout, client slow-down and block), so this form
 * cannot be used to try birth dates without limit. bookGroup verifies the birth date again
 * but counts nothing; book only when every member here passed.
 */
export async function verifyFamilyMembers(
  db: Db,
  members: readonly FamilyMember[],
  caller: { clientKey: string; channel: "web" | "line"; now?: Date; sleep?: (ms: number) => Promise<void> },
): Promise<ResidentLoginResult[]> {
  const results: ResidentLoginResult[] = [];
  for (const m of members) results.push(await verifyVoucherCredentials(db, { ...m, ...caller }));
  return results;
}

/**
 * A repeated 「全員分を予約する」: the resident already holds an active reservation in this slot,
 * booked together with exactly these vouchers. Returns the resident's reservation number, or null.
 */
export async function findSameGroup(db: Db, voucherId: number, slotId: number, voucherNumbers: readonly string[]): Promise<string | null> {
  const [own] = await db
    .select({ reservationNumber: reservations.reservationNumber, groupId: reservations.bookingGroupId })
    .from(reservations)
    .where(
      and(
        eq(reservations.voucherId, voucherId),
        eq(reservations.slotId, slotId),
        isNull(reservations.setLeaderId),
        inArray(reservations.status, [...ACTIVE_STATUSES]),
      ),
    );
  if (!own?.groupId) return null;
  const booked = await db
    .select({ voucherNumber: vouchers.voucherNumber })
    .from(reservations)
    .innerJoin(vouchers, eq(vouchers.id, reservations.voucherId))
    .where(and(eq(reservations.bookingGroupId, own.groupId), inArray(reservations.status, [...ACTIVE_STATUSES])));
  const wanted = new Set(voucherNumbers);
  const same = booked.length === wanted.size && booked.every((b) => wanted.has(b.voucherNumber));
  return same ? own.reservationNumber : null;
}

/**
 * bookGroup's per-person outcomes (in voucher-id order) placed on the form's rows: "self" for
 * the resident, the row index for a family member. Only the refused ones.
 */
export function refusedByRow(
  outcomes: readonly MemberOutcome[],
  ownVoucherNumber: string,
  members: readonly FamilyMember[],
): Map<string, MemberOutcome> {
  const rows = new Map<string, MemberOutcome>();
  for (const outcome of outcomes) {
    if (outcome.ok) continue;
    const index = members.findIndex((x) => x.voucherNumber === outcome.voucherNumber);
    if (outcome.voucherNumber === ownVoucherNumber) rows.set("self", outcome);
    else if (index >= 0) rows.set(String(index), outcome);
  }
  return rows;
}
