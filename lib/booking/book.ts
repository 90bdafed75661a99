// Booking: normal, set (dose 1 + dose 2) and family (several vouchers, one slot).
// Capacity is taken by one conditional UPDATE in the database — never by reading the
// count in JavaScript — and the CHECK constraint on slots is the last line of defence.
// Each voucher row is locked (FOR UPDATE) for the transaction, so one voucher's
// bookings are serialised and the one-active-reservation rule cannot race.
import { randomInt, randomUUID } from "node:crypto";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf, tableRow } from "@/db/rows";
import { idempotencyKeys, reservations, slots, vouchers } from "@/db/schema";
import { actorIdForAudit, actorKindForAudit, type Actor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { countedRows, countingStatement, rateDecisions, type Counted, type RateChecks } from "@/lib/chatbot/rate-limit";
import { recordAudit } from "@/lib/audit/record-audit";
import { checkSlotBookable, checkVoucherRules, type DoseHistory, type EligibilityResult } from "@/lib/domain/eligibility";
import { tokyoDate } from "@/lib/domain/dates";
import { ACTIVE_STATUSES } from "@/lib/domain/reservation-status";
import { refusalFor } from "@/lib/rush/limits";
import { fieldModes, validatePersonal, type PersonalField, type PersonalInput } from "@/lib/domain/personal-fields";
import { bookingContextFor, doseHistoryOf, loadBookingContext, type BookingContext, type VoucherRow } from "./context";
import { asResult, pgErrorCode, RefusalError, refusal, type Refused } from "./result";

export type Channel = "web" | "line" | "ivr" | "operator" | "bulk";
export type SlotRow = typeof slots.$inferSelect;
export type ReservationRow = typeof reservations.$inferSelect;

/** A reservation number: 8 random digits and a check digit (catches a mistyped digit at reception). */
export function makeReservationNumber(): string {
  const body = String(randomInt(10_000_000, 100_000_000));
  return body + reservationCheckDigit(body);
}

export function reservationCheckDigit(body: string): string {
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}

export function isValidReservationNumber(value: string): boolean {
  return /^[0-9]{9}$/.test(value) && reservationCheckDigit(value.slice(0, 8)) === value[8];
}

/** Maps a database constraint violation that slipped past the checks to a clear refusal. */
export function bookingDbRefusal(e: unknown): Refused | null {
  const { code, constraint } = pgErrorCode(e);
  if (code === "23505" && constraint?.startsWith("reservations_one_active")) {
    return { ok: false, code: "active_reservation", reason: "すでに予約があります。予約の変更は「予約の確認・変更」から行ってください。" };
  }
  if (code === "23514" && constraint === "slots_capacity_never_exceeded") {
    return { ok: false, code: "slot_full", reason: "この予約枠は満員です。別の予約枠を選んでください。" };
  }
  if (code === "40P01") {
    return { ok: false, code: "busy", reason: "ただいま混み合っています。もう一度お試しください。" };
  }
  return null;
}

export async function lockVoucher(db: Db, voucherId: number): Promise<VoucherRow> {
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, voucherId)).for("update");
  if (!voucher) refusal("voucher_not_found", "接種券が見つかりません。");
  return voucher;
}

export async function hasActiveReservation(db: Db, voucherId: number): Promise<boolean> {
  const rows = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.voucherId, voucherId), inArray(reservations.status, [...ACTIVE_STATUSES])))
    .limit(1);
  return rows.length > 0;
}

/**
 * A one-time key (the booking form's, lib/booking/idempotency.ts bookOnce) that the booking claims
 * in the statement reading the voucher's facts and, when it books, stores its outcome in the
 * statement that writes the booking: the key costs no round trip of its own.
 */
export interface KeyClaim {
  key: string;
  scope: string;
}

/** The key was already there: an earlier submit of the same form (or another voucher's key). */
export class KeyTakenError extends Error {
  constructor() {
    super("idempotency key already used");
    this.name = "KeyTakenError";
  }
}

/**
 * What rules 1–5 read about a voucher besides its row: an active reservation, and the last dose
 * we recorded (a voided one is no dose, as in loadDoseHistory). One statement instead of two. Read after lockVoucher, in a statement of its own:
 * under READ COMMITTED a later statement sees what the previous holder of the lock committed,
 * whereas subqueries inside the locking statement would read the snapshot from before the wait.
 * With `claim`, the same statement inserts the one-time key (`claimed`: false when it was there);
 * a second submit of the same form waits on the voucher's lock, so it finds the first one's key.
 */
export async function loadVoucherFacts(
  db: Db,
  voucher: VoucherRow,
  claim?: KeyClaim,
): Promise<{ hasActive: boolean; history: DoseHistory; settingsToken: string | null; claimed: boolean }> {
  const active = sql.join(
    ACTIVE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const claiming = claim
    ? sql`with claimed as (insert into idempotency_keys (key, scope) values (${claim.key}, ${claim.scope}) on conflict (key) do nothing returning key) select exists (select 1 from claimed) as claimed,`
    : sql`select true as claimed,`;
  const result = await db.execute(sql`${claiming}
      exists (select 1 from reservations r where r.voucher_id = ${voucher.id} and r.status in (${active})) as has_active,
      d.dose_number, d.administered_on::text as administered_on, d.product_code,
      (select token from settings_version where id = 1) as settings_token
    from (select 1) one
    left join lateral (select dose_number, administered_on, product_code from dose_records
      where voucher_id = ${voucher.id} and voided_at is null order by dose_number desc limit 1) d on true`);
  const [row] = rowsOf<{
    claimed: boolean;
    has_active: boolean;
    dose_number: number | null;
    administered_on: string | null;
    product_code: string | null;
    settings_token: string | null;
  }>(result);
  const last = row!.dose_number === null ? null : { doseNumber: Number(row!.dose_number), date: row!.administered_on!, productCode: row!.product_code! };
  return { hasActive: row!.has_active, history: doseHistoryOf(voucher, last), settingsToken: row!.settings_token, claimed: row!.claimed };
}

// The slot's columns under names of their own ("slot.<column>"), beside the voucher's in one row.
const SLOT_COLUMNS = sql.raw(
  Object.values(getTableColumns(slots))
    .map((c) => `s."${c.name}" as "slot.${c.name}"`)
    .join(", "),
);

function slotOf(raw: Record<string, unknown>): SlotRow | null {
  if (raw["slot.id"] === null || raw["slot.id"] === undefined) return null;
  const row: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) if (name.startsWith("slot.")) row[name.slice(5)] = value;
  return tableRow(slots, row);
}

/**
 * The voucher locked for the transaction (as lockVoucher) and the slot as it stands (as loadSlot),
 * in one statement. The slot is read, not locked: its seat is taken by the conditional update.
 * With `limits`, the same statement counts the request against them (the resident's rate limits,
 * lib/rush/limits.ts bookingChecks) and returns the counters; their rows stay locked until the
 * transaction ends, which makes bookings from one address (at most its limit a minute) wait on
 * each other for a few milliseconds.
 */
export async function lockVoucherWithSlot(
  db: Db,
  voucherId: number,
  slotId: number,
  limits?: { checks: RateChecks; now: Date },
): Promise<{ voucher: VoucherRow; slot: SlotRow; counted: Counted[] }> {
  const counting = limits ? sql`with counted as (${countingStatement(limits.checks, limits.now)}) ` : sql``;
  const counters = limits
    ? sql`(select json_agg(counted) from counted)`
    : sql`null::json`;
  const result = await db.execute(sql`${counting}select v.*, ${SLOT_COLUMNS}, ${counters} as "counted"
    from vouchers v left join slots s on s.id = ${slotId}
    where v.id = ${voucherId}
    for update of v`);
  const [raw] = rowsOf<Record<string, unknown>>(result);
  if (!raw) refusal("voucher_not_found", "接種券が見つかりません。");
  const slot = slotOf(raw);
  if (!slot) refusal("slot_not_found", "予約枠が見つかりません。");
  const counted = (typeof raw.counted === "string" ? JSON.parse(raw.counted) : raw.counted) ?? [];
  return { voucher: tableRow(vouchers, raw), slot, counted: countedRows(counted) };
}

export async function loadSlot(db: Db, slotId: number): Promise<SlotRow> {
  const [slot] = await db.select().from(slots).where(eq(slots.id, slotId));
  if (!slot) refusal("slot_not_found", "予約枠が見つかりません。");
  return slot;
}

/** Who may book for whom, and where: residents for their own voucher, staff by the role matrix. */
export function assertMayBook(actor: Actor, voucherId: number, slot: SlotRow, now: Date): void {
  switch (actor.kind) {
    case "resident":
    case "ivr":
      if (actor.voucherId !== voucherId) refusal("forbidden", "この接種券の予約はできません。");
      return;
    case "staff":
      if (!staffMay(actor, "booking.forCaller", { venueId: slot.venueId, today: tokyoDate(now), date: slot.date })) {
        refusal("forbidden", "この会場の予約を操作する権限がありません。");
      }
      return;
    case "system":
      return;
  }
}

/**
 * Takes `seats` seats in one atomic conditional update; refuses when the slot is full or closed. Seats held for
 * a waitlist offer are not free (seats_left = capacity + overbooking − booked − held).
 */
export async function takeSeats(db: Db, slotId: number, seats: number): Promise<void> {
  const updated = await db
    .update(slots)
    .set({ bookedCount: sql`${slots.bookedCount} + ${seats}`, updatedAt: new Date() })
    .where(and(eq(slots.id, slotId), eq(slots.status, "open"), sql`${slots.seatsLeft} >= ${seats}`))
    .returning({ id: slots.id });
  if (updated.length === 0) {
    refusal(
      "slot_full",
      seats > 1
        ? `この予約枠には${seats}人分の空きがありません。別の予約枠を選んでください。`
        : "この予約枠は満員になりました。別の予約枠を選んでください。",
    );
  }
}

export async function releaseSeat(db: Db, slotId: number): Promise<void> {
  await db
    .update(slots)
    .set({ bookedCount: sql`${slots.bookedCount} - 1`, updatedAt: new Date() })
    .where(eq(slots.id, slotId));
}

export async function insertReservation(
  db: Db,
  values: Omit<typeof reservations.$inferInsert, "reservationNumber">,
): Promise<ReservationRow> {
  // A random number can collide: ON CONFLICT on the number only (other unique violations still raise).
  for (let attempt = 0; attempt < 8; attempt++) {
    const [row] = await db
      .insert(reservations)
      .values({ ...values, reservationNumber: makeReservationNumber() })
      .onConflictDoNothing({ target: reservations.reservationNumber })
      .returning();
    if (row) return row;
  }
  throw new Error("could not allocate a reservation number");
}

function unwrap(result: EligibilityResult): number {
  if (!result.ok) refusal(result.code, result.reason, undefined, result.params);
  return result.doseNumber;
}

interface Staffing {
  actor: Actor;
  channel: Channel;
  now?: Date;
}

/** Staff book outside the residents' booking window and before the opening date. */
function isStaff(actor: Actor): boolean {
  return actor.kind === "staff";
}

/** Rules 1–5 and the opening date for one (locked) voucher; returns the dose number. */
export async function checkVoucher(
  db: Db,
  ctx: BookingContext,
  voucher: VoucherRow,
  slot: SlotRow,
  now: Date,
  actor: Actor,
  setLeader?: { date: string; productCode: string },
): Promise<number> {
  const facts = await loadVoucherFacts(db, voucher);
  return unwrap(
    checkVoucherRules({
      birthDate: voucher.birthDate,
      history: facts.history,
      hasActiveReservation: facts.hasActive,
      setLeader: setLeader ?? null,
      date: slot.date,
      productCode: slot.productCode,
      tables: ctx.tables,
      now,
      ignoreWindow: isStaff(actor),
    }),
  );
}

/** Rule 6 for `seats` seats: open, not past, within the window, enough room (advisory; takeSeats decides). */
function checkSlot(ctx: BookingContext, slot: SlotRow, now: Date, actor: Actor, seats = 1): void {
  if (slot.offerOnly) refusal("offer_only", "この予約枠は、余剰ワクチンのご案内を受け取った方だけが予約できます。");
  const refused = checkSlotBookable(
    {
      date: slot.date,
      startTime: slot.startTime,
      productCode: slot.productCode,
      status: slot.status as "open" | "closed",
      remaining: slot.seatsLeft - (seats - 1),
    },
    ctx.settings,
    now,
    isStaff(actor),
  );
  if (refused) refusal(refused.code, refused.reason, undefined, refused.params);
}

function reservationSnapshot(r: Pick<ReservationRow, "reservationNumber" | "slotId" | "doseNumber" | "productCode" | "status" | "bookingGroupId" | "setLeaderId">) {
  return {
    reservationNumber: r.reservationNumber,
    slotId: r.slotId,
    doseNumber: r.doseNumber,
    productCode: r.productCode,
    status: r.status,
    bookingGroupId: r.bookingGroupId,
    setLeaderId: r.setLeaderId,
  };
}
export { reservationSnapshot };

export interface BookInput extends Staffing {
  voucherId: number;
  slotId: number;
  /**
   * The personal fields the municipality enabled, as typed on the booking form. Omitted by
   * channels that cannot ask for them (IVR): then nothing is required or changed.
   */
  personal?: PersonalInput;
  /** Reservations made together in one batch (一括予約) share a group id. */
  bookingGroupId?: string;
  /** The resident's rate limits (lib/rush/limits.ts bookingChecks), counted with the voucher's lock. */
  rateLimits?: RateChecks;
}

/** The personal fields the municipality asks for, validated against its settings (refused when wrong), to store on the voucher. */
function personalToStore(ctx: BookingContext, personal: PersonalInput): { fields: PersonalField[]; values: Partial<Record<PersonalField, string>> } {
  const checked = validatePersonal(ctx.settings, personal);
  if (!checked.ok) refusal("invalid_personal", "入力内容を確認してください。", checked.fieldErrors);
  const modes = fieldModes(ctx.settings);
  const fields = (["kanaName", "phone", "email"] as const).filter((f) => modes[f] !== "off");
  return { fields, values: Object.fromEntries(fields.map((f) => [f, checked.values[f]])) };
}

/** Validates the personal fields against the municipality's settings and stores them on the voucher. */
async function savePersonal(db: Db, ctx: BookingContext, voucherId: number, personal: PersonalInput): Promise<PersonalField[]> {
  const { fields, values } = personalToStore(ctx, personal);
  if (fields.length > 0) await db.update(vouchers).set({ ...values, updatedAt: new Date() }).where(eq(vouchers.id, voucherId));
  return fields;
}

export interface SeatAndBook {
  voucherId: number;
  slotId: number;
  doseNumber: number;
  productCode: string;
  channel: Channel;
  bookingGroupId: string | null;
  actor: Actor;
  personal: { fields: PersonalField[]; values: Partial<Record<PersonalField, string>> } | null;
  /** A one-time key claimed in this transaction (bookOnce): its outcome is stored with the booking, in the same statement. */
  keepOutcomeFor?: string;
}

/** What a one-time key keeps of a booking (bookOnce returns it again to a repeated submit). */
export function bookedOutcome(reservationNumber: string): { ok: true; number: string } {
  return { ok: true, number: reservationNumber };
}

/**
 * One seat, the voucher's personal fields, the reservation and its audit row in one statement
 * (each a data-modifying CTE hanging on the seat): when the slot has no seat left nothing at all
 * is written and the booking is refused. A random reservation number already taken (rare: the
 * insert then returns nothing while the seat is ours) is drawn again as insertReservation does.
 * `draw` is the number's source (a test passes a taken one).
 */
export async function takeSeatAndBook(db: Db, b: SeatAndBook, draw: () => string = makeReservationNumber): Promise<ReservationRow> {
  const reservationNumber = draw();
  const staffId = b.actor.kind === "staff" ? b.actor.staffId : null;
  const personalFields = b.personal?.fields ?? [];
  // Which personal fields were stored, never their values.
  const after = (r: Parameters<typeof reservationSnapshot>[0]) => ({ ...reservationSnapshot(r), personalFields });
  const inserted = { reservationNumber, slotId: b.slotId, doseNumber: b.doseNumber, productCode: b.productCode, status: "booked", bookingGroupId: b.bookingGroupId, setLeaderId: null };
  const personal =
    personalFields.length > 0
      ? sql`, personal as (update vouchers set ${sql.join(
          personalFields.map((f) => sql`${sql.identifier(vouchers[f].name)} = ${b.personal!.values[f] ?? null}`),
          sql`, `,
        )}, updated_at = now() where id = ${b.voucherId} and exists (select 1 from seat))`
      : sql``;
  const result = await db.execute(sql`with seat as (
      update slots set booked_count = booked_count + 1, updated_at = now()
      where id = ${b.slotId} and status = 'open' and seats_left >= 1 returning id
    )${personal}, booked as (
      insert into reservations (reservation_number, voucher_id, slot_id, dose_number, product_code, status, channel, booking_group_id, created_by_staff_id)
      select ${reservationNumber}::text, ${b.voucherId}::bigint, seat.id, ${b.doseNumber}::int, ${b.productCode}::text, 'booked', ${b.channel}::text,
        ${b.bookingGroupId}::uuid, ${staffId}::int
      from seat
      on conflict (reservation_number) do nothing
      returning *
    ), audited as (
      insert into audit_log (actor_kind, actor_id, action, entity, entity_id, voucher_id, after)
      select ${actorKindForAudit(b.actor)}::text, ${actorIdForAudit(b.actor)}::text, 'reservation.book', 'reservation', booked.id::text, ${b.voucherId}::bigint,
        ${JSON.stringify(after(inserted))}::jsonb
      from booked
    )${
      b.keepOutcomeFor === undefined
        ? sql``
        : sql`, kept as (
      update idempotency_keys set outcome = jsonb_build_object('ok', true, 'number', booked.reservation_number)
      from booked where idempotency_keys.key = ${b.keepOutcomeFor}
    )`
    }
    select exists (select 1 from seat) as seated, booked.* from (select 1) one left join booked on true`);
  const [row] = rowsOf<Record<string, unknown> & { seated: boolean }>(result);
  if (!row!.seated) refusal("slot_full", "この予約枠は満員になりました。別の予約枠を選んでください。");
  if (row!.id !== null && row!.id !== undefined) return tableRow(reservations, row!);
  const reservation = await insertReservation(db, {
    voucherId: b.voucherId,
    slotId: b.slotId,
    doseNumber: b.doseNumber,
    productCode: b.productCode,
    channel: b.channel,
    bookingGroupId: b.bookingGroupId,
    createdByStaffId: staffId,
  });
  await recordAudit(db, b.actor, { action: "reservation.book", entity: "reservation", entityId: reservation.id, voucherId: b.voucherId, after: after(reservation) });
  if (b.keepOutcomeFor !== undefined) {
    await db.update(idempotencyKeys).set({ outcome: bookedOutcome(reservation.reservationNumber) }).where(eq(idempotencyKeys.key, b.keepOutcomeFor));
  }
  return reservation;
}

/**
 * Books one voucher into one slot inside the caller's transaction, in three statements: the voucher
 * locked with the slot read, the voucher's facts with the settings' version (and the one-time key
 * claimed), then the seat, the personal fields, the reservation, its audit row (and the key's
 * outcome) together. Every refusal is thrown before that last statement or by it having written
 * nothing, so a refused booking has written nothing but the key, and the transaction may go on
 * without a savepoint (bookClaiming).
 */
async function bookInto(tx: Db, input: BookInput, claim?: KeyClaim): Promise<{ reservation: ReservationRow }> {
  const now = input.now ?? new Date();
  const limits = input.rateLimits ? { checks: input.rateLimits, now } : undefined;
  const { voucher, slot, counted } = await lockVoucherWithSlot(tx, input.voucherId, input.slotId, limits);
  const limited = limits ? refusalFor(rateDecisions(limits.checks, counted, now)) : null;
  if (limited) refusal(limited.code, limited.reason, undefined, limited.params);
  assertMayBook(input.actor, voucher.id, slot, now);
  const facts = await loadVoucherFacts(tx, voucher, claim);
  if (!facts.claimed) throw new KeyTakenError();
  const ctx = await bookingContextFor(tx, facts.settingsToken);
  const doseNumber = unwrap(
    checkVoucherRules({
      birthDate: voucher.birthDate,
      history: facts.history,
      hasActiveReservation: facts.hasActive,
      setLeader: null,
      date: slot.date,
      productCode: slot.productCode,
      tables: ctx.tables,
      now,
      ignoreWindow: isStaff(input.actor),
    }),
  );
  checkSlot(ctx, slot, now, input.actor);
  const reservation = await takeSeatAndBook(tx, {
    voucherId: voucher.id,
    slotId: slot.id,
    doseNumber,
    productCode: slot.productCode,
    channel: input.channel,
    bookingGroupId: input.bookingGroupId ?? null,
    actor: input.actor,
    personal: input.personal ? personalToStore(ctx, input.personal) : null,
    keepOutcomeFor: claim?.key,
  });
  return { reservation };
}

/** Books one voucher into one slot, in a transaction of its own (a savepoint inside the caller's). */
export async function bookSlot(db: Db, input: BookInput) {
  return asResult(() => db.transaction((tx) => bookInto(tx, input)), bookingDbRefusal);
}

/**
 * bookSlot as one step of the caller's transaction (bookOnce's), claiming the form's one-time key
 * on the way: a refusal is a value and has written nothing but the key; a key already there
 * throws KeyTakenError; a database error is thrown, so the whole transaction rolls back (the
 * caller maps it with bookingDbRefusal).
 */
export function bookClaiming(tx: Db, input: BookInput, claim: KeyClaim) {
  return asResult(() => bookInto(tx, input, claim));
}

export interface BookSetInput extends Staffing {
  voucherId: number;
  firstSlotId: number;
  secondSlotId: number;
  /** As for bookSlot: the municipality's personal fields, validated and stored in the same transaction. */
  personal?: PersonalInput;
}

/** セット予約: dose 1 and dose 2 together; dose 2 follows dose 1's product and interval. */
export async function bookSet(db: Db, input: BookSetInput) {
  const now = input.now ?? new Date();
  return asResult(
    () =>
      db.transaction(async (tx) => {
        const voucher = await lockVoucher(tx, input.voucherId);
        const first = await loadSlot(tx, input.firstSlotId);
        const second = await loadSlot(tx, input.secondSlotId);
        assertMayBook(input.actor, voucher.id, first, now);
        assertMayBook(input.actor, voucher.id, second, now);
        const ctx = await loadBookingContext(tx);
        const firstDose = await checkVoucher(tx, ctx, voucher, first, now, input.actor);
        if (firstDose !== 1) {
          refusal("set_not_first_dose", "セット予約は1回目と2回目をまとめて予約するものです。1回目の接種がお済みの方は通常の予約をしてください。");
        }
        await checkVoucher(tx, ctx, voucher, second, now, input.actor, { date: first.date, productCode: first.productCode });
        checkSlot(ctx, first, now, input.actor);
        checkSlot(ctx, second, now, input.actor);
        const personalFields = input.personal ? await savePersonal(tx, ctx, voucher.id, input.personal) : [];
        // Lock both slots in id order so two set bookings never wait on each other crosswise.
        for (const s of [first, second].sort((a, b) => a.id - b.id)) await takeSeats(tx, s.id, 1);
        const groupId = randomUUID();
        const common = {
          voucherId: voucher.id,
          channel: input.channel,
          bookingGroupId: groupId,
          createdByStaffId: input.actor.kind === "staff" ? input.actor.staffId : null,
        };
        const leader = await insertReservation(tx, { ...common, slotId: first.id, doseNumber: 1, productCode: first.productCode });
        const follower = await insertReservation(tx, {
          ...common,
          slotId: second.id,
          doseNumber: 2,
          productCode: second.productCode,
          setLeaderId: leader.id,
        });
        for (const r of [leader, follower]) {
          await recordAudit(tx, input.actor, {
            action: "reservation.book_set",
            entity: "reservation",
            entityId: r.id,
            voucherId: voucher.id,
            after: { ...reservationSnapshot(r), personalFields },
          });
        }
        return { reservations: [leader, follower] as const };
      }),
    bookingDbRefusal,
  );
}

export type GroupMember = { voucherId: number } | { voucherNumber: string; birthDate: string; municipalityCode?: string };

export interface BookGroupInput extends Staffing {
  members: readonly GroupMember[];
  slotId: number;
}

export interface MemberOutcome {
  voucherNumber: string;
  ok: boolean;
  reason?: string;
  /** The refusal's code and values, for other languages. */
  code?: string;
  params?: Record<string, string | number>;
}

/**
 * 同時予約: several people into the same slot, each voucher verified by its own birth
 * date; all or none. A resident may name their own voucher by id (their session) and
 * everyone else by voucher number + birth date.
 */
export async function bookGroup(db: Db, input: BookGroupInput) {
  const now = input.now ?? new Date();
  return asResult(
    () =>
      db.transaction(async (tx) => {
        const ctx = await loadBookingContext(tx);
        if (input.members.length === 0) refusal("group_empty", "予約する方を選んでください。");
        if (input.members.length > ctx.settings.maxGroupSize) {
          refusal("group_too_large", `同時に予約できるのは${ctx.settings.maxGroupSize}人までです。`, undefined, { max: ctx.settings.maxGroupSize });
        }
        const slot = await loadSlot(tx, input.slotId);
        const ids: number[] = [];
        const outcomes: MemberOutcome[] = [];
        for (const m of input.members) {
          if ("voucherId" in m) {
            ids.push(m.voucherId);
            continue;
          }
          const [found] = await tx
            .select({ id: vouchers.id, birthDate: vouchers.birthDate })
            .from(vouchers)
            .where(and(eq(vouchers.municipalityCode, m.municipalityCode ?? ctx.settings.code), eq(vouchers.voucherNumber, m.voucherNumber)));
          if (!found || found.birthDate !== m.birthDate) {
            outcomes.push({ voucherNumber: m.voucherNumber, ok: false, code: "invalid", reason: "接種券番号または生年月日が正しくありません。" });
          } else {
            ids.push(found.id);
          }
        }
        if (new Set(ids).size !== ids.length) refusal("group_duplicate", "同じ接種券が重複しています。");
        // Lock every voucher in id order: two family bookings never deadlock on each other.
        const locked: VoucherRow[] = [];
        for (const id of [...ids].sort((a, b) => a - b)) locked.push(await lockVoucher(tx, id));
        // Residents name only themselves by id: anyone else must come with a birth date.
        if (input.actor.kind === "resident" || input.actor.kind === "ivr") {
          const self = input.actor.voucherId;
          if (input.members.some((m) => "voucherId" in m && m.voucherId !== self)) {
            refusal("forbidden", "ご家族の接種券は、接種券番号と生年月日で確認してください。");
          }
        }
        const doses = new Map<number, number>();
        for (const voucher of locked) {
          try {
            assertMayBook(input.actor.kind === "staff" ? input.actor : { kind: "system", name: "group" }, voucher.id, slot, now);
            doses.set(voucher.id, await checkVoucher(tx, ctx, voucher, slot, now, input.actor));
            outcomes.push({ voucherNumber: voucher.voucherNumber, ok: true });
          } catch (e) {
            if (!(e instanceof RefusalError)) throw e;
            outcomes.push({ voucherNumber: voucher.voucherNumber, ok: false, reason: e.reason, code: e.code, params: e.params });
          }
        }
        if (outcomes.some((o) => !o.ok)) {
          refusal("member_refused", "予約できない方がいるため、どなたの予約も行いませんでした。", outcomes);
        }
        checkSlot(ctx, slot, now, input.actor, locked.length);
        await takeSeats(tx, slot.id, locked.length);
        const groupId = randomUUID();
        const booked: ReservationRow[] = [];
        for (const voucher of locked) {
          const reservation = await insertReservation(tx, {
            voucherId: voucher.id,
            slotId: slot.id,
            doseNumber: doses.get(voucher.id)!,
            productCode: slot.productCode,
            channel: input.channel,
            bookingGroupId: groupId,
            createdByStaffId: input.actor.kind === "staff" ? input.actor.staffId : null,
          });
          await recordAudit(tx, input.actor, {
            action: "reservation.book_group",
            entity: "reservation",
            entityId: reservation.id,
            voucherId: voucher.id,
            after: reservationSnapshot(reservation),
          });
          booked.push(reservation);
        }
        return { reservations: booked, groupId };
      }),
    bookingDbRefusal,
  );
}
