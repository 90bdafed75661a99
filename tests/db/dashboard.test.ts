/** @jest-environment node */
// The dashboard's figures against reservations made through the booking service and taken to
// their outcomes by reception: a small known set, counted by hand. Venue scope is the server's.
import { bookSlot, type Channel } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { checkIn, recordDose, recordNoShow, recordScreenedOnly } from "@/lib/booking/venue-operations";
import type { Actor, StaffActor } from "@/lib/auth/actor";
import { tokyoInstant } from "@/lib/domain/dates";
import { dashboardVenues, loadDashboard, type DashboardData } from "@/lib/dashboard/stats";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);

// NOW is 09:00 in Tokyo on 2026-12-01: the default range is 2026-11-18 to 2026-12-01, the
// upcoming fortnight 2026-12-01 to 2026-12-14.
const BOOKED_AT = tokyoInstant("2026-11-10", "09:00");

interface World {
  a: { id: number };
  b: { id: number };
  admin: StaffActor;
}

async function book(slotId: number, channel: Channel, staff: StaffActor) {
  const voucher = await createVoucher(t.db);
  const actor: Actor =
    channel === "web" || channel === "line"
      ? { kind: "resident", voucherId: voucher.id, channel }
      : channel === "ivr"
        ? { kind: "ivr", callSid: `CA${voucher.id}`, voucherId: voucher.id }
        : staff;
  const result = await bookSlot(t.db, { voucherId: voucher.id, slotId, actor, channel, now: BOOKED_AT });
  if (!result.ok) throw new Error(result.reason);
  return result.reservation;
}

/**
 * Venue A, 2026-11-30 (capacity 10): web → 接種済み, LINE → 予診のみ, IVR → 来場なし, operator → キャンセル.
 * Venue B, 2026-12-01 (capacity 5): bulk still 予約済み, web 受付済み.
 * Outside the default range: A 2026-11-17 (LINE, booked), A 2026-12-05 (capacity 8, one web booking),
 * A 2026-12-06 closed (capacity 4), B 2026-12-20 (capacity 9).
 */
async function world(): Promise<World> {
  const a = await createVenue(t.db, "A01");
  const b = await createVenue(t.db, "B01");
  const admin = await createStaff(t.db, "admin");
  const yesterday = await createSlot(t.db, { venueId: a.id, date: "2026-11-30", capacity: 10 });
  const today = await createSlot(t.db, { venueId: b.id, date: "2026-12-01", startTime: "14:00", endTime: "14:30", capacity: 5 });
  const before = await createSlot(t.db, { venueId: a.id, date: "2026-11-17", capacity: 7 });
  const soon = await createSlot(t.db, { venueId: a.id, date: "2026-12-05", capacity: 8 });
  await createSlot(t.db, { venueId: a.id, date: "2026-12-06", capacity: 4, status: "closed" });
  await createSlot(t.db, { venueId: b.id, date: "2026-12-20", capacity: 9 });

  const vaccinated = await book(yesterday.id, "web", admin);
  const screened = await book(yesterday.id, "line", admin);
  const noShow = await book(yesterday.id, "ivr", admin);
  const cancelled = await book(yesterday.id, "operator", admin);
  await book(today.id, "bulk", admin);
  const checkedIn = await book(today.id, "web", admin);
  await book(before.id, "line", admin);
  await book(soon.id, "web", admin);

  const onTheDay = tokyoInstant("2026-11-30", "10:05");
  const ok = (r: { ok: boolean; reason?: string }) => {
    if (!r.ok) throw new Error(r.reason);
  };
  ok(await cancelReservation(t.db, { reservationId: cancelled.id, actor: admin, now: BOOKED_AT }));
  ok(await checkIn(t.db, { reservationId: vaccinated.id, actor: admin, now: onTheDay }));
  ok(await recordDose(t.db, { reservationId: vaccinated.id, lotNumber: "FA1234", actor: admin, now: onTheDay }));
  ok(await checkIn(t.db, { reservationId: screened.id, actor: admin, now: onTheDay }));
  ok(await recordScreenedOnly(t.db, { reservationId: screened.id, actor: admin, now: onTheDay }));
  ok(await recordNoShow(t.db, { reservationId: noShow.id, actor: admin, now: tokyoInstant("2026-11-30", "17:00") }));
  ok(await checkIn(t.db, { reservationId: checkedIn.id, actor: admin, now: NOW }));
  return { a, b, admin };
}

async function dashboard(actor: StaffActor, options: Parameters<typeof loadDashboard>[2] = {}): Promise<DashboardData> {
  const result = await loadDashboard(t.db, actor, { now: NOW, ...options });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

const zero = { capacity: 0, seatsTaken: 0, booked: 0, vaccinated: 0, screenedOnly: 0, noShow: 0, cancelled: 0 };
// 予約数 counts held seats: 来場なし and キャンセル gave theirs back.
const yesterdayA = { capacity: 10, seatsTaken: 2, booked: 0, vaccinated: 1, screenedOnly: 1, noShow: 1, cancelled: 1 };
const todayB = { capacity: 5, seatsTaken: 2, booked: 2, vaccinated: 0, screenedOnly: 0, noShow: 0, cancelled: 0 };

describe("loadDashboard", () => {
  it("counts every figure per day, per venue and in total for the default fortnight", async () => {
    const { a, b, admin } = await world();
    const data = await dashboard(admin);
    expect({ from: data.from, to: data.to, today: data.today }).toEqual({ from: "2026-11-18", to: "2026-12-01", today: "2026-12-01" });
    expect(data.venues.map((v) => v.code)).toEqual(["A01", "B01"]);

    expect(data.perDay).toHaveLength(14);
    expect(data.perDay.map((d) => d.key)[0]).toBe("2026-11-18");
    const day = (key: string) => data.perDay.find((d) => d.key === key);
    expect(day("2026-11-30")).toEqual({ key: "2026-11-30", label: "2026-11-30", ...yesterdayA });
    expect(day("2026-12-01")).toEqual({ key: "2026-12-01", label: "2026-12-01", ...todayB });
    expect(day("2026-11-18")).toEqual({ key: "2026-11-18", label: "2026-11-18", ...zero });
    expect(data.totals).toEqual({ capacity: 15, seatsTaken: 4, booked: 2, vaccinated: 1, screenedOnly: 1, noShow: 1, cancelled: 1 });

    expect(data.perVenue).toEqual([
      { key: String(a.id), label: "会場A01", ...yesterdayA },
      { key: String(b.id), label: "会場B01", ...todayB },
    ]);

    // One reservation per channel on 2026-11-30, two at B today; the 2026-11-17 LINE and the
    // 2026-12-05 web bookings are outside the range.
    expect(Object.fromEntries(data.channels.map((c) => [c.channel, c.count]))).toEqual({ web: 2, line: 1, ivr: 1, operator: 1, bulk: 1 });
    expect(data.channels.find((c) => c.channel === "operator")?.label).toBe("オペレーター（職員）");
    expect(data.channelsPerVenue).toEqual([
      { key: String(a.id), label: "会場A01", counts: { web: 1, line: 1, ivr: 1, operator: 1, bulk: 0 } },
      { key: String(b.id), label: "会場B01", counts: { web: 1, line: 0, ivr: 0, operator: 0, bulk: 1 } },
    ]);

    // Remaining seats: today at B (5 − 2), 2026-12-05 at A (8 − 1); the closed slot offers none
    // and 2026-12-20 is past the fortnight.
    expect(data.upcomingPerDay).toHaveLength(14);
    expect(data.upcomingPerDay.map((d) => d.key)).toEqual(expect.arrayContaining(["2026-12-01", "2026-12-14"]));
    expect(data.upcomingPerDay.filter((d) => d.capacity > 0)).toEqual([
      { key: "2026-12-01", label: "2026-12-01", capacity: 5, overbookSeats: 0, held: 0, remaining: 3 },
      { key: "2026-12-05", label: "2026-12-05", capacity: 8, overbookSeats: 0, held: 0, remaining: 7 },
    ]);
    expect(data.upcomingPerVenue).toEqual([
      { key: String(a.id), label: "会場A01", capacity: 8, overbookSeats: 0, held: 0, remaining: 7 },
      { key: String(b.id), label: "会場B01", capacity: 5, overbookSeats: 0, held: 0, remaining: 3 },
    ]);
  });

  it("follows the range and the venue asked for", async () => {
    const { a, admin } = await world();
    const data = await dashboard(admin, { from: "2026-11-17", to: "2026-11-30", venueId: a.id });
    expect(data.venues.map((v) => v.code)).toEqual(["A01"]);
    expect(data.totals).toEqual({ capacity: 17, seatsTaken: 3, booked: 1, vaccinated: 1, screenedOnly: 1, noShow: 1, cancelled: 1 });
    expect(Object.fromEntries(data.channels.map((c) => [c.channel, c.count]))).toEqual({ web: 1, line: 2, ivr: 1, operator: 1, bulk: 0 });
    expect(data.upcomingPerVenue).toEqual([{ key: String(a.id), label: "会場A01", capacity: 8, overbookSeats: 0, held: 0, remaining: 7 }]);
    expect(data.upcomingPerDay.reduce((n, d) => n + d.remaining, 0)).toBe(7);
  });

  it("takes today in Tokyo, not in UTC", async () => {
    const { admin } = await world();
    // 2026-11-30 15:30 UTC is 2026-12-01 00:30 in Tokyo.
    const data = await dashboard(admin, { now: new Date("2026-11-30T15:30:00Z") });
    expect({ from: data.from, to: data.to, today: data.today }).toEqual({ from: "2026-11-18", to: "2026-12-01", today: "2026-12-01" });
    expect(data.upcomingPerDay[0]).toEqual({ key: "2026-12-01", label: "2026-12-01", capacity: 5, overbookSeats: 0, held: 0, remaining: 3 });
  });

  it("counts no seats of a slot of today that has begun", async () => {
    const { b, admin } = await world();
    // B's slot today starts at 14:00: bookable at 13:59, not from 14:00 (as checkSlotBookable).
    const before = await dashboard(admin, { now: tokyoInstant("2026-12-01", "13:59") });
    expect(before.upcomingPerDay[0]).toMatchObject({ key: "2026-12-01", capacity: 5, remaining: 3 });
    const started = await dashboard(admin, { now: tokyoInstant("2026-12-01", "14:00") });
    expect(started.upcomingPerDay[0]).toMatchObject({ key: "2026-12-01", capacity: 0, remaining: 0 });
    expect(started.upcomingPerVenue.find((v) => v.key === String(b.id))).toMatchObject({ capacity: 0, remaining: 0 });
    // The day's own figures still count the slot.
    expect(started.perDay.at(-1)).toMatchObject({ key: "2026-12-01", capacity: 5, seatsTaken: 2 });
  });

  it("shows the call center every venue", async () => {
    await world();
    const operator = await createStaff(t.db, "call_center");
    const data = await dashboard(operator);
    expect(data.venues.map((v) => v.code)).toEqual(["A01", "B01"]);
    expect(data.totals.capacity).toBe(15);
    expect((await dashboardVenues(t.db, operator)).map((v) => v.code)).toEqual(["A01", "B01"]);
  });

  it("shows a venue manager only their own venue, and refuses another venue asked for by parameter", async () => {
    const { a, b } = await world();
    const manager = await createStaff(t.db, "venue_manager", [a.id]);
    const own = await dashboard(manager);
    expect(own.venues.map((v) => v.code)).toEqual(["A01"]);
    expect(own.perVenue.map((v) => v.key)).toEqual([String(a.id)]);
    expect(own.totals).toEqual({ ...yesterdayA });
    expect(own.perDay.find((d) => d.key === "2026-12-01")).toMatchObject({ capacity: 0, booked: 0 });
    expect(Object.fromEntries(own.channels.map((c) => [c.channel, c.count]))).toEqual({ web: 1, line: 1, ivr: 1, operator: 1, bulk: 0 });
    expect(own.upcomingPerDay.find((d) => d.key === "2026-12-01")).toMatchObject({ capacity: 0, remaining: 0 });
    expect((await dashboardVenues(t.db, manager)).map((v) => v.code)).toEqual(["A01"]);

    const other = await loadDashboard(t.db, manager, { now: NOW, venueId: b.id });
    expect(other).toMatchObject({ ok: false, code: "forbidden" });
    expect(other).not.toHaveProperty("perDay");
    // A manager with no venue sees nothing rather than everything.
    const unassigned = await createStaff(t.db, "venue_manager", []);
    expect(await loadDashboard(t.db, unassigned, { now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("refuses 会場一般", async () => {
    const { a } = await world();
    const staff = await createStaff(t.db, "venue_staff", [a.id]);
    expect(await loadDashboard(t.db, staff, { now: NOW })).toMatchObject({ ok: false, code: "forbidden", reason: "ダッシュボードを見る権限がありません。" });
    expect(await loadDashboard(t.db, staff, { now: NOW, venueId: a.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await dashboardVenues(t.db, staff)).toEqual([]);
  });

  it("answers bad ranges and venues with a clear refusal", async () => {
    const { admin } = await world();
    const refused = (options: Parameters<typeof loadDashboard>[2]) => loadDashboard(t.db, admin, { now: NOW, ...options });
    expect(await refused({ from: "2026-02-30" })).toMatchObject({ ok: false, code: "invalid_range", reason: expect.stringContaining("正しい日付") });
    expect(await refused({ from: "12/1" })).toMatchObject({ ok: false, code: "invalid_range" });
    expect(await refused({ from: "2026-12-02", to: "2026-12-01" })).toMatchObject({ ok: false, code: "invalid_range", reason: "開始日は終了日より前の日付にしてください。" });
    // 92 days are allowed, 93 are not.
    expect((await refused({ from: "2026-09-01", to: "2026-12-01" })).ok).toBe(true);
    expect(await refused({ from: "2026-08-31", to: "2026-12-01" })).toMatchObject({ ok: false, code: "invalid_range", reason: "期間は92日以内で指定してください。" });
    expect(await refused({ venueId: 0 })).toMatchObject({ ok: false, code: "invalid_venue" });
    expect(await refused({ venueId: Number.NaN })).toMatchObject({ ok: false, code: "invalid_venue" });
    expect(await refused({ venueId: 9999 })).toMatchObject({ ok: false, code: "venue_not_found" });
  });
});
