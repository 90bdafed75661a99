/** @jest-environment node */
// The booking's write is one statement (lib/booking/book.ts takeSeatAndBook): the seat, the
// voucher's personal fields, the reservation and its audit row, all or nothing. Without a seat
// nothing is written, which lets the resident's 確定 book inside bookOnce's transaction without a
// savepoint; a reservation number already taken is drawn again with the seat still held once.
import { eq } from "drizzle-orm";
import { auditLog, idempotencyKeys, reservations, slots, vouchers } from "@/db/schema";
import { bookSlot, takeSeatAndBook } from "@/lib/booking/book";
import { bookOnce, newIdempotencyKey } from "@/lib/booking/idempotency";
import { setUpTestDatabase } from "./harness";
import { createSlot, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase((db) => setupMunicipality(db, { fieldKanaName: "required", fieldPhone: "required", fieldEmail: "off" }));
const personal = { kanaName: "やまだ はなこ", phone: "090-1111-2222", email: "" };

async function seats(slotId: number) {
  const [row] = await t.db.select({ booked: slots.bookedCount }).from(slots).where(eq(slots.id, slotId));
  return row!.booked;
}

describe("the booking's write statement", () => {
  it("writes the seat, the personal fields, the reservation and its audit row together", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const voucher = await createVoucher(t.db);
    const result = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: { kind: "resident", voucherId: voucher.id, channel: "web" }, channel: "web", personal, now: NOW });
    if (!result.ok) throw new Error(result.reason);
    expect(result.reservation).toMatchObject({ voucherId: voucher.id, slotId: slot.id, doseNumber: 1, status: "booked", channel: "web", setLeaderId: null });
    expect(result.reservation.createdAt).toBeInstanceOf(Date);
    expect(await seats(slot.id)).toBe(1);
    const [stored] = await t.db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
    expect(stored).toMatchObject({ kanaName: "ヤマダ　ハナコ", phone: "09011112222" });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, String(result.reservation.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: "resident", actorId: `voucher:${voucher.id}`, action: "reservation.book", entity: "reservation", voucherId: voucher.id });
    expect(audit[0]!.after).toEqual({
      reservationNumber: result.reservation.reservationNumber,
      slotId: slot.id,
      doseNumber: 1,
      productCode: "PFIZER",
      status: "booked",
      bookingGroupId: null,
      setLeaderId: null,
      personalFields: ["kanaName", "phone"],
    });
  });

  it("refused for want of a seat inside bookOnce, keeps the refusal with the key and has written nothing else", async () => {
    const venue = await createVenue(t.db);
    const full = await createSlot(t.db, { venueId: venue.id, capacity: 0 });
    const voucher = await createVoucher(t.db);
    const key = newIdempotencyKey();
    const once = await bookOnce(t.db, key, { voucherId: voucher.id, slotId: full.id, actor: { kind: "resident", voucherId: voucher.id, channel: "web" }, channel: "web", personal, now: NOW });
    expect(once).toMatchObject({ outcome: { ok: false, code: "slot_full" }, repeated: false });
    expect(await seats(full.id)).toBe(0);
    const [stored] = await t.db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
    expect(stored).toMatchObject({ kanaName: null, phone: null });
    expect(await t.db.select().from(reservations).where(eq(reservations.voucherId, voucher.id))).toHaveLength(0);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.voucherId, voucher.id))).toHaveLength(0);
    const [kept] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(kept!.outcome).toEqual({ ok: false, code: "slot_full", reason: expect.stringContaining("満員"), params: null });
  });

  it("draws another number when the first is taken, the seat taken once and the audit row naming the number given", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const first = await createVoucher(t.db);
    const second = await createVoucher(t.db);
    const earlier = await bookSlot(t.db, { voucherId: first.id, slotId: slot.id, actor: { kind: "system", name: "test" }, channel: "web", now: NOW });
    if (!earlier.ok) throw new Error(earlier.reason);
    const taken = earlier.reservation.reservationNumber;
    const reservation = await t.db.transaction((tx) =>
      takeSeatAndBook(
        tx,
        { voucherId: second.id, slotId: slot.id, doseNumber: 1, productCode: "PFIZER", channel: "operator", bookingGroupId: null, actor: { kind: "system", name: "test" }, personal: null },
        () => taken,
      ),
    );
    expect(reservation.reservationNumber).not.toBe(taken);
    expect(reservation).toMatchObject({ voucherId: second.id, slotId: slot.id, channel: "operator" });
    expect(await seats(slot.id)).toBe(2);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.voucherId, second.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ reservationNumber: reservation.reservationNumber, personalFields: [] });
  });

  it("keeps the one-time key's outcome in the statement that books, and with the number drawn again", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const [first, second] = [await createVoucher(t.db), await createVoucher(t.db)];
    const key = newIdempotencyKey();
    const once = await bookOnce(t.db, key, { voucherId: first.id, slotId: slot.id, actor: { kind: "resident", voucherId: first.id, channel: "web" }, channel: "web", personal, now: NOW });
    if ("conflict" in once || !once.outcome.ok) throw new Error(`not booked: ${JSON.stringify(once)}`);
    const [kept] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(kept).toMatchObject({ scope: `voucher:${first.id}`, outcome: { ok: true, number: once.outcome.number } });

    const other = newIdempotencyKey();
    await t.db.insert(idempotencyKeys).values({ key: other, scope: `voucher:${second.id}` });
    const reservation = await t.db.transaction((tx) =>
      takeSeatAndBook(
        tx,
        { voucherId: second.id, slotId: slot.id, doseNumber: 1, productCode: "PFIZER", channel: "web", bookingGroupId: null, actor: { kind: "system", name: "test" }, personal: null, keepOutcomeFor: other },
        () => (once.outcome.ok ? once.outcome.number : ""),
      ),
    );
    expect(reservation.reservationNumber).not.toBe(once.outcome.number);
    const [keptAgain] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, other));
    expect(keptAgain!.outcome).toEqual({ ok: true, number: reservation.reservationNumber });
  });
});
