/** @jest-environment node */
// Same-day leftover doses (余剰ワクチン): residents opt in; venue staff declare N doses at HH:MM
// today; up to 3 × N eligible, reachable, opted-in residents get an offer in opt-in order; the
// first to accept takes a seat. Real services on a real database (PGlite, and PostgreSQL in CI).
import { and, eq } from "drizzle-orm";
import { auditLog, doseRecords, leftoverOptIns, leftoverReleases, lineLinks, lineUsers, municipality, seatOffers, slots, vouchers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { bookSlot } from "@/lib/booking/book";
import { declareLeftover, leftoverEndTime } from "@/lib/leftover/declare";
import { saveOptIn, withdrawOptIn, loadOptInPage } from "@/lib/leftover/opt-in";
import { closeRelease, listTodayReleases } from "@/lib/leftover/releases";
import { updateSettings } from "@/lib/settings/update-settings";
import { acceptOffer } from "@/lib/offers/accept";
import { offerSendersFromEnv, type OfferSenders } from "@/lib/offers/notify";
import { hashOfferToken } from "@/lib/offers/token";
import { fakeLineUserId, startFakeLine, type FakeLine } from "../support/fake-line";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality, TODAY } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase((db) => setupMunicipality(db, { leftoverEnabled: true, leftoverLeadMinutes: 180 }));

const resident = (voucherId: number, channel: "web" | "line" = "web"): Actor => ({ kind: "resident", voucherId, channel });
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const BASE = "https://vaccine.city.example.jp";
/** E-mails "sent" by the offers: to whom, and the link in them (the token is only ever in the link). */
const mails: { to: string; text: string; token: string | null }[] = [];
const recording: OfferSenders = {
  line: null,
  sms: null,
  email: async (to, _subject, text) => {
    mails.push({ to, text, token: text.match(/\/offers\/([A-Za-z0-9_-]+)/)?.[1] ?? null });
    return { ok: true };
  },
  baseUrl: BASE,
};
const quiet = { senders: recording };
beforeEach(() => {
  mails.length = 0;
});

async function optedIn(values: Parameters<typeof createVoucher>[1] = {}, venueIds: number[] = [], at = NOW) {
  const voucher = await createVoucher(t.db, { email: "taro@example.jp", ...values });
  const saved = await saveOptIn(t.db, resident(voucher.id), { venueIds, contact: "email", now: at });
  expect(saved).toMatchObject({ ok: true });
  return voucher;
}

describe("opting in", () => {
  it("saves the venues and contact, audit-logs it, and changes and withdraws it", async () => {
    const venue = await createVenue(t.db);
    const voucher = await createVoucher(t.db, { phone: "090-1234-5678", email: "hanako@example.jp" });
    const first = await saveOptIn(t.db, resident(voucher.id), { venueIds: [venue.id], contact: "sms", now: NOW });
    expect(first).toMatchObject({ ok: true, created: true, optIn: { venueIds: [venue.id], contact: "sms", lineUserId: null, withdrawnAt: null } });
    const changed = await saveOptIn(t.db, resident(voucher.id), { venueIds: [], contact: "email", now: minutesLater(1) });
    expect(changed).toMatchObject({ ok: true, created: false, optIn: { venueIds: [], contact: "email" } });
    expect(await withdrawOptIn(t.db, resident(voucher.id), { now: minutesLater(2) })).toMatchObject({ ok: true });
    expect(await withdrawOptIn(t.db, resident(voucher.id))).toMatchObject({ ok: false, code: "not_opted_in" });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.voucherId, voucher.id)).orderBy(auditLog.id);
    expect(audit.map((a) => [a.action, a.actorKind])).toEqual([
      ["leftover.opt_in", "resident"],
      ["leftover.opt_in_change", "resident"],
      ["leftover.opt_out", "resident"],
    ]);
    // The audit keeps the kind of contact, never the number or address.
    expect(JSON.stringify(audit)).not.toContain("090");
    expect(JSON.stringify(audit)).not.toContain("hanako@");
  });

  it("refuses while leftover offers are off, for the too young, and a contact the resident has not given", async () => {
    const voucher = await createVoucher(t.db, { birthDate: "1961-12-02", phone: "03-1234-5678" });
    expect(await saveOptIn(t.db, resident(voucher.id), { venueIds: [], contact: "sms", now: NOW })).toMatchObject({ ok: false, code: "contact_unavailable" });
    expect(await saveOptIn(t.db, resident(voucher.id), { venueIds: [], contact: "email", now: NOW })).toMatchObject({ ok: false, code: "contact_unavailable" });
    expect(await saveOptIn(t.db, resident(voucher.id), { venueIds: [], contact: "line", now: NOW })).toMatchObject({ ok: false, code: "contact_unavailable" });
    expect(await saveOptIn(t.db, resident(voucher.id), { venueIds: [], contact: "fax", now: NOW })).toMatchObject({ ok: false, code: "invalid" });
    await t.db.update(municipality).set({ leftoverMinAge: 65 });
    // 64 today (65 tomorrow)
    expect(await saveOptIn(t.db, resident(voucher.id), { venueIds: [], contact: "email", now: NOW })).toMatchObject({ ok: false, code: "leftover_too_young" });
    await t.db.update(municipality).set({ leftoverMinAge: null, leftoverEnabled: false });
    expect(await saveOptIn(t.db, resident(voucher.id), { venueIds: [], contact: "email", now: NOW })).toMatchObject({ ok: false, code: "leftover_off" });
    expect(await t.db.select().from(leftoverOptIns)).toHaveLength(0);
    const page = await loadOptInPage(t.db, voucher.id, { now: NOW });
    expect(page.refusal?.code).toBe("leftover_off");
    expect(page.contacts).toEqual({ line: null, sms: null, email: null });
  });

  it("offers LINE only for a linked, following LINE user, and prefers the one in use", async () => {
    const voucher = await createVoucher(t.db);
    const [a, b] = [fakeLineUserId(1), fakeLineUserId(2)];
    await t.db.insert(lineUsers).values([{ lineUserId: a }, { lineUserId: b }]);
    await t.db.insert(lineLinks).values([
      { lineUserId: a, voucherId: voucher.id, linkedAt: new Date("2026-11-01T00:00:00Z") },
      { lineUserId: b, voucherId: voucher.id, linkedAt: new Date("2026-11-02T00:00:00Z") },
    ]);
    expect((await loadOptInPage(t.db, voucher.id, { now: NOW })).contacts.line).toBe(b);
    expect((await loadOptInPage(t.db, voucher.id, { lineUserId: a, now: NOW })).contacts.line).toBe(a);
    expect((await loadOptInPage(t.db, voucher.id, { lineUserId: fakeLineUserId(9), now: NOW })).contacts.line).toBe(b);
    const saved = await saveOptIn(t.db, resident(voucher.id, "line"), { venueIds: [], contact: "line", lineUserId: a, now: NOW });
    expect(saved).toMatchObject({ ok: true, optIn: { contact: "line", lineUserId: a } });
    await t.db.update(lineUsers).set({ following: false });
    expect((await loadOptInPage(t.db, voucher.id, { now: NOW })).contacts.line).toBeNull();
  });

  it("refuses anyone but the resident", async () => {
    const voucher = await createVoucher(t.db, { email: "a@example.jp" });
    const staff = await createStaff(t.db, "admin");
    expect(await saveOptIn(t.db, staff, { venueIds: [], contact: "email", now: NOW })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await saveOptIn(t.db, resident(voucher.id), { venueIds: [99999], contact: "email", now: NOW })).toMatchObject({ ok: false, code: "invalid" });
  });
});

describe("declaring leftover doses", () => {
  it("offers only eligible, reachable, opted-in residents of this venue, at most 3 × N, in opt-in order", async () => {
    const venue = await createVenue(t.db);
    const other = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });

    const young = await optedIn({ birthDate: "2015-06-01" }, [], minutesLater(-60)); // 11: Pfizer is 12+
    const booked = await optedIn({}, [], minutesLater(-59));
    expect(await bookSlot(t.db, { voucherId: booked.id, slotId: slot.id, actor: resident(booked.id), channel: "web", now: NOW })).toMatchObject({ ok: true });
    const withdrawn = await optedIn({}, [], minutesLater(-58));
    await withdrawOptIn(t.db, resident(withdrawn.id), { now: minutesLater(-1) });
    const elsewhere = await optedIn({}, [other.id], minutesLater(-57));
    // Dose 2 too soon: dose 1 of Pfizer on 2026-11-20 (21 days end on 2026-12-11).
    const tooSoon = await optedIn({ priorDoseCount: 1, priorLastDoseDate: "2026-11-20", priorLastProductCode: "PFIZER" }, [], minutesLater(-56));
    // Opted in by e-mail, address removed since: unreachable.
    const gone = await optedIn({}, [], minutesLater(-55));
    await t.db.update(vouchers).set({ email: null }).where(eq(vouchers.id, gone.id));
    const eligible = [];
    for (let i = 0; i < 5; i++) eligible.push(await optedIn({}, i === 0 ? [venue.id] : i === 1 ? [other.id, venue.id] : [], minutesLater(-50 + i)));

    const result = await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime: "10:00", doses: 1, now: NOW, ...quiet });
    expect(result).toMatchObject({ ok: true, offered: 3 });
    if (!result.ok) return;
    const offers = await t.db.select().from(seatOffers).orderBy(seatOffers.id);
    expect(offers.map((o) => o.voucherId)).toEqual(eligible.slice(0, 3).map((v) => v.id));
    for (const o of offers) {
      expect(o).toMatchObject({ kind: "leftover", status: "open", slotId: result.slot.id, leftoverReleaseId: result.release.id, contact: "email", target: "taro@example.jp" });
      expect(o.expiresAt.toISOString()).toBe("2026-12-01T01:00:00.000Z"); // 10:00 in Tokyo
      expect(o.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const v of [young, booked, withdrawn, elsewhere, tooSoon, gone]) expect(offers.some((o) => o.voucherId === v.id)).toBe(false);
    expect(result.slot).toMatchObject({ venueId: venue.id, date: TODAY, startTime: "10:00:00", endTime: "10:30:00", capacity: 1, offerOnly: true, status: "open", seatsLeft: 1 });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "leftover.declare"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: "staff", actorId: String(staff.staffId), entity: "leftover_release", entityId: String(result.release.id) });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "seat_offer.create"))).toHaveLength(3);
  });

  it("offers 3 × N for N doses, and nobody twice for two releases", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_manager", [venue.id]);
    for (let i = 0; i < 8; i++) await optedIn({}, [], minutesLater(-100 + i));
    const two = await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime: "11:00", doses: 2, now: NOW, ...quiet });
    expect(two).toMatchObject({ ok: true, offered: 6 });
    // A second release: the same 8 residents may be offered again (a different seat), never twice for one release.
    const again = await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime: "11:00", doses: 5, now: NOW, ...quiet });
    expect(again).toMatchObject({ ok: true, offered: 8 });
    // Two offer-only slots at the same time are allowed (slots_unique_time skips offer-only slots).
    expect(await t.db.select().from(slots).where(eq(slots.offerOnly, true))).toHaveLength(2);
  });

  it("a voided dose is no dose: the resident is offered dose 1", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "admin");
    const voucher = await optedIn();
    await t.db.insert(doseRecords).values({
      voucherId: voucher.id, doseNumber: 1, productCode: "PFIZER", lotNumber: "AB1234", venueId: venue.id,
      administeredOn: "2026-11-25", voidedAt: NOW, voidReason: "誤記録",
    });
    expect(await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime: "10:00", doses: 1, now: NOW, ...quiet })).toMatchObject({ ok: true, offered: 1 });
  });

  it.each([
    ["09:00", "time_past"], // now
    ["08:30", "time_past"],
    ["12:01", "too_far_ahead"], // 181 minutes ahead
    ["23:59", "too_late"],
    ["9:00", "invalid"],
    ["25:00", "invalid"],
  ])("refuses %s (now 09:00, lead 180 minutes): %s", async (startTime, code) => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "admin");
    const result = await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime, doses: 1, now: NOW, ...quiet });
    expect(result).toMatchObject({ ok: false, code });
    expect(await t.db.select().from(leftoverReleases)).toHaveLength(0);
    expect(await t.db.select().from(slots)).toHaveLength(0);
  });

  it.each([
    ["10:00", "10:30"],
    ["23:29", "23:59"],
    ["23:58", "23:59"],
  ])("a dose at %s gets a slot until %s (never past the day)", (start, end) => {
    expect(leftoverEndTime(start)).toBe(end);
  });

  it("accepts exactly the lead time and one minute ahead", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "admin");
    for (const startTime of ["12:00", "09:01"]) {
      expect(await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime, doses: 1, now: NOW, ...quiet })).toMatchObject({ ok: true });
    }
  });

  it("refuses while leftover offers are off, other venues' staff, and bad counts", async () => {
    const venue = await createVenue(t.db);
    const other = await createVenue(t.db);
    const input = { venueId: venue.id, productCode: "PFIZER", startTime: "10:00", doses: 1, now: NOW, ...quiet };
    expect(await declareLeftover(t.db, await createStaff(t.db, "venue_staff", [other.id]), input)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await declareLeftover(t.db, await createStaff(t.db, "call_center"), input)).toMatchObject({ ok: false, code: "forbidden" });
    const admin = await createStaff(t.db, "admin");
    expect(await declareLeftover(t.db, admin, { ...input, doses: 0 })).toMatchObject({ ok: false, code: "invalid", details: { doses: expect.any(String) } });
    expect(await declareLeftover(t.db, admin, { ...input, doses: "１０１" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await declareLeftover(t.db, admin, { ...input, productCode: "NOPE" })).toMatchObject({ ok: false, code: "invalid" });
    await t.db.update(municipality).set({ leftoverEnabled: false });
    expect(await declareLeftover(t.db, admin, input)).toMatchObject({ ok: false, code: "leftover_off" });
    expect(await t.db.select().from(leftoverReleases)).toHaveLength(0);
  });
});

describe("the venue's list and closing a release", () => {
  it("counts the offers, and closing withdraws the open ones only", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    for (let i = 0; i < 3; i++) await optedIn({}, [], minutesLater(-10 + i));
    const declared = await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime: "10:00", doses: 1, now: NOW, ...quiet });
    if (!declared.ok) throw new Error(declared.reason);
    const [first] = await t.db.select().from(seatOffers).orderBy(seatOffers.id).limit(1);
    await t.db.update(seatOffers).set({ status: "declined" }).where(eq(seatOffers.id, first!.id));

    const listed = await listTodayReleases(t.db, staff, venue.id, NOW);
    expect(listed).toMatchObject({ ok: true, releases: [{ id: declared.release.id, startTime: "10:00", endTime: "10:30", doses: 1, seatsLeft: 1, closedAt: null, coming: [] }] });
    if (!listed.ok) return;
    expect(listed.releases[0]!.offers).toMatchObject({ total: 3, open: 2, declined: 1, accepted: 0 });

    const closed = await closeRelease(t.db, staff, declared.release.id, minutesLater(5));
    expect(closed).toMatchObject({ ok: true, withdrawn: 2 });
    const statuses = (await t.db.select().from(seatOffers).orderBy(seatOffers.id)).map((o) => o.status);
    expect(statuses).toEqual(["declined", "withdrawn", "withdrawn"]);
    expect(await closeRelease(t.db, staff, declared.release.id)).toMatchObject({ ok: false, code: "already_closed" });
    const stranger = await createStaff(t.db, "venue_manager", [(await createVenue(t.db)).id]);
    expect(await listTodayReleases(t.db, stranger, venue.id, NOW)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "leftover.close"), eq(auditLog.entityId, String(declared.release.id))))).toHaveLength(1);
  });
});

describe("settings", () => {
  it("saves the five settings with one audit row; a section saved without them leaves them alone", async () => {
    const admin = await createStaff(t.db, "admin");
    const saved = await updateSettings(t.db, admin, {
      waitlistEnabled: "false", offerHoldMinutes: "45", leftoverEnabled: "true", leftoverMinAge: "６５", leftoverLeadMinutes: "240",
    });
    expect(saved).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(municipality);
    expect(row).toMatchObject({ waitlistEnabled: false, offerHoldMinutes: 45, leftoverEnabled: true, leftoverMinAge: 65, leftoverLeadMinutes: 240 });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "settings.update"));
    expect(audit!.after).toEqual({ waitlistEnabled: false, offerHoldMinutes: 45, leftoverMinAge: 65, leftoverLeadMinutes: 240 });
    expect(await updateSettings(t.db, admin, { callCenterHours: "毎日 9:00〜17:00" })).toMatchObject({ ok: true });
    expect((await t.db.select().from(municipality))[0]!.leftoverMinAge).toBe(65);
    expect(await updateSettings(t.db, admin, { leftoverMinAge: "" })).toMatchObject({ ok: true });
    expect((await t.db.select().from(municipality))[0]!.leftoverMinAge).toBeNull();
  });

  it.each([
    ["offerHoldMinutes", "4"], ["offerHoldMinutes", "1441"], ["leftoverLeadMinutes", "14"], ["leftoverLeadMinutes", "721"],
    ["leftoverMinAge", "121"], ["leftoverMinAge", "-1"], ["leftoverEnabled", "maybe"],
  ])("refuses %s = %s with a message for the field", async (field, value) => {
    const admin = await createStaff(t.db, "admin");
    const result = await updateSettings(t.db, admin, { [field]: value });
    expect(result).toMatchObject({ ok: false, code: "invalid", details: { [field]: expect.any(String) } });
  });
});

describe("accepting a leftover offer (lib/offers/accept.ts)", () => {
  async function declared(doses: number, residents: number) {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_staff", [venue.id]);
    const people = [];
    for (let i = 0; i < residents; i++) people.push(await optedIn({ email: `r${i}@example.jp`, kanaName: `ヨジョウ　${i}` }, [], minutesLater(-30 + i)));
    const result = await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime: "10:00", doses, now: NOW, ...quiet });
    if (!result.ok) throw new Error(result.reason);
    expect(result.notified).toEqual({ sent: Math.min(residents, 3 * doses), failed: 0, byPhone: 0 });
    const tokens = mails.map((m) => m.token!);
    const offers = await t.db.select().from(seatOffers).orderBy(seatOffers.id);
    // The link carries the token whose hash is stored, one per offer, to the offer's own address.
    expect(mails.map((m) => hashOfferToken(m.token!)).sort()).toEqual(offers.map((o) => o.tokenHash).sort());
    for (const m of mails) {
      expect(m.text).toContain(`${BASE}/offers/${m.token}`);
      expect(m.text).toContain("本日 10:00");
      expect(m.text).toContain(venue.name);
    }
    return { venue, staff, result, tokens, people };
  }

  // On real PostgreSQL these races once ended one acceptance in a deadlock (40P01 → busy): the winner
  // marked the others' offers taken while they, holding those rows, waited for the slot. The winner now
  // skips locked offers and each loser marks its own (lib/offers/accept.ts).
  it("two residents accept the last seat at once: one gets it, the other is told clearly, the seats never exceed N", async () => {
    const { staff, venue, result, tokens } = await declared(1, 3);
    const outcomes = await Promise.all(tokens.slice(0, 2).map((token) => acceptOffer(t.db, { token, now: minutesLater(10) })));
    const won = outcomes.filter((o) => o.ok);
    const lost = outcomes.filter((o) => !o.ok);
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.objectContaining({ ok: false, code: "offer_taken", reason: expect.stringContaining("ほかの方が先に") })]);
    const [slot] = await t.db.select().from(slots).where(eq(slots.id, result.slot.id));
    expect(slot).toMatchObject({ bookedCount: 1, seatsLeft: 0 });
    // The third resident, who never answered, is told the seat went: their offer is taken.
    const statuses = (await t.db.select().from(seatOffers).orderBy(seatOffers.id)).map((o) => o.status).sort();
    expect(statuses).toEqual(["accepted", "taken", "taken"]);
    expect(await acceptOffer(t.db, { token: tokens[2]!, now: minutesLater(11) })).toMatchObject({ ok: false, code: "offer_taken" });

    const listed = await listTodayReleases(t.db, staff, venue.id, minutesLater(12));
    if (!listed.ok) throw new Error(listed.reason);
    const winner = won[0]!;
    if (!winner.ok) return;
    expect(listed.releases[0]).toMatchObject({
      seatsLeft: 0,
      offers: { total: 3, sent: 3, accepted: 1, taken: 2, open: 0 },
      coming: [{ reservationNumber: winner.reservation.reservationNumber, kanaName: expect.stringMatching(/^ヨジョウ/), status: "booked" }],
    });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "leftover.view_day"))).toHaveLength(1);
  });

  it("five accept two seats at once: exactly two reservations", async () => {
    const { result, tokens } = await declared(2, 5);
    expect(tokens).toHaveLength(5);
    const outcomes = await Promise.all(tokens.map((token) => acceptOffer(t.db, { token, now: minutesLater(5) })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.code)).toEqual(["offer_taken", "offer_taken", "offer_taken"]);
    const [slot] = await t.db.select().from(slots).where(eq(slots.id, result.slot.id));
    expect(slot).toMatchObject({ bookedCount: 2, capacity: 2, seatsLeft: 0 });
  });

  it("after the venue closes the release, or after the dose time, an open offer is refused", async () => {
    const { staff, result, tokens } = await declared(2, 3);
    expect(await acceptOffer(t.db, { token: tokens[0]!, now: minutesLater(60) })).toMatchObject({ ok: false, code: "offer_expired" });
    expect(await closeRelease(t.db, staff, result.release.id, minutesLater(30))).toMatchObject({ ok: true, withdrawn: 3 });
    expect(await acceptOffer(t.db, { token: tokens[1]!, now: minutesLater(31) })).toMatchObject({ ok: false, code: "offer_closed" });
    const [slot] = await t.db.select().from(slots).where(eq(slots.id, result.slot.id));
    expect(slot!.bookedCount).toBe(0);
  });
});

describe("LINE: the offer is pushed with its link (fake LINE Platform)", () => {
  let line: FakeLine;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    line = await startFakeLine({ channelAccessToken: "test-channel-access-token" });
    Object.assign(process.env, { LINE_CHANNEL_ACCESS_TOKEN: "test-channel-access-token", LINE_API_BASE_URL: line.url, PUBLIC_BASE_URL: BASE });
  });
  afterAll(async () => {
    process.env = savedEnv;
    await line?.close();
  });

  it("pushes to the linked LINE user; accepting through that link books the seat", async () => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, "venue_manager", [venue.id]);
    const voucher = await createVoucher(t.db, { kanaName: "ライン　タロウ" });
    const lineUserId = fakeLineUserId(7);
    await t.db.insert(lineUsers).values({ lineUserId });
    await t.db.insert(lineLinks).values({ lineUserId, voucherId: voucher.id });
    expect(await saveOptIn(t.db, resident(voucher.id, "line"), { venueIds: [venue.id], contact: "line", lineUserId, now: NOW })).toMatchObject({ ok: true });

    const result = await declareLeftover(t.db, staff, { venueId: venue.id, productCode: "PFIZER", startTime: "11:30", doses: 1, now: NOW, senders: offerSendersFromEnv() });
    expect(result).toMatchObject({ ok: true, offered: 1, notified: { sent: 1, failed: 0 } });
    const pushes = line.callsTo("/v2/bot/message/push").map((c) => c.body as { to: string; messages: { text: string }[] });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.to).toBe(lineUserId);
    const text = pushes[0]!.messages[0]!.text;
    expect(text).toContain("本日 11:30");
    expect(text).toContain("先着順");
    const token = text.match(new RegExp(`${BASE.replace(/[.]/g, "\\.")}/offers/([A-Za-z0-9_-]+)`))?.[1];
    expect(token).toBeDefined();
    const accepted = await acceptOffer(t.db, { token: token!, now: minutesLater(20) });
    expect(accepted).toMatchObject({ ok: true, reservation: { voucherId: voucher.id, channel: "line", status: "booked" } });
    // A second press shows the same reservation.
    expect(await acceptOffer(t.db, { token: token!, now: minutesLater(21) })).toMatchObject({ ok: true, repeated: true });
  });
});
