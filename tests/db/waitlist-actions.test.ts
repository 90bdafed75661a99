/** @jest-environment node */
// The waitlist's doors (issue 8) as the server runs them: the resident's join/leave actions (web
// and LIFF session cookies), the offer page's accept/decline, the call center's join for a caller
// and its answers to offers, and the status My page shows. Only Next's request store (cookies)
// is stood in for; redirects are Next's own (NEXT_REDIRECT errors) and read back from them.
import { and, eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { auditLog, lineLinks, lineUsers, reservations, seatOffers, slots, waitlistEntries } from "@/db/schema";
import { encodeResidentSession, RESIDENT_COOKIE } from "@/lib/auth/resident-session";
import { bookSlot } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { issueCallerKey } from "@/lib/callers/caller-key";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { encodeLineSession, LINE_SESSION_COOKIE } from "@/lib/line/line-session";
import { derivedOfferToken } from "@/lib/offers/token";
import { loadWaitlistStatus } from "@/lib/resident/waitlist-status";
import { listPhoneOffers } from "@/lib/admin/phone-offers";
import { setUpAppDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, setupMunicipality } from "./fixtures";

const TEST_SECRET = "test-secret-0123456789-0123456789-abcdef";
process.env.NEXTAUTH_SECRET = TEST_SECRET;

const jar = new Map<string, string>();
jest.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
    delete: (name: string) => jar.delete(name),
  }),
  headers: async () => new Headers(),
}));

import { joinWaitlistAction, leaveWaitlistAction } from "@/app/(resident)/waitlist/actions";
import { acceptOfferAction, declineOfferAction } from "@/app/offers/[token]/actions";
import { joinWaitlistForCallerAction, leaveWaitlistForCallerAction } from "@/app/admin/(console)/callers/actions";
import { acceptOfferForCallerAction, declineOfferForCallerAction } from "@/app/admin/(console)/offers/actions";
import { form } from "../support/form-data";

const t = setUpAppDatabase();

/** Where a server action redirected to (Next throws NEXT_REDIRECT with the URL in its digest). */
async function redirectOf(work: Promise<unknown>): Promise<string> {
  try {
    const value = await work;
    throw new Error(`no redirect; the action answered ${JSON.stringify(value)}`);
  } catch (e) {
    const digest = (e as { digest?: string }).digest;
    if (!digest?.startsWith("NEXT_REDIRECT")) throw e;
    return digest.split(";")[2]!;
  }
}

async function asResident(voucherId: number, channel: "web" | "line" = "web", lineUserId?: string) {
  jar.clear();
  jar.set(RESIDENT_COOKIE, await encodeResidentSession({ voucherId, channel }));
  if (lineUserId) jar.set(LINE_SESSION_COOKIE, await encodeLineSession(lineUserId));
}

async function asStaff(staff: { staffId: number }) {
  jar.clear();
  jar.set("next-auth.session-token", await encode({ token: { staffId: staff.staffId }, secret: TEST_SECRET }));
}

const date = addDays(tokyoDate(new Date()), 3);
let venue: { id: number };
let slotId: number;
let booked: { id: number };
let reservationId: number;

beforeEach(async () => {
  await t.reset();
  await setupMunicipality(t.db, { bookingWindowDays: 30 });
  venue = await createVenue(t.db, "WL");
  slotId = (await createSlot(t.db, { venueId: venue.id, date, capacity: 1 })).id;
  booked = await createVoucher(t.db, { birthDate: "1960-05-05" });
  const result = await bookSlot(t.db, { voucherId: booked.id, slotId, actor: { kind: "resident", voucherId: booked.id, channel: "web" }, channel: "web" });
  if (!result.ok) throw new Error(result.reason);
  reservationId = result.reservation.id;
});

async function freeTheSeat() {
  const result = await cancelReservation(t.db, { reservationId, actor: { kind: "resident", voucherId: booked.id, channel: "web" } });
  if (!result.ok) throw new Error(result.reason);
}

async function entryOf(voucherId: number) {
  const [entry] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.voucherId, voucherId));
  return entry;
}

describe("resident join and leave", () => {
  it("reviews, then joins with SMS, and My page's status shows the entry", async () => {
    const resident = await createVoucher(t.db, { phone: "090-1111-2222", email: "taro@example.jp" });
    await asResident(resident.id);
    const values = { venueId: venue.id, dateFrom: date, dateTo: addDays(date, 2), contact: "sms" };
    const review = await joinWaitlistAction({ stage: "input" }, form({ step: "review", ...values }));
    expect(review).toEqual({ stage: "confirm", values: { ...values, venueId: String(venue.id) } });
    expect(await entryOf(resident.id)).toBeUndefined();

    expect(await redirectOf(joinWaitlistAction(review, form({ step: "confirm", ...values })))).toBe("/mypage?waitlisted=1");
    const entry = await entryOf(resident.id);
    expect(entry).toMatchObject({ status: "waiting", contact: "sms", channel: "web", venueId: venue.id, dateFrom: date });

    // A second press of 登録する lands on My page too, without a second entry.
    expect(await redirectOf(joinWaitlistAction(review, form({ step: "confirm", ...values })))).toBe("/mypage?waitlisted=1");
    expect(await t.db.select().from(waitlistEntries)).toHaveLength(1);

    const status = await loadWaitlistStatus(t.db, resident.id);
    expect(status).toMatchObject({ entryId: entry!.id, status: "waiting", venueName: "会場WL", peopleAhead: 0, offer: null });

    expect(await redirectOf(leaveWaitlistAction({ message: null }, form({ entryId: entry!.id })))).toBe("/mypage?waitlistLeft=1");
    expect((await entryOf(resident.id))!.status).toBe("left");
    expect(await loadWaitlistStatus(t.db, resident.id)).toBeNull();
  });

  it("refuses a contact the resident cannot be reached by, and dates outside the window, field by field", async () => {
    const resident = await createVoucher(t.db, { phone: "03-1234-5678" });
    await asResident(resident.id);
    const sms = await joinWaitlistAction({ stage: "input" }, form({ step: "confirm", venueId: "", dateFrom: date, dateTo: date, contact: "sms" }));
    expect(sms).toMatchObject({ stage: "input", fieldErrors: { contact: "携帯電話番号が登録されていません。" } });
    expect(sms.stage === "input" && sms.message).toContain("SMS");
    const late = await joinWaitlistAction({ stage: "input" }, form({ step: "confirm", venueId: "", dateFrom: date, dateTo: addDays(date, 60), contact: "line" }));
    expect(late.stage === "input" && late.fieldErrors?.dateTo).toMatch(/までの日付/);
    // LINE from the web (no LIFF session): refused, never joined.
    const line = await joinWaitlistAction({ stage: "input" }, form({ step: "confirm", venueId: "", dateFrom: date, dateTo: date, contact: "line" }));
    expect(line.stage === "input" && line.fieldErrors?.contact).toBeTruthy();
    expect(await entryOf(resident.id)).toBeUndefined();
  });

  it("joins with LINE from the LIFF session: the push goes to the LINE user linked to the voucher", async () => {
    const resident = await createVoucher(t.db);
    const lineUserId = `U${"a".repeat(32)}`;
    await t.db.insert(lineUsers).values({ lineUserId });
    await t.db.insert(lineLinks).values({ lineUserId, voucherId: resident.id });
    await asResident(resident.id, "line", lineUserId);
    const values = { venueId: "", dateFrom: date, dateTo: date, contact: "line" };
    expect(await redirectOf(joinWaitlistAction({ stage: "input" }, form({ step: "confirm", ...values })))).toBe("/mypage?waitlisted=1");
    expect(await entryOf(resident.id)).toMatchObject({ contact: "line", channel: "line", lineUserId, venueId: null });
  });

  it("refuses a resident who already holds a reservation", async () => {
    await asResident(booked.id);
    const state = await joinWaitlistAction({ stage: "input" }, form({ step: "confirm", venueId: "", dateFrom: date, dateTo: date, contact: "email" }));
    expect(state).toMatchObject({ stage: "input", message: expect.stringContaining("すでに予約があります") });
  });
});

describe("the offer page", () => {
  it("accepts once: a second press shows the same reservation; the seat's hold becomes the booking", async () => {
    const resident = await createVoucher(t.db, { email: "hanako@example.jp" });
    await asResident(resident.id);
    await redirectOf(joinWaitlistAction({ stage: "input" }, form({ step: "confirm", venueId: venue.id, dateFrom: date, dateTo: date, contact: "email" })));
    await freeTheSeat();
    const [offer] = await t.db.select().from(seatOffers).where(eq(seatOffers.voucherId, resident.id));
    expect(offer).toMatchObject({ status: "open", slotId });
    const status = await loadWaitlistStatus(t.db, resident.id);
    const token = derivedOfferToken(offer!.id);
    expect(status?.offer?.path).toBe(`/offers/${token}`);

    jar.clear(); // the link needs no login
    expect(await redirectOf(acceptOfferAction({ message: null }, form({ token })))).toBe(`/offers/${token}`);
    expect(await redirectOf(acceptOfferAction({ message: null }, form({ token })))).toBe(`/offers/${token}`);
    const mine = await t.db.select().from(reservations).where(and(eq(reservations.voucherId, resident.id), eq(reservations.status, "booked")));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.slotId).toBe(slotId);
    const [slot] = await t.db.select().from(slots).where(eq(slots.id, slotId));
    expect(slot).toMatchObject({ bookedCount: 1, heldCount: 0 });
    expect((await entryOf(resident.id))!.status).toBe("booked");
    // Declining after accepting says nothing breaks: the page shows the booking.
    expect(await redirectOf(declineOfferAction({ message: null }, form({ token })))).toBe(`/offers/${token}`);
  });

  it("declines: the seat is free again and the resident keeps waiting", async () => {
    const resident = await createVoucher(t.db, { email: "jiro@example.jp" });
    await asResident(resident.id);
    await redirectOf(joinWaitlistAction({ stage: "input" }, form({ step: "confirm", venueId: "", dateFrom: date, dateTo: date, contact: "email" })));
    await freeTheSeat();
    const [offer] = await t.db.select().from(seatOffers).where(eq(seatOffers.voucherId, resident.id));
    const token = derivedOfferToken(offer!.id);
    jar.clear();
    expect(await redirectOf(declineOfferAction({ message: null }, form({ token })))).toBe(`/offers/${token}`);
    const [after] = await t.db.select().from(seatOffers).where(eq(seatOffers.id, offer!.id));
    expect(after!.status).toBe("declined");
    const [slot] = await t.db.select().from(slots).where(eq(slots.id, slotId));
    expect(slot).toMatchObject({ bookedCount: 0, heldCount: 0 });
    expect((await entryOf(resident.id))!.status).toBe("waiting");
  });

  it("answers a malformed or unknown token with a message, not an error", async () => {
    jar.clear();
    expect(await acceptOfferAction({ message: null }, form({ token: "x" }))).toEqual({ message: "このご案内は見つかりません。届いたリンクをもう一度お確かめください。" });
    const unknown = await acceptOfferAction({ message: null }, form({ token: "A".repeat(32) }));
    expect(unknown.message).toContain("見つかりません");
  });
});

describe("the call center", () => {
  it("registers a caller with contact phone, lists the offer to phone, and books it for them", async () => {
    const operator = await createStaff(t.db, "call_center");
    const caller = await createVoucher(t.db, { phone: "03-5555-6666", kanaName: "デンワ　タロウ" });
    const key = issueCallerKey(operator, caller.id);
    await asStaff(operator);
    const joined = await joinWaitlistForCallerAction(null, form({ callerKey: key, venueId: "", dateFrom: date, dateTo: date, contact: "phone" }));
    expect(joined).toMatchObject({ ok: true });
    expect(await entryOf(caller.id)).toMatchObject({ contact: "phone", channel: "operator", createdByStaffId: operator.staffId });

    await freeTheSeat();
    const list = await listPhoneOffers(t.db, operator);
    expect(list).toEqual([expect.objectContaining({ voucherNumber: caller.voucherNumber, phone: "03-5555-6666", kanaName: "デンワ　タロウ", date })]);

    // A venue manager of another venue neither sees nor answers it.
    const other = await createVenue(t.db, "OTHER");
    const manager = await createStaff(t.db, "venue_manager", [other.id]);
    expect(await listPhoneOffers(t.db, manager)).toEqual([]);
    await asStaff(manager);
    expect(await acceptOfferForCallerAction(null, form({ offerId: list[0]!.offerId }))).toMatchObject({ ok: false, code: "forbidden" });

    await asStaff(operator);
    const accepted = await acceptOfferForCallerAction(null, form({ offerId: list[0]!.offerId }));
    expect(accepted).toMatchObject({ ok: true, message: expect.stringMatching(/予約番号 \d{9}/) });
    const [reservation] = await t.db.select().from(reservations).where(eq(reservations.voucherId, caller.id));
    expect(reservation).toMatchObject({ slotId, status: "booked", channel: "operator", createdByStaffId: operator.staffId });
    expect(await listPhoneOffers(t.db, operator)).toEqual([]);
    const views = await t.db.select().from(auditLog).where(eq(auditLog.action, "offer.phone_list_view"));
    expect(views.length).toBeGreaterThan(0);
  });

  it("declines for a caller and cancels their entry; a key for one caller never ends another's entry", async () => {
    const operator = await createStaff(t.db, "call_center");
    const caller = await createVoucher(t.db, { phone: "090-7777-8888" });
    const stranger = await createVoucher(t.db, { phone: "090-7777-9999" });
    await asStaff(operator);
    await joinWaitlistForCallerAction(null, form({ callerKey: issueCallerKey(operator, caller.id), venueId: venue.id, dateFrom: date, dateTo: date, contact: "sms" }));
    const strangerKey = issueCallerKey(operator, stranger.id);
    await joinWaitlistForCallerAction(null, form({ callerKey: strangerKey, venueId: "", dateFrom: date, dateTo: date, contact: "phone" }));
    await freeTheSeat();
    const [offer] = await t.db.select().from(seatOffers).where(eq(seatOffers.voucherId, caller.id));
    expect(await declineOfferForCallerAction(null, form({ offerId: offer!.id }))).toMatchObject({ ok: true });
    // The seat moved on to the next in line.
    const [next] = await t.db.select().from(seatOffers).where(eq(seatOffers.voucherId, stranger.id));
    expect(next).toMatchObject({ status: "open", slotId });
    const entry = await entryOf(caller.id);
    expect(await leaveWaitlistForCallerAction(null, form({ callerKey: strangerKey, entryId: entry!.id }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await leaveWaitlistForCallerAction(null, form({ callerKey: issueCallerKey(operator, caller.id), entryId: entry!.id }))).toMatchObject({ ok: true });
    expect((await entryOf(caller.id))!.status).toBe("left");
    // The operator who took the answer is the actor of the decline.
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "offer.declined"));
    expect(audit).toMatchObject({ actorKind: "staff", actorId: String(operator.staffId) });
  });
});
