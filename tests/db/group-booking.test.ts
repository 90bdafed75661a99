/** @jest-environment node */
// セット予約 and 同時予約 on the resident site: the helpers around bookSet / bookGroup, against a
// real database and the real booking services.
import { eq } from "drizzle-orm";
import { auditLog, loginFailures, reservations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { residentLogin } from "@/lib/auth/resident-login";
import { bookGroup, bookSet, bookSlot, type MemberOutcome } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { messagesFor } from "@/lib/i18n";
import {
  findSameGroup,
  findSameSet,
  loadSetPair,
  loadSetStart,
  parseFamilyForm,
  parseSlotId,
  refusedByRow,
  verifyFamilyMembers,
} from "@/lib/resident/group-booking";
import { setUpTestDatabase } from "./harness";
import { createSlot, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);
const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });
const noSleep = async () => {};
const ja = messagesFor("ja").group;

describe("parseSlotId", () => {
  it.each([
    ["12", 12],
    ["1", 1],
    ["abc", null],
    ["0", null],
    ["-3", null],
    ["1e3", null],
    ["12.5", null],
    ["9999999999999999999", null],
    [undefined, null],
  ])("%s → %s", (value, expected) => {
    expect(parseSlotId(value)).toBe(expected);
  });
});

describe("set booking (セット予約)", () => {
  it("offers dose 2 from the dose-1 slot's date plus the product's interval", async () => {
    const venue = await createVenue(t.db);
    const pfizer = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const moderna = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10", startTime: "11:00", endTime: "11:30", productCode: "MODERNA" });
    const voucher = await createVoucher(t.db);
    expect(await loadSetStart(t.db, voucher.id, pfizer.id, NOW)).toMatchObject({
      first: { slotId: pfizer.id, bookable: true },
      offer: { offered: true, earliestSecond: "2026-12-31" },
    });
    expect(await loadSetStart(t.db, voucher.id, moderna.id, NOW)).toMatchObject({ offer: { offered: true, earliestSecond: "2027-01-07" } });
    expect(await loadSetStart(t.db, voucher.id, 999_999, NOW)).toBeNull();
  });

  it("is not offered once dose 1 has been given, and shows why the dose-1 slot cannot be booked", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const full = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10", startTime: "11:00", endTime: "11:30", capacity: 0 });
    const afterDose1 = await createVoucher(t.db, { priorDoseCount: 1, priorLastDoseDate: "2026-11-01", priorLastProductCode: "PFIZER" });
    const fresh = await createVoucher(t.db);
    expect(await loadSetStart(t.db, afterDose1.id, slot.id, NOW)).toMatchObject({ offer: { offered: false, why: "not_first_dose" } });
    expect(await loadSetStart(t.db, fresh.id, full.id, NOW)).toMatchObject({ first: { bookable: false, code: "slot_full" } });
  });

  it("judges the dose-2 slot as if dose 1 were given in the chosen slot", async () => {
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03" });
    const early = await createSlot(t.db, { venueId: venue.id, date: "2026-12-23" });
    const onTime = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24" });
    const moderna = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24", startTime: "11:00", endTime: "11:30", productCode: "MODERNA" });
    const voucher = await createVoucher(t.db);
    expect((await loadSetPair(t.db, voucher.id, first.id, early.id, NOW))?.second).toMatchObject({ bookable: false, code: "interval" });
    expect((await loadSetPair(t.db, voucher.id, first.id, onTime.id, NOW))?.second).toMatchObject({ bookable: true });
    expect((await loadSetPair(t.db, voucher.id, first.id, moderna.id, NOW))?.second).toMatchObject({ bookable: false, code: "different_product" });
    expect(await loadSetPair(t.db, voucher.id, first.id, 999_999, NOW)).toBeNull();
  });

  it("recognises a repeated submission of the same set, and nothing else", async () => {
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24" });
    const otherSecond = await createSlot(t.db, { venueId: venue.id, date: "2026-12-25" });
    const voucher = await createVoucher(t.db);
    const book = () => bookSet(t.db, { voucherId: voucher.id, firstSlotId: first.id, secondSlotId: second.id, actor: resident(voucher.id), channel: "web", now: NOW });
    expect(await findSameSet(t.db, voucher.id, first.id, second.id)).toBeNull();

    const done = await book();
    if (!done.ok) throw new Error(done.reason);
    const repeat = await book();
    expect(repeat).toMatchObject({ ok: false, code: "active_reservation" });
    expect(await findSameSet(t.db, voucher.id, first.id, second.id)).toBe(done.reservations[0].reservationNumber);
    expect(await findSameSet(t.db, voucher.id, first.id, otherSecond.id)).toBeNull();
    expect(await findSameSet(t.db, voucher.id, second.id, first.id)).toBeNull();
    expect(await t.db.select().from(reservations).where(eq(reservations.voucherId, voucher.id))).toHaveLength(2);

    // Cancelling dose 1 cancels dose 2: a new attempt is no longer "the same set".
    expect(await cancelReservation(t.db, { reservationId: done.reservations[0].id, actor: resident(voucher.id), now: NOW })).toMatchObject({ ok: true });
    expect(await findSameSet(t.db, voucher.id, first.id, second.id)).toBeNull();
  });

  it("does not take a single booking in the dose-1 slot for a set", async () => {
    const venue = await createVenue(t.db);
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-03" });
    const second = await createSlot(t.db, { venueId: venue.id, date: "2026-12-24" });
    const voucher = await createVoucher(t.db);
    expect((await bookSlot(t.db, { voucherId: voucher.id, slotId: first.id, actor: resident(voucher.id), channel: "web", now: NOW })).ok).toBe(true);
    expect(await findSameSet(t.db, voucher.id, first.id, second.id)).toBeNull();
  });
});

function familyForm(rows: Record<string, string>[]): FormData {
  const form = new FormData();
  form.set("step", "review");
  rows.forEach((row, i) => {
    for (const [field, value] of Object.entries(row)) form.set(`member${i}.${field}`, value);
  });
  return form;
}

describe("parseFamilyForm", () => {
  const limits = { maxMembers: 3, ownVoucherNumber: "1111111111" };

  it("accepts full-width digits and pads the birth date", () => {
    const parsed = parseFamilyForm(familyForm([{ voucherNumber: "０１２３４５６７８９", year: "１９８２", month: "6", day: "６" }]), limits, ja);
    expect(parsed).toEqual({ ok: true, members: [{ voucherNumber: "0123456789", birthDate: "1982-06-06" }] });
  });

  it("names the field and the row of each mistake", () => {
    const parsed = parseFamilyForm(
      familyForm([
        { voucherNumber: "123456789", year: "1982", month: "6", day: "6" },
        { voucherNumber: "2222222222", year: "82", month: "6", day: "6" },
        { voucherNumber: "3333333333", year: "2023", month: "2", day: "29" },
        { voucherNumber: "1111111111", year: "1950", month: "1", day: "1" },
      ]),
      { ...limits, maxMembers: 4 },
      ja,
    );
    expect(parsed).toEqual({
      ok: false,
      message: undefined,
      fieldErrors: {
        "member0.voucherNumber": ja.errVoucher,
        "member1.year": ja.errYear,
        "member2.day": ja.errNoSuchDay,
        "member3.voucherNumber": ja.errSelf,
      },
    });
  });

  it("refuses the same voucher twice, no family member, and more people than the group size", () => {
    const row = { voucherNumber: "2222222222", year: "1982", month: "6", day: "6" };
    expect(parseFamilyForm(familyForm([row, row]), limits, ja)).toMatchObject({ ok: false, fieldErrors: { "member1.voucherNumber": ja.errDuplicate } });
    expect(parseFamilyForm(familyForm([]), limits, ja)).toMatchObject({ ok: false, message: ja.errNoMembers });
    const four = [0, 1, 2, 3].map((i) => ({ ...row, voucherNumber: `222222222${i}` }));
    expect(parseFamilyForm(familyForm(four), limits, ja)).toMatchObject({ ok: false, message: ja.errTooMany(4) });
    expect(parseFamilyForm(familyForm(four.slice(0, 3)), limits, ja)).toMatchObject({ ok: true });
  });
});

describe("family booking (同時予約)", () => {
  it("counts a wrong birth date for a family member as a failed login, shared with /login", async () => {
    const spouse = await createVoucher(t.db, { voucherNumber: "2222222222", birthDate: "1982-06-06" });
    const caller = { clientKey: "203.0.113.7", channel: "web" as const, now: NOW, sleep: noSleep };
    const wrong = { voucherNumber: spouse.voucherNumber, birthDate: "1982-06-07" };
    for (let i = 1; i <= 3; i++) expect(await verifyFamilyMembers(t.db, [wrong], caller)).toMatchObject([{ ok: false, code: "invalid" }]);
    const [row] = await t.db.select().from(loginFailures).where(eq(loginFailures.key, "voucher:2222222222"));
    expect(row?.failures).toBe(3);
    // The 4th failure on /login and the 5th here: locked, even with the right birth date.
    await residentLogin(t.db, { ...wrong, clientKey: "198.51.100.1", channel: "web", now: NOW, sleep: noSleep });
    expect(await verifyFamilyMembers(t.db, [wrong], caller)).toMatchObject([{ ok: false, code: "locked" }]);
    expect(await verifyFamilyMembers(t.db, [{ ...wrong, birthDate: "1982-06-06" }], caller)).toMatchObject([{ ok: false, code: "locked" }]);
  });

  it("answers an unknown number exactly like a wrong birth date, and passes the right one", async () => {
    const spouse = await createVoucher(t.db, { voucherNumber: "2222222222", birthDate: "1982-06-06" });
    const caller = { clientKey: "203.0.113.8", channel: "web" as const, now: NOW, sleep: noSleep };
    const [wrong, unknown, right] = await verifyFamilyMembers(
      t.db,
      [
        { voucherNumber: spouse.voucherNumber, birthDate: "1982-06-07" },
        { voucherNumber: "9999999999", birthDate: "1982-06-06" },
        { voucherNumber: spouse.voucherNumber, birthDate: "1982-06-06" },
      ],
      caller,
    );
    expect(wrong).toMatchObject({ ok: false, code: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(right).toEqual({ ok: true, voucherId: spouse.id });
    // Naming a family member is not their login: no resident.login row under their voucher.
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.voucherId, spouse.id));
    expect(rows.filter((r) => r.action === "resident.login")).toEqual([]);
  });

  it("recognises a repeated submission of the same group, and places refusals on the form's rows", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 5 });
    const me = await createVoucher(t.db, { voucherNumber: "1111111111" });
    const spouse = await createVoucher(t.db, { voucherNumber: "2222222222", birthDate: "1982-06-06" });
    const child = await createVoucher(t.db, { voucherNumber: "3333333333", birthDate: "2020-01-01" });
    const members = [
      { voucherNumber: spouse.voucherNumber, birthDate: "1982-06-06" },
      { voucherNumber: child.voucherNumber, birthDate: "2020-01-01" },
    ];
    const book = (family: typeof members) =>
      bookGroup(t.db, { members: [{ voucherId: me.id }, ...family], slotId: slot.id, actor: resident(me.id), channel: "web", now: NOW });

    const refused = await book(members);
    if (refused.ok || refused.code !== "member_refused") throw new Error("expected member_refused");
    const rows = refusedByRow(refused.details as MemberOutcome[], me.voucherNumber, members);
    expect([...rows.keys()]).toEqual(["1"]);
    expect(rows.get("1")?.reason).toContain("12歳以上");

    const wrongBirth = await book([{ ...members[0]!, birthDate: "1982-06-07" }]);
    if (wrongBirth.ok) throw new Error("expected a refusal");
    expect([...refusedByRow(wrongBirth.details as MemberOutcome[], me.voucherNumber, [{ ...members[0]!, birthDate: "1982-06-07" }]).keys()]).toEqual(["0"]);

    const done = await book(members.slice(0, 1));
    if (!done.ok) throw new Error(done.reason);
    const own = done.reservations.find((r) => r.voucherId === me.id)!;
    expect(await book(members.slice(0, 1))).toMatchObject({ ok: false, code: "member_refused" });
    expect(await findSameGroup(t.db, me.id, slot.id, [me.voucherNumber, spouse.voucherNumber])).toBe(own.reservationNumber);
    expect(await findSameGroup(t.db, me.id, slot.id, [me.voucherNumber, spouse.voucherNumber, child.voucherNumber])).toBeNull();
    expect(await findSameGroup(t.db, me.id, slot.id, [me.voucherNumber])).toBeNull();

    const alone = await createVoucher(t.db);
    expect((await bookSlot(t.db, { voucherId: alone.id, slotId: slot.id, actor: resident(alone.id), channel: "web", now: NOW })).ok).toBe(true);
    expect(await findSameGroup(t.db, alone.id, slot.id, [alone.voucherNumber])).toBeNull();
  });
});
