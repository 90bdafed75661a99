/** @jest-environment node */
// The waitlist's offer sequence (issue 8) through the real services: seats freed by cancellations,
// held for the first resident in line, accepted, declined, expired, and raced. CI runs this file
// again on the real PostgreSQL server, where the Promise.all cases are truly concurrent.
process.env.NEXTAUTH_SECRET ??= "test-secret-0123456789-0123456789-abcdef";

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { leftoverReleases, lineLinks, lineUsers, municipality, reservations, seatOffers, slots, waitlistEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { bookSlot } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { updateSlotCapacity } from "@/lib/slots/update-slot";
import { acceptOffer, declineOffer } from "@/lib/offers/accept";
import { notifyPendingWaitlistOffers } from "@/lib/offers/notify";
import { derivedOfferToken, newOfferToken } from "@/lib/offers/token";
import { offerForToken } from "@/lib/offers/view";
import { MAX_MISSED_OFFERS, sweepWaitlist } from "@/lib/waitlist/dispatch";
import { joinWaitlist, leaveWaitlist, liveEntryOf } from "@/lib/waitlist/join";
import { fakeLineUserId, startFakeLine, type FakeLine } from "../support/fake-line";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase((db) => setupMunicipality(db));
const DATE = "2026-12-10";
const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

async function booked(slotId: number, now = NOW) {
  const voucher = await createVoucher(t.db);
  const result = await bookSlot(t.db, { voucherId: voucher.id, slotId, actor: resident(voucher.id), channel: "web", now });
  if (!result.ok) throw new Error(result.reason);
  return { voucher, reservation: result.reservation };
}

/** A slot of one seat (venue of its own, on DATE), taken by `holder`. */
async function fullSlot() {
  const venue = await createVenue(t.db);
  const slot = await createSlot(t.db, { venueId: venue.id, date: DATE, capacity: 1 });
  return { venue, slot, holder: await booked(slot.id) };
}

/** The holder cancels their booking: the seat frees up. */
function cancel(holder: { voucher: { id: number }; reservation: { id: number } }, now = NOW) {
  return cancelReservation(t.db, { reservationId: holder.reservation.id, actor: resident(holder.voucher.id), now });
}

async function waiting(options: { venueId?: number | null; dateFrom?: string; dateTo?: string; birthDate?: string; now?: Date } = {}) {
  const voucher = await createVoucher(t.db, { email: `w${Math.random().toString(36).slice(2)}@example.jp`, ...(options.birthDate ? { birthDate: options.birthDate } : {}) });
  const joined = await joinWaitlist(t.db, {
    actor: resident(voucher.id),
    voucherId: voucher.id,
    venueId: options.venueId ?? null,
    dateFrom: options.dateFrom ?? "2026-12-02",
    dateTo: options.dateTo ?? "2026-12-20",
    contact: "email",
    now: options.now ?? NOW,
  });
  if (!joined.ok) throw new Error(`${joined.code}: ${joined.reason}`);
  return { voucher, entry: joined.entry };
}

async function slotRow(id: number) {
  const [row] = await t.db.select().from(slots).where(eq(slots.id, id));
  return row!;
}

async function openOffers() {
  return t.db.select().from(seatOffers).where(eq(seatOffers.status, "open")).orderBy(asc(seatOffers.id));
}

const entryStatus = async (id: number) => (await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id)))[0]!;

describe("offers to the waitlist", () => {
  it("a cancellation holds its seat for the first resident in line: nobody browsing can book it", async () => {
    const { slot, holder } = await fullSlot();
    const first = await waiting();
    await waiting();
    expect(await openOffers()).toHaveLength(0);

    const cancelled = await cancel(holder);
    expect(cancelled).toMatchObject({ ok: true });
    const offers = await openOffers();
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ voucherId: first.voucher.id, slotId: slot.id, kind: "waitlist", contact: "email" });
    expect(offers[0]!.expiresAt.getTime()).toBe(minutes(30).getTime());
    expect(await slotRow(slot.id)).toMatchObject({ bookedCount: 0, heldCount: 1, seatsLeft: 0 });
    expect((await entryStatus(first.entry.id)).status).toBe("offered");

    const browser = await createVoucher(t.db);
    const direct = await bookSlot(t.db, { voucherId: browser.id, slotId: slot.id, actor: resident(browser.id), channel: "web", now: NOW });
    expect(direct).toMatchObject({ ok: false, code: "slot_full" });
  });

  it("accepting turns the held seat into the booking, once, even when pressed twice at once", async () => {
    const { slot, holder } = await fullSlot();
    const first = await waiting();
    await cancel(holder);
    const [offer] = await openOffers();
    const token = derivedOfferToken(offer!.id);

    const [a, b] = await Promise.all([acceptOffer(t.db, { token, now: minutes(5) }), acceptOffer(t.db, { token, now: minutes(5) })]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.reservation.id).toBe(b.reservation.id);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(a.reservation).toMatchObject({ voucherId: first.voucher.id, slotId: slot.id, status: "booked", doseNumber: 1 });
    expect(await slotRow(slot.id)).toMatchObject({ bookedCount: 1, heldCount: 0, seatsLeft: 0 });
    expect((await entryStatus(first.entry.id)).status).toBe("booked");
    expect(await offerForToken(t.db, token, minutes(6))).toMatchObject({ status: "accepted", reservationNumber: a.reservation.reservationNumber });
    expect(await liveEntryOf(t.db, first.voucher.id)).toBeNull();
  });

  it("two seats freed at once go to the first two in line, one each; the third keeps waiting", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: DATE, capacity: 2 });
    const x = await booked(slot.id);
    const y = await booked(slot.id);
    const a = await waiting();
    const b = await waiting();
    const c = await waiting();
    const results = await Promise.all(
      [x, y].map((h) => cancel(h)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const offers = await openOffers();
    expect(offers.map((o) => o.voucherId).sort()).toEqual([a.voucher.id, b.voucher.id].sort());
    expect(await slotRow(slot.id)).toMatchObject({ bookedCount: 0, heldCount: 2, seatsLeft: 0 });
    expect((await entryStatus(c.entry.id)).status).toBe("waiting");
  });

  it("an offer that expires gives the seat to the next in line, who is offered it; the one who missed is not offered it again", async () => {
    const { slot, holder } = await fullSlot();
    const a = await waiting();
    const b = await waiting();
    await cancel(holder);
    const [first] = await openOffers();
    expect(first!.voucherId).toBe(a.voucher.id);

    // Not yet: the sweep before the deadline changes nothing.
    expect(await sweepWaitlist(t.db, minutes(29))).toMatchObject({ expired: 0, offered: [] });
    const swept = await sweepWaitlist(t.db, minutes(30));
    expect(swept.expired).toBe(1);
    expect(swept.offered).toHaveLength(1);
    const [second] = await openOffers();
    expect(second).toMatchObject({ voucherId: b.voucher.id, slotId: slot.id });
    expect(await slotRow(slot.id)).toMatchObject({ heldCount: 1, seatsLeft: 0 });
    expect(await entryStatus(a.entry.id)).toMatchObject({ status: "waiting", missedOffers: 1 });
    // Too late for the first offer: a clear refusal, and the seat stays with the second.
    expect(await acceptOffer(t.db, { token: derivedOfferToken(first!.id), now: minutes(31) })).toMatchObject({ ok: false, code: "offer_expired" });

    // b lets it expire too: a has been offered this seat already, so it stays free for anyone.
    const again = await sweepWaitlist(t.db, minutes(61));
    expect(again).toMatchObject({ expired: 1, offered: [] });
    expect(await slotRow(slot.id)).toMatchObject({ heldCount: 0, seatsLeft: 1 });
  });

  it(`an entry lapses after ${MAX_MISSED_OFFERS} missed offers`, async () => {
    const venue = await createVenue(t.db);
    const one = await createSlot(t.db, { venueId: venue.id, date: DATE, capacity: 1 });
    const two = await createSlot(t.db, { venueId: venue.id, date: DATE, startTime: "11:00", endTime: "11:30", capacity: 1 });
    const h1 = await booked(one.id);
    const h2 = await booked(two.id);
    const a = await waiting();
    await cancel(h1);
    await sweepWaitlist(t.db, minutes(30));
    await cancel(h2, minutes(31));
    expect((await openOffers()).map((o) => o.slotId)).toEqual([two.id]);
    await sweepWaitlist(t.db, minutes(61));
    expect(await entryStatus(a.entry.id)).toMatchObject({ status: "lapsed", missedOffers: 2 });
    expect(await openOffers()).toHaveLength(0);
  });

  it("declining moves the seat on at once, and the resident who declined keeps their place for other seats", async () => {
    const { holder } = await fullSlot();
    const a = await waiting();
    const b = await waiting();
    await cancel(holder);
    const [offer] = await openOffers();
    expect(await declineOffer(t.db, { token: derivedOfferToken(offer!.id), now: minutes(2) })).toMatchObject({ ok: true });
    const [next] = await openOffers();
    expect(next).toMatchObject({ voucherId: b.voucher.id });
    expect(await entryStatus(a.entry.id)).toMatchObject({ status: "waiting", missedOffers: 0 });
    expect(await declineOffer(t.db, { token: derivedOfferToken(offer!.id), now: minutes(3) })).toMatchObject({ ok: false, code: "offer_closed" });
  });

  it("nobody is skipped: a seat goes to the first resident it fits, and one it does not fit keeps their place", async () => {
    const x = await createVenue(t.db);
    const y = await createVenue(t.db);
    const adultSlot = await createSlot(t.db, { venueId: y.id, date: DATE, capacity: 1 });
    const childSlot = await createSlot(t.db, { venueId: y.id, date: DATE, startTime: "14:00", endTime: "14:30", capacity: 1, productCode: "PFIZER_PED" });
    const h1 = await booked(adultSlot.id);
    const child = await createVoucher(t.db, { birthDate: "2018-06-01" });
    const h2 = await bookSlot(t.db, { voucherId: child.id, slotId: childSlot.id, actor: resident(child.id), channel: "web", now: NOW });
    if (!h2.ok) throw new Error(h2.reason);

    const onlyX = await waiting({ venueId: x.id }); // wants another venue
    const kid = await waiting({ birthDate: "2017-04-01" }); // 9 years old: PFIZER is for 12 and over
    const late = await waiting({ dateFrom: "2026-12-15" }); // wants later dates
    const anyone = await waiting();
    const last = await waiting();

    await cancel(h1);
    expect((await openOffers()).map((o) => o.voucherId)).toEqual([anyone.voucher.id]);
    await cancelReservation(t.db, { reservationId: h2.reservation.id, actor: resident(child.id), now: NOW });
    const offers = await openOffers();
    expect(offers.map((o) => [o.voucherId, o.slotId])).toEqual([
      [anyone.voucher.id, adultSlot.id],
      [kid.voucher.id, childSlot.id],
    ]);
    for (const e of [onlyX, late, last]) expect((await entryStatus(e.entry.id)).status).toBe("waiting");
  });

  it("a raised capacity is offered to the waitlist before anyone browsing", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: DATE, capacity: 1 });
    await booked(slot.id);
    const a = await waiting();
    const admin = await createStaff(t.db, "admin");
    expect(await updateSlotCapacity(t.db, admin, slot.id, 2, { now: minutes(1) })).toMatchObject({ ok: true });
    const [offer] = await openOffers();
    expect(offer).toMatchObject({ voucherId: a.voucher.id, slotId: slot.id });
    expect(await slotRow(slot.id)).toMatchObject({ bookedCount: 1, heldCount: 1, seatsLeft: 0 });
  });

  it("joining when a seat is already free offers it at once; a resident booked some other way leaves the line", async () => {
    const venue = await createVenue(t.db);
    const free = await createSlot(t.db, { venueId: venue.id, date: DATE, capacity: 1 });
    const other = await createSlot(t.db, { venueId: venue.id, date: DATE, startTime: "15:00", endTime: "15:30", capacity: 1 });
    const holder = await booked(other.id);
    const a = await waiting();
    expect((await openOffers()).map((o) => [o.voucherId, o.slotId])).toEqual([[a.voucher.id, free.id]]);

    const b = await waiting();
    expect((await entryStatus(b.entry.id)).status).toBe("waiting");
    const staff = await createStaff(t.db, "call_center");
    const later = await createSlot(t.db, { venueId: venue.id, date: "2026-12-21", capacity: 1 });
    expect(await bookSlot(t.db, { voucherId: b.voucher.id, slotId: later.id, actor: staff, channel: "operator", now: NOW })).toMatchObject({ ok: true });
    // The next seat that frees finds b booked: b's entry closes and the seat stays free for anyone.
    await cancel(holder, minutes(2));
    expect((await openOffers()).map((o) => o.voucherId)).toEqual([a.voucher.id]);
    expect((await entryStatus(b.entry.id)).status).toBe("closed");
    expect(await slotRow(other.id)).toMatchObject({ heldCount: 0, seatsLeft: 1 });
  });

  it("an offer its resident can no longer take is given back to the next in line at once", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: DATE, capacity: 1 });
    const elsewhere = await createSlot(t.db, { venueId: venue.id, date: "2026-12-22", capacity: 5 }); // after everyone's dates
    const holder = await booked(slot.id);
    const a = await waiting();
    const b = await waiting();
    await cancel(holder);
    const [offer] = await openOffers();
    expect(offer!.voucherId).toBe(a.voucher.id);
    const staff = await createStaff(t.db, "call_center");
    expect(await bookSlot(t.db, { voucherId: a.voucher.id, slotId: elsewhere.id, actor: staff, channel: "operator", now: NOW })).toMatchObject({ ok: true });
    expect(await acceptOffer(t.db, { token: derivedOfferToken(offer!.id), now: minutes(1) })).toMatchObject({ ok: false, code: "active_reservation" });
    const [next] = await openOffers();
    expect(next).toMatchObject({ voucherId: b.voucher.id, slotId: slot.id });
    expect(await slotRow(slot.id)).toMatchObject({ heldCount: 1 });
  });

  it("leaving with an open offer gives its seat to the next in line", async () => {
    const { holder } = await fullSlot();
    const a = await waiting();
    const b = await waiting();
    await cancel(holder);
    expect(await leaveWaitlist(t.db, { actor: resident(b.voucher.id), entryId: a.entry.id, now: minutes(1) })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await leaveWaitlist(t.db, { actor: resident(a.voucher.id), entryId: a.entry.id, now: minutes(1) })).toMatchObject({ ok: true });
    expect((await openOffers()).map((o) => o.voucherId)).toEqual([b.voucher.id]);
    expect((await entryStatus(a.entry.id)).status).toBe("left");
  });
});

describe("joining the waitlist", () => {
  it("refuses what cannot work, with a reason", async () => {
    const { holder } = await fullSlot();
    const base = (voucherId: number) => ({ actor: resident(voucherId), voucherId, venueId: null, dateFrom: "2026-12-02", dateTo: "2026-12-20", contact: "email" as const, now: NOW });
    expect(await joinWaitlist(t.db, base(holder.voucher.id))).toMatchObject({ ok: false, code: "active_reservation" });

    const v = await createVoucher(t.db, { email: "v@example.jp" });
    expect(await joinWaitlist(t.db, { ...base(v.id), dateFrom: "2026-11-30" })).toMatchObject({ ok: false, code: "invalid_input", details: { fieldErrors: { dateFrom: expect.any(String) } } });
    expect(await joinWaitlist(t.db, { ...base(v.id), dateTo: "2027-01-30" })).toMatchObject({ ok: false, code: "invalid_input", details: { fieldErrors: { dateTo: expect.stringContaining("まで") } } });
    expect(await joinWaitlist(t.db, { ...base(v.id), contact: "sms" })).toMatchObject({ ok: false, code: "contact_unreachable" });
    expect(await joinWaitlist(t.db, { ...base(v.id), contact: "line", lineUserId: fakeLineUserId(9) })).toMatchObject({ ok: false, code: "contact_unreachable" });
    expect(await joinWaitlist(t.db, { ...base(v.id), contact: "phone" })).toMatchObject({ ok: false, code: "contact_unreachable" });
    const other = await createVoucher(t.db);
    expect(await joinWaitlist(t.db, { ...base(v.id), actor: resident(other.id) })).toMatchObject({ ok: false, code: "forbidden" });
    const toddler = await createVoucher(t.db, { birthDate: "2025-01-01", email: "t@example.jp" });
    expect(await joinWaitlist(t.db, base(toddler.id))).toMatchObject({ ok: false, code: "too_young" });

    expect(await joinWaitlist(t.db, base(v.id))).toMatchObject({ ok: true });
    expect(await joinWaitlist(t.db, base(v.id))).toMatchObject({ ok: false, code: "already_waiting" });

    await t.db.update(municipality).set({ waitlistEnabled: false });
    const w = await createVoucher(t.db, { email: "w@example.jp" });
    expect(await joinWaitlist(t.db, base(w.id))).toMatchObject({ ok: false, code: "waitlist_off" });
  });

  it("staff may register a caller to be phoned, residents may not", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "call_center");
    const caller = await createVoucher(t.db, { phone: "0426000000" });
    const joined = await joinWaitlist(t.db, { actor: staff, voucherId: caller.id, venueId: venue.id, dateFrom: "2026-12-02", dateTo: "2026-12-20", contact: "phone", now: NOW });
    expect(joined).toMatchObject({ ok: true, entry: { channel: "operator", contact: "phone", createdByStaffId: staff.staffId } });
  });
});

describe("offers sent by LINE", () => {
  let line: FakeLine;
  const saved = { ...process.env };
  beforeAll(async () => {
    line = await startFakeLine({ channelAccessToken: "waitlist-token" });
    Object.assign(process.env, { LINE_CHANNEL_ACCESS_TOKEN: "waitlist-token", LINE_API_BASE_URL: line.url, PUBLIC_BASE_URL: "https://vaccine.city.example.jp" });
  });
  afterAll(async () => {
    process.env = saved;
    await line.close();
  });
  beforeEach(() => line.reset());

  it("a cancellation pushes the offer with its link to the waiting resident's LINE, and the link books the seat", async () => {
    const { venue, slot, holder } = await fullSlot();
    const voucher = await createVoucher(t.db);
    const lineUserId = fakeLineUserId(77);
    await t.db.insert(lineUsers).values({ lineUserId });
    await t.db.insert(lineLinks).values({ lineUserId, voucherId: voucher.id });
    const joined = await joinWaitlist(t.db, {
      actor: { kind: "resident", voucherId: voucher.id, channel: "line" },
      voucherId: voucher.id,
      venueId: venue.id,
      dateFrom: "2026-12-02",
      dateTo: "2026-12-20",
      contact: "line",
      lineUserId,
      now: NOW,
    });
    expect(joined).toMatchObject({ ok: true, entry: { channel: "line" } });

    await cancel(holder);
    const pushes = line.callsTo("/v2/bot/message/push");
    expect(pushes).toHaveLength(1);
    const body = pushes[0]!.body as { to: string; messages: { text: string }[] };
    expect(body.to).toBe(lineUserId);
    const link = body.messages[0]!.text.match(/https:\/\/vaccine\.city\.example\.jp\/offers\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    expect(body.messages[0]!.text).toContain("キャンセル待ち");

    // Sent once: a second notifier run finds nothing to send.
    expect(await notifyPendingWaitlistOffers(t.db, { line: null, email: null, sms: null, baseUrl: null }, minutes(1))).toEqual({ sent: 0, failed: 0, byPhone: 0 });
    const accepted = await acceptOffer(t.db, { token: link![1]!, now: minutes(3) });
    expect(accepted).toMatchObject({ ok: true, reservation: { voucherId: voucher.id, slotId: slot.id, channel: "line" } });
  });
});

describe("leftover offers: first to accept", () => {
  it("two residents accepting the last leftover seat at once: one gets it, the other is told it is taken", async () => {
    await t.db.update(municipality).set({ leftoverEnabled: true });
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    // A same-day leftover slot of one dose at 15:00 Tokyo, offered to two residents.
    const [slot] = await t.db
      .insert(slots)
      .values({ venueId: venue.id, date: "2026-12-01", startTime: "15:00", endTime: "15:30", productCode: "PFIZER", capacity: 1, offerOnly: true })
      .returning();
    const [release] = await t.db.insert(leftoverReleases).values({ venueId: venue.id, slotId: slot!.id, doses: 1, declaredByStaffId: staff.staffId }).returning();
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const v = await createVoucher(t.db);
      const { token, tokenHash } = newOfferToken();
      tokens.push(token);
      await t.db.insert(seatOffers).values({ kind: "leftover", slotId: slot!.id, voucherId: v.id, leftoverReleaseId: release!.id, tokenHash, expiresAt: new Date("2026-12-01T06:00:00Z"), contact: "email", target: "x@example.jp" });
    }
    // Not listed and not bookable without an offer.
    const outsider = await createVoucher(t.db);
    expect(await bookSlot(t.db, { voucherId: outsider.id, slotId: slot!.id, actor: resident(outsider.id), channel: "web", now: NOW })).toMatchObject({ ok: false, code: "offer_only" });

    const results = await Promise.all(tokens.slice(0, 2).map((token) => acceptOffer(t.db, { token, now: minutes(10) })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: "offer_taken" });
    expect(await slotRow(slot!.id)).toMatchObject({ bookedCount: 1, seatsLeft: 0 });
    // The third resident, who had not answered yet, is told too.
    const third = await t.db.select().from(seatOffers).where(eq(seatOffers.tokenHash, (await import("@/lib/offers/token")).hashOfferToken(tokens[2]!)));
    expect(third[0]!.status).toBe("taken");
    expect(await acceptOffer(t.db, { token: tokens[2]!, now: minutes(11) })).toMatchObject({ ok: false, code: "offer_taken" });
  });
});

describe("under concurrency", () => {
  it("an offer accepted while the sweep expires it: either booked or expired and passed on, never both", async () => {
    for (let round = 0; round < 4; round++) {
      await t.reset();
      await setupMunicipality(t.db);
      const { slot, holder } = await fullSlot();
      const a = await waiting();
      const b = await waiting();
      await cancel(holder);
      const [offer] = await openOffers();
      const [accepted, swept] = await Promise.all([
        acceptOffer(t.db, { token: derivedOfferToken(offer!.id), now: minutes(29) }),
        sweepWaitlist(t.db, minutes(30)),
      ]);
      const row = await slotRow(slot.id);
      const open = await openOffers();
      if (accepted.ok) {
        expect(swept.expired).toBe(0);
        expect(row).toMatchObject({ bookedCount: 1, heldCount: 0 });
        expect(open).toHaveLength(0);
        expect((await entryStatus(a.entry.id)).status).toBe("booked");
      } else {
        expect(accepted.code).toBe("offer_expired");
        expect(row).toMatchObject({ bookedCount: 0, heldCount: 1 });
        expect(open.map((o) => o.voucherId)).toEqual([b.voucher.id]);
      }
    }
  });

  it("cancellations, sweeps and direct bookings at once: no seat given twice, capacity held, offers in arrival order", async () => {
    const venue = await createVenue(t.db);
    const slotList: (typeof slots.$inferSelect)[] = [];
    for (let i = 0; i < 6; i++) slotList.push(await createSlot(t.db, { venueId: venue.id, date: DATE, startTime: `1${i}:00`, endTime: `1${i}:30`, capacity: 3 }));
    const holders = [];
    for (const s of slotList) for (let i = 0; i < 3; i++) holders.push(await booked(s.id));
    const queue = [];
    for (let i = 0; i < 12; i++) queue.push(await waiting());
    const browsers = [];
    for (let i = 0; i < 12; i++) browsers.push(await createVoucher(t.db));

    const work: Promise<unknown>[] = [];
    holders.slice(0, 15).forEach((h, i) => {
      work.push(cancel(h));
      if (i % 2 === 0) work.push(sweepWaitlist(t.db, NOW));
    });
    browsers.forEach((b, i) => work.push(bookSlot(t.db, { voucherId: b.id, slotId: slotList[i % 6]!.id, actor: resident(b.id), channel: "web", now: NOW })));
    const settled = await Promise.allSettled(work);
    // Every call answered: a value (ok or a clear refusal), never a thrown error.
    expect(settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
    for (const s of settled) {
      const value = (s as PromiseFulfilledResult<unknown>).value as { ok?: boolean; code?: string };
      if (value && value.ok === false) expect(["slot_full"]).toContain(value.code);
    }

    const rows = await t.db.select().from(slots).where(inArray(slots.id, slotList.map((s) => s.id)));
    const open = await openOffers();
    for (const s of rows) {
      const [active] = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(reservations)
        .where(and(eq(reservations.slotId, s.id), inArray(reservations.status, ["booked", "checked_in"])));
      expect(s.bookedCount).toBe(active!.n);
      expect(s.bookedCount + s.heldCount).toBeLessThanOrEqual(s.capacity);
      expect(s.heldCount).toBe(open.filter((o) => o.slotId === s.id).length);
    }
    // One open offer per resident, and the residents offered are the first in line.
    expect(new Set(open.map((o) => o.voucherId)).size).toBe(open.length);
    const offeredIds = new Set(open.map((o) => o.waitlistEntryId));
    const order = queue.map((q) => q.entry.id);
    const firstNotOffered = order.findIndex((id) => !offeredIds.has(id));
    if (firstNotOffered >= 0) expect(order.slice(firstNotOffered).some((id) => offeredIds.has(id))).toBe(false);
    // 15 seats were freed; the browsers and the queue share them, and none stays free while someone waits.
    const seatsLeft = rows.reduce((n, s) => n + s.seatsLeft, 0);
    if (seatsLeft > 0) expect(open.length).toBe(queue.length);
  });
});

describe("POST /api/cron/waitlist", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });
  const call = async (authorization?: string) => {
    const { POST } = await import("@/app/api/cron/waitlist/route");
    return POST(new Request("http://localhost/api/cron/waitlist", { method: "POST", headers: authorization ? { authorization } : {} }));
  };

  it("needs the scheduler's token, then expires offers past their time", async () => {
    const { setAppDatabase } = await import("@/db/client");
    setAppDatabase(t);
    delete process.env.CRON_SECRET;
    expect((await call("Bearer whatever")).status).toBe(503);
    process.env.CRON_SECRET = "cron-secret-0123456789";
    expect((await call("Bearer wrong-secret-0123456789")).status).toBe(401);
    expect((await call()).status).toBe(401);

    const { holder } = await fullSlot();
    await waiting();
    await cancel(holder);
    const [offer] = await openOffers();
    // The route runs on the real clock: an offer whose time has passed by then.
    await t.db.update(seatOffers).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(seatOffers.id, offer!.id));
    const res = await call("Bearer cron-secret-0123456789");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ expired: 1 });
    expect((await t.db.select().from(seatOffers).where(eq(seatOffers.id, offer!.id)))[0]!.status).toBe("expired");
  });
});
