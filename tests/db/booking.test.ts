/** @jest-environment node */
// The booking service against a real database: PGlite here, real PostgreSQL in CI.
import { and, eq } from "drizzle-orm";
import { auditLog, doseRecords, reservations, slots, vouchers } from "@/db/schema";
import { bookGroup, bookSet, bookSlot, isValidReservationNumber } from "@/lib/booking/book";
import { cancelReservation, changeReservation } from "@/lib/booking/manage";
import { checkIn, recordDose, recordNoShow, recordScreenedOnly } from "@/lib/booking/venue-operations";
import type { Actor } from "@/lib/auth/actor";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality, TODAY } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);

const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });

async function slotCount(slotId: number) {
  const [row] = await t.db.select().from(slots).where(eq(slots.id, slotId));
  return row!.bookedCount;
}

describe("bookSlot", () => {
  it("books, takes a seat, numbers the reservation and writes the audit log", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 2 });
    const voucher = await createVoucher(t.db);
    const result = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!result.ok) throw new Error(result.reason);
    expect(result.reservation.doseNumber).toBe(1);
    expect(result.reservation.status).toBe("booked");
    expect(isValidReservationNumber(result.reservation.reservationNumber)).toBe(true);
    expect(await slotCount(slot.id)).toBe(1);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.voucherId, voucher.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "reservation.book", actorKind: "resident", actorId: `voucher:${voucher.id}` });
    expect(audit[0]!.after).toMatchObject({ slotId: slot.id, status: "booked" });
  });

  it("refuses a second active reservation for the same voucher", async () => {
    const venue = await createVenue(t.db);
    const a = await createSlot(t.db, { venueId: venue.id });
    const b = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30" });
    const voucher = await createVoucher(t.db);
    const first = await bookSlot(t.db, { voucherId: voucher.id, slotId: a.id, actor: resident(voucher.id), channel: "web", now: NOW });
    expect(first.ok).toBe(true);
    const second = await bookSlot(t.db, { voucherId: voucher.id, slotId: b.id, actor: resident(voucher.id), channel: "web", now: NOW });
    expect(second).toMatchObject({ ok: false, code: "active_reservation" });
    expect(await slotCount(b.id)).toBe(0);
  });

  it("refuses a full slot and leaves nothing half-written", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 1 });
    const v1 = await createVoucher(t.db);
    const v2 = await createVoucher(t.db);
    expect((await bookSlot(t.db, { voucherId: v1.id, slotId: slot.id, actor: resident(v1.id), channel: "web", now: NOW })).ok).toBe(true);
    const refused = await bookSlot(t.db, { voucherId: v2.id, slotId: slot.id, actor: resident(v2.id), channel: "web", now: NOW });
    expect(refused).toMatchObject({ ok: false, code: "slot_full" });
    expect(await t.db.select().from(reservations).where(eq(reservations.voucherId, v2.id))).toHaveLength(0);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.voucherId, v2.id))).toHaveLength(0);
  });

  it("applies the dose rules with Japanese reasons (dose 2 interval, same product)", async () => {
    const venue = await createVenue(t.db);
    // Dose 1 of Pfizer on 2026-11-20: dose 2 from 2026-12-11 (21 days).
    const voucher = await createVoucher(t.db, { priorDoseCount: 1, priorLastDoseDate: "2026-11-20", priorLastProductCode: "PFIZER" });
    const early = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const onTime = await createSlot(t.db, { venueId: venue.id, date: "2026-12-11" });
    const moderna = await createSlot(t.db, { venueId: venue.id, date: "2026-12-11", startTime: "11:00", endTime: "11:30", productCode: "MODERNA" });
    const refusedEarly = await bookSlot(t.db, { voucherId: voucher.id, slotId: early.id, actor: resident(voucher.id), channel: "web", now: NOW });
    expect(refusedEarly).toMatchObject({ ok: false, code: "interval" });
    if (!refusedEarly.ok) expect(refusedEarly.reason).toContain("2026年12月11日");
    const refusedProduct = await bookSlot(t.db, { voucherId: voucher.id, slotId: moderna.id, actor: resident(voucher.id), channel: "web", now: NOW });
    expect(refusedProduct).toMatchObject({ ok: false, code: "different_product" });
    const ok = await bookSlot(t.db, { voucherId: voucher.id, slotId: onTime.id, actor: resident(voucher.id), channel: "web", now: NOW });
    expect(ok).toMatchObject({ ok: true, reservation: { doseNumber: 2 } });
  });

  it("refuses a resident booking someone else's voucher", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const voucher = await createVoucher(t.db);
    const other = await createVoucher(t.db);
    const result = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(other.id), channel: "web", now: NOW });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("lets staff book outside the residents' window, but a venue manager only at their own venue", async () => {
    const own = await createVenue(t.db);
    const other = await createVenue(t.db);
    await setupMunicipality(t.db, { bookingWindowDays: 3 });
    const farOwn = await createSlot(t.db, { venueId: own.id, date: "2026-12-20" });
    const farOther = await createSlot(t.db, { venueId: other.id, date: "2026-12-20" });
    const manager = await createStaff(t.db, "venue_manager", [own.id]);
    const v1 = await createVoucher(t.db);
    const v2 = await createVoucher(t.db);
    expect(await bookSlot(t.db, { voucherId: v1.id, slotId: farOwn.id, actor: resident(v1.id), channel: "web", now: NOW })).toMatchObject({ ok: false, code: "outside_window" });
    expect(await bookSlot(t.db, { voucherId: v1.id, slotId: farOwn.id, actor: manager, channel: "operator", now: NOW })).toMatchObject({ ok: true });
    expect(await bookSlot(t.db, { voucherId: v2.id, slotId: farOther.id, actor: manager, channel: "operator", now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
    const venueStaff = await createStaff(t.db, "venue_staff", [own.id]);
    expect(await bookSlot(t.db, { voucherId: v2.id, slotId: farOwn.id, actor: venueStaff, channel: "operator", now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("personal fields (カナ氏名・電話番号・メールアドレス)", () => {
  it("stores them normalised with the booking, as the municipality configured them", async () => {
    await setupMunicipality(t.db, { fieldKanaName: "required", fieldPhone: "optional", fieldEmail: "off" });
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const voucher = await createVoucher(t.db);
    const result = await bookSlot(t.db, {
      voucherId: voucher.id,
      slotId: slot.id,
      actor: resident(voucher.id),
      channel: "web",
      now: NOW,
      personal: { kanaName: "やまだ たろう", phone: "090-1234-5678", email: "ignored@example.jp" },
    });
    expect(result.ok).toBe(true);
    const [row] = await t.db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
    expect(row).toMatchObject({ kanaName: "ヤマダ　タロウ", phone: "09012345678", email: null });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.voucherId, voucher.id));
    expect(audit!.after).toMatchObject({ personalFields: ["kanaName", "phone"] });
    expect(JSON.stringify(audit!.after)).not.toContain("09012345678");
  });

  it("refuses a missing required field and writes nothing", async () => {
    await setupMunicipality(t.db, { fieldKanaName: "required", fieldPhone: "required", fieldEmail: "optional" });
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const voucher = await createVoucher(t.db);
    const result = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW, personal: { kanaName: "ヤマダ" } });
    expect(result).toMatchObject({ ok: false, code: "invalid_personal", details: { phone: "電話番号を入力してください。" } });
    expect(await slotCount(slot.id)).toBe(0);
    const [row] = await t.db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
    expect(row!.kanaName).toBeNull();
  });
});

it("set booking stores the personal fields too, and refuses both doses when one is missing", async () => {
  await setupMunicipality(t.db, { fieldKanaName: "required", fieldPhone: "optional", fieldEmail: "off" });
  const venue = await createVenue(t.db);
  const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-02" });
  const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-23" });
  const voucher = await createVoucher(t.db);
  const base = { voucherId: voucher.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(voucher.id), channel: "web" as const, now: NOW };
  expect(await bookSet(t.db, { ...base, personal: { phone: "0312345678" } })).toMatchObject({ ok: false, code: "invalid_personal" });
  expect(await slotCount(first.id)).toBe(0);
  expect(await slotCount(second.id)).toBe(0);
  expect(await bookSet(t.db, { ...base, personal: { kanaName: "さとう じろう", phone: "03-1234-5678" } })).toMatchObject({ ok: true });
  const [row] = await t.db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
  expect(row).toMatchObject({ kanaName: "サトウ　ジロウ", phone: "0312345678" });
});

describe("capacity under concurrency", () => {
  it("200 concurrent bookings into a slot of 10: exactly 10 reservations, 190 clear refusals, no error", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 10 });
    const vouchers = [];
    for (let i = 0; i < 200; i++) vouchers.push(await createVoucher(t.db));
    const results = await Promise.all(
      vouchers.map((v) => bookSlot(t.db, { voucherId: v.id, slotId: slot.id, actor: resident(v.id), channel: "web", now: NOW })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(190);
    for (const r of refused) expect(r).toMatchObject({ ok: false, code: "slot_full" });
    expect(await slotCount(slot.id)).toBe(10);
    expect(await t.db.select().from(reservations).where(eq(reservations.slotId, slot.id))).toHaveLength(10);
  });

  it("the same voucher booking twice at once gets one reservation", async () => {
    const venue = await createVenue(t.db);
    const a = await createSlot(t.db, { venueId: venue.id });
    const b = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30" });
    const voucher = await createVoucher(t.db);
    const results = await Promise.all(
      [a, b, a, b].map((s) => bookSlot(t.db, { voucherId: voucher.id, slotId: s.id, actor: resident(voucher.id), channel: "web", now: NOW })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ code: "active_reservation" });
    expect(await t.db.select().from(reservations).where(eq(reservations.voucherId, voucher.id))).toHaveLength(1);
    expect((await slotCount(a.id)) + (await slotCount(b.id))).toBe(1);
  });

  it("the database itself refuses a seat count above capacity", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 1 });
    await expect(t.db.update(slots).set({ bookedCount: 2 }).where(eq(slots.id, slot.id))).rejects.toThrow();
  });
});

describe("set booking (セット予約)", () => {
  it("books dose 1 and dose 2 together, refusing a dose-2 slot too early or of another product", async () => {
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03" });
    const tooEarly = await createSlot(t.db, { venueId: venue.id, date: "2026-12-23" });
    const moderna = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24", productCode: "MODERNA" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24" });
    const voucher = await createVoucher(t.db);
    const book = (secondSlotId: number) =>
      bookSet(t.db, { voucherId: voucher.id, firstSlotId: first.id, secondSlotId, actor: resident(voucher.id), channel: "web", now: NOW });
    expect(await book(tooEarly.id)).toMatchObject({ ok: false, code: "interval" });
    expect(await book(moderna.id)).toMatchObject({ ok: false, code: "different_product" });
    expect(await slotCount(first.id)).toBe(0);
    const ok = await book(second.id);
    if (!ok.ok) throw new Error(ok.reason);
    const [leader, follower] = ok.reservations;
    expect(leader).toMatchObject({ doseNumber: 1, setLeaderId: null });
    expect(follower).toMatchObject({ doseNumber: 2, setLeaderId: leader.id, bookingGroupId: leader.bookingGroupId });
    expect(await slotCount(first.id)).toBe(1);
    expect(await slotCount(second.id)).toBe(1);
  });

  it("cancelling dose 1 cancels dose 2 and frees both seats", async () => {
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24" });
    const voucher = await createVoucher(t.db);
    const set = await bookSet(t.db, { voucherId: voucher.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!set.ok) throw new Error(set.reason);
    const cancelled = await cancelReservation(t.db, { reservationId: set.reservations[0].id, actor: resident(voucher.id), now: NOW });
    expect(cancelled.ok).toBe(true);
    const rows = await t.db.select().from(reservations).where(eq(reservations.voucherId, voucher.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["cancelled", "cancelled"]);
    expect(await slotCount(first.id)).toBe(0);
    expect(await slotCount(second.id)).toBe(0);
  });

  it("dose 1 ending 予診のみ cancels dose 2; dose 1 vaccinated keeps it", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    const first = await createSlot(t.db, { venueId: venue.id, date: TODAY, startTime: "10:00" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-22" });
    const v1 = await createVoucher(t.db);
    const v2 = await createVoucher(t.db);
    const s1 = await bookSet(t.db, { voucherId: v1.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(v1.id), channel: "web", now: NOW });
    const s2 = await bookSet(t.db, { voucherId: v2.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(v2.id), channel: "web", now: NOW });
    if (!s1.ok || !s2.ok) throw new Error("set booking failed");
    expect(await recordScreenedOnly(t.db, { reservationId: s1.reservations[0].id, actor: staff, now: NOW })).toMatchObject({ ok: true });
    expect(await checkIn(t.db, { reservationId: s2.reservations[0].id, actor: staff, now: NOW })).toMatchObject({ ok: true });
    expect(await recordDose(t.db, { reservationId: s2.reservations[0].id, lotNumber: "FA1234", actor: staff, now: NOW })).toMatchObject({ ok: true });
    const [f1] = await t.db.select().from(reservations).where(eq(reservations.id, s1.reservations[1].id));
    const [f2] = await t.db.select().from(reservations).where(eq(reservations.id, s2.reservations[1].id));
    expect(f1!.status).toBe("cancelled");
    expect(f2!.status).toBe("booked");
    expect(await slotCount(second.id)).toBe(1);
    // 予診のみ is not a dose: the voucher may book dose 1 again.
    const again = await createSlot(t.db, { venueId: venue.id, date: "2026-12-05" });
    expect(await bookSlot(t.db, { voucherId: v1.id, slotId: again.id, actor: resident(v1.id), channel: "web", now: NOW })).toMatchObject({
      ok: true,
      reservation: { doseNumber: 1 },
    });
  });
});

describe("set booking: 来場なし on dose 1", () => {
  it("cancels dose 2, frees both seats and audit-logs the cascade", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_manager", [venue.id]);
    const first = await createSlot(t.db, { venueId: venue.id, date: TODAY, startTime: "10:00", endTime: "10:30" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-22" });
    const voucher = await createVoucher(t.db);
    const set = await bookSet(t.db, { voucherId: voucher.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!set.ok) throw new Error(set.reason);
    expect(await slotCount(second.id)).toBe(1);
    // Before 10:30 nothing happens, to dose 1 or to dose 2.
    expect(await recordNoShow(t.db, { reservationId: set.reservations[0].id, actor: staff, now: NOW })).toMatchObject({ ok: false, code: "no_show_too_early" });
    expect(await slotCount(second.id)).toBe(1);
    const endOfDay = new Date("2026-12-01T09:00:00Z"); // 18:00 Tokyo
    expect(await recordNoShow(t.db, { reservationId: set.reservations[0].id, actor: staff, now: endOfDay })).toMatchObject({ ok: true });
    const [leader] = await t.db.select().from(reservations).where(eq(reservations.id, set.reservations[0].id));
    const [follower] = await t.db.select().from(reservations).where(eq(reservations.id, set.reservations[1].id));
    expect(leader!.status).toBe("no_show");
    expect(follower!.status).toBe("cancelled");
    expect(await slotCount(first.id)).toBe(0);
    expect(await slotCount(second.id)).toBe(0);
    const cascade = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "reservation.cancel_set_follower"), eq(auditLog.entityId, String(follower!.id))));
    expect(cascade).toHaveLength(1);
    expect(cascade[0]!.after).toMatchObject({ status: "cancelled", why: "1回目が来場なし" });
    // The voucher is free again: dose 1 can be booked anew.
    const again = await createSlot(t.db, { venueId: venue.id, date: "2026-12-05" });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: again.id, actor: resident(voucher.id), channel: "web", now: endOfDay })).toMatchObject({
      ok: true,
      reservation: { doseNumber: 1 },
    });
  });
});

describe("family booking (同時予約)", () => {
  it("books everyone into the same slot, each verified by their own birth date", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 3 });
    const me = await createVoucher(t.db, { birthDate: "1980-05-05" });
    const spouse = await createVoucher(t.db, { birthDate: "1982-06-06" });
    const result = await bookGroup(t.db, {
      members: [{ voucherId: me.id }, { voucherNumber: spouse.voucherNumber, birthDate: "1982-06-06" }],
      slotId: slot.id,
      actor: resident(me.id),
      channel: "web",
      now: NOW,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.reservations).toHaveLength(2);
    expect(new Set(result.reservations.map((r) => r.bookingGroupId)).size).toBe(1);
    expect(await slotCount(slot.id)).toBe(2);
  });

  it("books nobody when one member's birth date is wrong or one is not eligible", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 5 });
    const me = await createVoucher(t.db);
    const spouse = await createVoucher(t.db, { birthDate: "1982-06-06" });
    const child = await createVoucher(t.db, { birthDate: "2020-01-01" });
    const wrongBirth = await bookGroup(t.db, {
      members: [{ voucherId: me.id }, { voucherNumber: spouse.voucherNumber, birthDate: "1982-06-07" }],
      slotId: slot.id,
      actor: resident(me.id),
      channel: "web",
      now: NOW,
    });
    expect(wrongBirth).toMatchObject({ ok: false, code: "member_refused" });
    const tooYoung = await bookGroup(t.db, {
      members: [{ voucherId: me.id }, { voucherNumber: child.voucherNumber, birthDate: "2020-01-01" }],
      slotId: slot.id,
      actor: resident(me.id),
      channel: "web",
      now: NOW,
    });
    expect(tooYoung).toMatchObject({ ok: false, code: "member_refused" });
    if (!tooYoung.ok) {
      const details = tooYoung.details as { voucherNumber: string; ok: boolean; reason?: string }[];
      expect(details.find((d) => d.voucherNumber === child.voucherNumber)?.reason).toContain("12歳以上");
    }
    expect(await slotCount(slot.id)).toBe(0);
    expect(await t.db.select().from(reservations)).toHaveLength(0);
  });

  it("refuses when the slot has fewer seats than people", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 1 });
    const me = await createVoucher(t.db);
    const spouse = await createVoucher(t.db, { birthDate: "1982-06-06" });
    const result = await bookGroup(t.db, {
      members: [{ voucherId: me.id }, { voucherNumber: spouse.voucherNumber, birthDate: "1982-06-06" }],
      slotId: slot.id,
      actor: resident(me.id),
      channel: "web",
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, code: "slot_full" });
    expect(await slotCount(slot.id)).toBe(0);
  });

  it("does not let a resident name another voucher by id", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id });
    const me = await createVoucher(t.db);
    const other = await createVoucher(t.db);
    const result = await bookGroup(t.db, { members: [{ voucherId: me.id }, { voucherId: other.id }], slotId: slot.id, actor: resident(me.id), channel: "web", now: NOW });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("change and cancel", () => {
  it("moves a reservation: the new seat taken, the old one freed, the number kept", async () => {
    const venue = await createVenue(t.db);
    const a = await createSlot(t.db, { venueId: venue.id });
    const b = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30" });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: a.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const changed = await changeReservation(t.db, { reservationId: booked.reservation.id, newSlotId: b.id, actor: resident(voucher.id), now: NOW });
    expect(changed).toMatchObject({ ok: true, reservation: { slotId: b.id, reservationNumber: booked.reservation.reservationNumber } });
    expect(await slotCount(a.id)).toBe(0);
    expect(await slotCount(b.id)).toBe(1);
  });

  it("keeps the old slot when the new one is full", async () => {
    const venue = await createVenue(t.db);
    const a = await createSlot(t.db, { venueId: venue.id });
    const full = await createSlot(t.db, { venueId: venue.id, startTime: "11:00", endTime: "11:30", capacity: 0 });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: a.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const changed = await changeReservation(t.db, { reservationId: booked.reservation.id, newSlotId: full.id, actor: resident(voucher.id), now: NOW });
    expect(changed).toMatchObject({ ok: false, code: "slot_full" });
    const [row] = await t.db.select().from(reservations).where(eq(reservations.id, booked.reservation.id));
    expect(row).toMatchObject({ slotId: a.id, status: "booked" });
    expect(await slotCount(a.id)).toBe(1);
  });

  it("refuses a resident's cancel after the deadline (the day before 17:00); staff need a reason", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-02" });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const atDeadline = new Date("2026-12-01T08:00:00Z"); // 17:00 Tokyo
    const late = await cancelReservation(t.db, { reservationId: booked.reservation.id, actor: resident(voucher.id), now: atDeadline });
    expect(late).toMatchObject({ ok: false, code: "past_deadline" });
    if (!late.ok) expect(late.reason).toContain("0120-000-000");
    const operator = await createStaff(t.db, "call_center");
    expect(await cancelReservation(t.db, { reservationId: booked.reservation.id, actor: operator, now: atDeadline })).toMatchObject({ ok: false, code: "past_deadline" });
    expect(
      await cancelReservation(t.db, { reservationId: booked.reservation.id, actor: operator, overrideReason: "体調不良のため", now: atDeadline }),
    ).toMatchObject({ ok: true });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.voucherId, voucher.id), eq(auditLog.action, "reservation.cancel")));
    expect(audit[0]!.after).toMatchObject({ overrideReason: "体調不良のため", status: "cancelled" });
    expect(audit[0]!.actorKind).toBe("staff");
  });

  it("lets a resident cancel one minute before the deadline, and the seat returns", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-02", capacity: 1 });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const cancelled = await cancelReservation(t.db, { reservationId: booked.reservation.id, actor: resident(voucher.id), now: new Date("2026-12-01T07:59:00Z") });
    expect(cancelled.ok).toBe(true);
    expect(await slotCount(slot.id)).toBe(0);
  });
});

describe("at the venue", () => {
  async function bookedToday() {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: TODAY, startTime: "13:00", endTime: "13:30" });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    return { venue, slot, voucher, reservation: booked.reservation };
  }

  it("checks in, records the dose, and the next dose counts from it", async () => {
    const { venue, voucher, reservation } = await bookedToday();
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    expect(await recordDose(t.db, { reservationId: reservation.id, lotNumber: "FA1234", actor: staff, now: NOW })).toMatchObject({ ok: false, code: "invalid_status" });
    expect(await checkIn(t.db, { reservationId: reservation.id, actor: staff, now: NOW })).toMatchObject({ ok: true, reservation: { status: "checked_in" } });
    expect(await recordDose(t.db, { reservationId: reservation.id, lotNumber: "bad lot!", actor: staff, now: NOW })).toMatchObject({ ok: false, code: "invalid_lot" });
    // The VRS file writes the lot as is: it may not start like a formula.
    expect(await recordDose(t.db, { reservationId: reservation.id, lotNumber: "-FA1234", actor: staff, now: NOW })).toMatchObject({ ok: false, code: "invalid_lot" });
    expect(await recordDose(t.db, { reservationId: reservation.id, lotNumber: "ｆａ１２３４", actor: staff, now: NOW })).toMatchObject({ ok: true, reservation: { status: "vaccinated" } });
    const [dose] = await t.db.select().from(doseRecords).where(eq(doseRecords.voucherId, voucher.id));
    expect(dose).toMatchObject({ doseNumber: 1, productCode: "PFIZER", lotNumber: "FA1234", venueId: venue.id, administeredOn: TODAY, recordedByStaffId: staff.staffId, doctorName: "" });
    // Dose 2 now follows the recorded dose: 21 days later.
    const early = await createSlot(t.db, { venueId: venue.id, date: "2026-12-21" });
    const onTime = await createSlot(t.db, { venueId: venue.id, date: "2026-12-22" });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: early.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({ ok: false, code: "interval" });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: onTime.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({
      ok: true,
      reservation: { doseNumber: 2 },
    });
  });

  it("refuses check-in on the wrong day, and for venue staff of another venue", async () => {
    const venue = await createVenue(t.db);
    const other = await createVenue(t.db);
    const tomorrow = await createSlot(t.db, { venueId: venue.id, date: "2026-12-02" });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: tomorrow.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const manager = await createStaff(t.db, "venue_manager", [venue.id]);
    const wrongDay = await checkIn(t.db, { reservationId: booked.reservation.id, actor: manager, now: NOW });
    expect(wrongDay).toMatchObject({ ok: false, code: "wrong_day" });
    if (!wrongDay.ok) expect(wrongDay.reason).toContain("2026年12月2日");
    const stranger = await createStaff(t.db, "venue_manager", [other.id]);
    expect(await checkIn(t.db, { reservationId: booked.reservation.id, actor: stranger, now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
    const operator = await createStaff(t.db, "call_center");
    expect(await checkIn(t.db, { reservationId: booked.reservation.id, actor: operator, now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("no-show only after the slot has ended; it frees the seat and the voucher; 予診のみ keeps the seat counted", async () => {
    const a = await bookedToday();
    const staff = await createStaff(t.db, "venue_staff", [a.venue.id]);
    // 09:00 and 13:29 Tokyo: the 13:00–13:30 slot has not ended, the resident may still come.
    for (const early of [NOW, new Date("2026-12-01T04:29:59Z")]) {
      const refused = await recordNoShow(t.db, { reservationId: a.reservation.id, actor: staff, now: early });
      expect(refused).toMatchObject({ ok: false, code: "no_show_too_early" });
      if (!refused.ok) expect(refused.reason).toBe("来場なしは予約枠の終了後に記録できます（この枠は本日 13:30までです）。");
    }
    expect(await slotCount(a.slot.id)).toBe(1);
    const [still] = await t.db.select().from(reservations).where(eq(reservations.id, a.reservation.id));
    expect(still!.status).toBe("booked");
    // 13:30 Tokyo: the slot is over.
    expect(await recordNoShow(t.db, { reservationId: a.reservation.id, actor: staff, now: new Date("2026-12-01T04:30:00Z") })).toMatchObject({
      ok: true,
      reservation: { status: "no_show" },
    });
    expect(await slotCount(a.slot.id)).toBe(0);
    const b = await bookedToday();
    const staffB = await createStaff(t.db, "venue_staff", [b.venue.id]);
    await checkIn(t.db, { reservationId: b.reservation.id, actor: staffB, now: NOW });
    expect(await recordScreenedOnly(t.db, { reservationId: b.reservation.id, actor: staffB, now: NOW })).toMatchObject({ ok: true });
    expect(await slotCount(b.slot.id)).toBe(1);
    expect(await t.db.select().from(doseRecords).where(eq(doseRecords.voucherId, b.voucher.id))).toHaveLength(0);
  });

  it("records the 接種医師名 (at most 20 characters) with the dose", async () => {
    const { venue, voucher, reservation } = await bookedToday();
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    await checkIn(t.db, { reservationId: reservation.id, actor: staff, now: NOW });
    const tooLong = "あ".repeat(21);
    expect(await recordDose(t.db, { reservationId: reservation.id, lotNumber: "FA1234", doctorName: tooLong, actor: staff, now: NOW })).toMatchObject({
      ok: false,
      code: "invalid_doctor_name",
    });
    expect(await recordDose(t.db, { reservationId: reservation.id, lotNumber: "FA1234", doctorName: "  山田　太郎 ", actor: staff, now: NOW })).toMatchObject({ ok: true });
    const [dose] = await t.db.select().from(doseRecords).where(eq(doseRecords.voucherId, voucher.id));
    expect(dose!.doctorName).toBe("山田 太郎");
  });

  it("refuses dose 2 recorded with another product than dose 1", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_manager", [venue.id]);
    const voucher = await createVoucher(t.db, { priorDoseCount: 1, priorLastDoseDate: "2026-10-01", priorLastProductCode: "PFIZER" });
    const slot = await createSlot(t.db, { venueId: venue.id, date: TODAY, startTime: "14:00", endTime: "14:30" });
    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    await checkIn(t.db, { reservationId: booked.reservation.id, actor: staff, now: NOW });
    expect(await recordDose(t.db, { reservationId: booked.reservation.id, productCode: "MODERNA", lotNumber: "X1", actor: staff, now: NOW })).toMatchObject({
      ok: false,
      code: "different_product",
    });
  });
});
