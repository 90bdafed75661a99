/** @jest-environment node */
import { slots, venues } from "@/db/schema";
import { eq } from "drizzle-orm";
import { bookSet, bookSlot } from "@/lib/booking/book";
import { changeReservation } from "@/lib/booking/manage";
import { calendarFor, dayAvailability, nextFreeDatesByVenue, slotOptionsFor, type SlotOption } from "@/lib/resident/slot-search";
import { setUpTestDatabase } from "./harness";
import { createSlot, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase((db) => setupMunicipality(db, { bookingWindowDays: 14 }));
const range = { from: "2026-12-01", to: "2026-12-31" };

describe("slotOptionsFor for a purpose", () => {
  const resident = (voucherId: number) => ({ kind: "resident" as const, voucherId, channel: "web" as const });
  // Dose 2 lies three weeks out: a booking window that reaches it.
  beforeEach(() => setupMunicipality(t.db, { bookingWindowDays: 30 }));

  it("change: the own reservation does not block, its slot is marked, and dose 1 of a set may not move past dose 2's interval", async () => {
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-02" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-23" }); // 21 days after dose 1
    const earlier = await createSlot(t.db, { venueId: venue.id, date: "2026-12-01", startTime: "15:00", endTime: "15:30" });
    const later = await createSlot(t.db, { venueId: venue.id, date: "2026-12-04" }); // dose 2 would come 19 days after
    const voucher = await createVoucher(t.db);
    const booked = await bookSet(t.db, { voucherId: voucher.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(voucher.id), channel: "web", now: NOW });
    if (!booked.ok) throw new Error(booked.reason);
    const leader = booked.reservations[0];

    const plain = await slotOptionsFor(t.db, voucher.id, range, NOW);
    expect(plain.find((o) => o.slotId === earlier.id)).toMatchObject({ bookable: false, code: "active_reservation" });

    const forChange = new Map((await slotOptionsFor(t.db, voucher.id, range, NOW, { kind: "change", reservationId: leader.id })).map((o) => [o.slotId, o]));
    expect(forChange.get(first.id)).toMatchObject({ bookable: false, code: "same_slot" });
    expect(forChange.get(earlier.id)).toMatchObject({ bookable: true });
    expect(forChange.get(later.id)).toMatchObject({ bookable: false, code: "set_follower_conflict", params: { date: "2026-12-23" } });
    // The picker and the service agree.
    expect(await changeReservation(t.db, { reservationId: leader.id, newSlotId: later.id, actor: resident(voucher.id), now: NOW })).toMatchObject({ ok: false, code: "set_follower_conflict" });
    expect(await changeReservation(t.db, { reservationId: leader.id, newSlotId: earlier.id, actor: resident(voucher.id), now: NOW })).toMatchObject({ ok: true });
  });

  it("set_second: judges dose 2 as if dose 1 were given in the chosen first slot", async () => {
    const venue = await createVenue(t.db);
    const tooSoon = await createSlot(t.db, { venueId: venue.id, date: "2026-12-20" });
    const onTime = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24" });
    const voucher = await createVoucher(t.db);
    const options = new Map(
      (await slotOptionsFor(t.db, voucher.id, range, NOW, { kind: "set_second", first: { date: "2026-12-02", productCode: "PFIZER" } })).map((o) => [o.slotId, o]),
    );
    expect(options.get(tooSoon.id)).toMatchObject({ bookable: false, code: "interval", params: { dose: 2, date: "2026-12-23" } });
    expect(options.get(onTime.id)).toMatchObject({ bookable: true });
  });
});

describe("slotOptionsFor", () => {
  it("marks each slot bookable or not, with the resident's reason", async () => {
    const venue = await createVenue(t.db, "M01");
    const fine = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03" });
    const child = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03", startTime: "11:00", endTime: "11:30", productCode: "PFIZER_PED" });
    const closed = await createSlot(t.db, { venueId: venue.id, date: "2026-12-04", status: "closed" });
    const full = await createSlot(t.db, { venueId: venue.id, date: "2026-12-05", capacity: 0 });
    const tooFar = await createSlot(t.db, { venueId: venue.id, date: "2026-12-20" });
    const started = await createSlot(t.db, { venueId: venue.id, date: "2026-12-01", startTime: "08:30", endTime: "09:00" });
    const voucher = await createVoucher(t.db, { birthDate: "1950-04-01" });

    const options = await slotOptionsFor(t.db, voucher.id, range, NOW);
    const byId = new Map(options.map((o) => [o.slotId, o]));
    expect(byId.get(fine.id)).toMatchObject({ bookable: true, reason: null, venueName: "会場M01", remaining: 10, productName: "ファイザー (コミナティ)" });
    expect(byId.get(child.id)).toMatchObject({ bookable: false, code: "too_old" });
    expect(byId.get(child.id)!.reason).toContain("5〜11歳");
    expect(byId.get(closed.id)).toMatchObject({ bookable: false, code: "slot_closed" });
    expect(byId.get(full.id)).toMatchObject({ bookable: false, code: "slot_full", remaining: 0 });
    expect(byId.get(tooFar.id)).toMatchObject({ bookable: false, code: "outside_window" });
    expect(byId.get(started.id)).toMatchObject({ bookable: false, code: "slot_started" });
    expect(options.map((o) => o.date)).toEqual([...options.map((o) => o.date)].sort());
  });

  it("greys out dose-2 slots before the interval has passed, and everything while a reservation is active", async () => {
    const venue = await createVenue(t.db);
    const early = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const onTime = await createSlot(t.db, { venueId: venue.id, date: "2026-12-11" });
    const voucher = await createVoucher(t.db, { priorDoseCount: 1, priorLastDoseDate: "2026-11-20", priorLastProductCode: "PFIZER" });
    const options = await slotOptionsFor(t.db, voucher.id, range, NOW);
    expect(options.find((o) => o.slotId === early.id)).toMatchObject({ bookable: false, code: "interval" });
    expect(options.find((o) => o.slotId === onTime.id)).toMatchObject({ bookable: true });

    const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: onTime.id, actor: { kind: "resident", voucherId: voucher.id, channel: "web" }, channel: "web", now: NOW });
    expect(booked.ok).toBe(true);
    const after = await slotOptionsFor(t.db, voucher.id, range, NOW);
    expect(after.every((o) => !o.bookable && o.code === "active_reservation")).toBe(true);
  });

  it("filters by venue and skips inactive venues", async () => {
    const a = await createVenue(t.db, "A");
    const b = await createVenue(t.db, "B");
    await createSlot(t.db, { venueId: a.id });
    await createSlot(t.db, { venueId: b.id });
    const voucher = await createVoucher(t.db);
    expect((await slotOptionsFor(t.db, voucher.id, { ...range, venueId: a.id }, NOW)).map((o) => o.venueId)).toEqual([a.id]);
    await t.db.update(venues).set({ active: false }).where(eq(venues.id, b.id));
    expect((await slotOptionsFor(t.db, voucher.id, range, NOW)).map((o) => o.venueId)).toEqual([a.id]);
  });

  it("counts seats as they are taken", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 5 });
    await t.db.update(slots).set({ bookedCount: 4 }).where(eq(slots.id, slot.id));
    const voucher = await createVoucher(t.db);
    expect((await slotOptionsFor(t.db, voucher.id, range, NOW))[0]).toMatchObject({ remaining: 1, capacity: 5, bookable: true });
  });
});

describe("calendar marks", () => {
  const option = (over: Partial<SlotOption>): SlotOption => ({
    slotId: 1,
    venueId: 1,
    venueName: "会場",
    date: "2026-12-03",
    startTime: "10:00:00",
    endTime: "10:30:00",
    productCode: "PFIZER",
    productName: "ファイザー",
    capacity: 20,
    remaining: 20,
    bookable: true,
    reason: null,
    code: null,
    ...over,
  });

  it("空きあり, 残りわずか, 満員 and 受付外", () => {
    expect(dayAvailability([option({ remaining: 5 })])).toBe("available");
    expect(dayAvailability([option({ remaining: 4 })])).toBe("few"); // a fifth of 20
    expect(dayAvailability([option({ remaining: 2, capacity: 3 })])).toBe("few");
    expect(dayAvailability([option({ remaining: 1 }), option({ remaining: 12 })])).toBe("available");
    expect(dayAvailability([option({ remaining: 0, bookable: false, code: "slot_full", reason: "満員" })])).toBe("full");
    expect(dayAvailability([option({ bookable: false, code: "interval", reason: "…" })])).toBe("closed");
    expect(dayAvailability([])).toBe("closed");
  });

  it("groups by day and lists each venue's first free dates", () => {
    const options = [
      option({ date: "2026-12-03", venueId: 1 }),
      option({ date: "2026-12-03", venueId: 1, slotId: 2 }),
      option({ date: "2026-12-04", venueId: 1, bookable: false, code: "slot_full", remaining: 0 }),
      option({ date: "2026-12-05", venueId: 1 }),
      option({ date: "2026-12-06", venueId: 1 }),
      option({ date: "2026-12-07", venueId: 1 }),
      option({ date: "2026-12-05", venueId: 2, remaining: 1 }),
    ];
    expect(Object.fromEntries(calendarFor(options))).toEqual({
      "2026-12-03": "available",
      "2026-12-04": "full",
      "2026-12-05": "available",
      "2026-12-06": "available",
      "2026-12-07": "available",
    });
    expect(Object.fromEntries(nextFreeDatesByVenue(options))).toEqual({
      1: ["2026-12-03", "2026-12-05", "2026-12-06"],
      2: ["2026-12-05"],
    });
  });
});
