/** @jest-environment node */
// 一括予約: the list's bad lines, the preview filling slots in order with reasons, and the
// commit under a concurrent booking (no overbooking, the refused voucher reported).
import { eq } from "drizzle-orm";
import { auditLog, reservations, slots } from "@/db/schema";
import { bookSlot } from "@/lib/booking/book";
import { parseBulkList, type BulkEntry } from "@/lib/bulk/parse-bulk-list";
import { planBulkBooking } from "@/lib/bulk/plan-bulk";
import { commitBulkPlan } from "@/lib/bulk/commit-bulk";
import { bulkResultCsv } from "@/lib/bulk/result-csv";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";

const t = setUpTestDatabase(setupMunicipality);

function entry(line: number, voucherNumber: string, birthDate = "1950-01-01"): BulkEntry {
  return { line, voucherNumber, birthDate, municipalityCode: null };
}

async function seats(slotId: number) {
  const [row] = await t.db.select().from(slots).where(eq(slots.id, slotId));
  return row!;
}

describe("parseBulkList", () => {
  it("reads pasted Excel rows, a header in any order, full-width digits, and reports bad lines", () => {
    const pasted = parseBulkList("１２３４５６７８９０\t1950/4/1\n\n2222222222,19600101,131016\n");
    expect(pasted).toEqual({
      entries: [
        { line: 1, voucherNumber: "1234567890", birthDate: "1950-04-01", municipalityCode: null },
        { line: 3, voucherNumber: "2222222222", birthDate: "1960-01-01", municipalityCode: "131016" },
      ],
      problems: [],
    });
    const withHeader = parseBulkList("\uFEFF生年月日,接種券番号\n1950-04-01,1234567890\n");
    expect(withHeader.entries).toEqual([{ line: 2, voucherNumber: "1234567890", birthDate: "1950-04-01", municipalityCode: null }]);
    const bad = parseBulkList("12345,1950-04-01\n1234567890,1950-02-30\n1234567890\n3333333333,1950-01-01,131017\n4444444444,1950-01-01\n4444444444,1950-01-01\n");
    expect(bad.entries.map((e) => e.line)).toEqual([5]);
    expect(bad.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 6]);
    expect(bad.problems[0]!.reason).toContain("10桁");
    expect(bad.problems[1]!.reason).toContain("1950-02-30");
    expect(bad.problems[2]!.reason).toContain("生年月日がありません");
    expect(bad.problems[3]!.reason).toContain("131017");
    expect(bad.problems[4]!.reason).toContain("5行目");
  });
});

describe("planBulkBooking and commitBulkPlan", () => {
  it("fills slots in order and gives each refused voucher its reason", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const later = await createSlot(t.db, { venueId: venue.id, date: "2026-12-11", capacity: 5 });
    const first = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10", capacity: 2 });
    await createSlot(t.db, { venueId: venue.id, date: "2026-12-10", startTime: "09:00", endTime: "09:30", status: "closed" });
    const ok = [await createVoucher(t.db, { birthDate: "1950-01-01" }), await createVoucher(t.db, { birthDate: "1950-01-01" }), await createVoucher(t.db, { birthDate: "1950-01-01" })];
    const child = await createVoucher(t.db, { birthDate: "2020-01-01" });
    const busy = await createVoucher(t.db, { birthDate: "1950-01-01" });
    expect((await bookSlot(t.db, { voucherId: busy.id, slotId: later.id, actor: operator, channel: "operator", now: NOW })).ok).toBe(true);
    const plan = await planBulkBooking(
      t.db,
      operator,
      {
        venueId: venue.id,
        from: "2026-12-01",
        to: "2026-12-31",
        entries: [entry(1, ok[0]!.voucherNumber), entry(2, ok[1]!.voucherNumber), entry(3, ok[2]!.voucherNumber), entry(4, child.voucherNumber, "2020-01-01"), entry(5, busy.voucherNumber), entry(6, ok[0]!.voucherNumber.replace(/^0/, "9")), entry(7, ok[1]!.voucherNumber, "1999-09-09")],
      },
      NOW,
    );
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.rows.map((r) => r.slot?.slotId ?? null)).toEqual([first.id, first.id, later.id, null, null, null, null]);
    expect(plan.rows[3]!.reason).toContain("歳以上");
    expect(plan.rows[4]!.reason).toContain("すでに予約があります");
    expect(plan.rows[5]!.reason).toContain("一致しません");
    expect(plan.rows[6]!.reason).toContain("一致しません");
    expect(plan).toMatchObject({ fits: 3, refused: 4 });
    // The preview writes nothing.
    expect((await seats(first.id)).bookedCount).toBe(0);

    const result = await commitBulkPlan(t.db, operator, plan, NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ booked: 3, refused: 4 });
    const made = await t.db.select().from(reservations).where(eq(reservations.channel, "bulk"));
    expect(made).toHaveLength(3);
    expect(new Set(made.map((r) => r.bookingGroupId))).toEqual(new Set([result.groupId]));
    expect((await seats(first.id)).bookedCount).toBe(2);
    const [summary] = await t.db.select().from(auditLog).where(eq(auditLog.action, "booking.bulk"));
    expect(summary!.after).toMatchObject({ listed: 7, booked: 3, refused: 4 });
  });

  it("never overbooks when a seat is taken between the preview and the commit; the refused voucher is reported", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 3 });
    const listed = [];
    for (let i = 0; i < 3; i++) listed.push(await createVoucher(t.db));
    const plan = await planBulkBooking(t.db, operator, { venueId: venue.id, from: "2026-12-10", to: "2026-12-10", entries: listed.map((v, i) => entry(i + 1, v.voucherNumber, v.birthDate)) }, NOW);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.fits).toBe(3);
    // A resident books the same slot while the operator is reading the preview.
    const resident = await createVoucher(t.db);
    expect((await bookSlot(t.db, { voucherId: resident.id, slotId: slot.id, actor: { kind: "resident", voucherId: resident.id, channel: "web" }, channel: "web", now: NOW })).ok).toBe(true);
    const result = await commitBulkPlan(t.db, operator, plan, NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ booked: 2, refused: 1 });
    const refused = result.rows.find((r) => !r.booked)!;
    expect(refused).toMatchObject({ line: 3, refusedAtCommit: true });
    expect(refused.reason).toContain("満員");
    expect(await seats(slot.id)).toMatchObject({ bookedCount: 3, capacity: 3 });
  });

  it("holds capacity while residents book at the same time as the commit", async () => {
    const operator = await createStaff(t.db, "call_center");
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, capacity: 4 });
    const listed = [];
    for (let i = 0; i < 4; i++) listed.push(await createVoucher(t.db));
    const plan = await planBulkBooking(t.db, operator, { venueId: venue.id, from: "2026-12-10", to: "2026-12-10", entries: listed.map((v, i) => entry(i + 1, v.voucherNumber, v.birthDate)) }, NOW);
    if (!plan.ok) throw new Error(plan.reason);
    const residents = [await createVoucher(t.db), await createVoucher(t.db)];
    const [result, ...residentResults] = await Promise.all([
      commitBulkPlan(t.db, operator, plan, NOW),
      ...residents.map((r) => bookSlot(t.db, { voucherId: r.id, slotId: slot.id, actor: { kind: "resident", voucherId: r.id, channel: "web" }, channel: "web", now: NOW })),
    ]);
    if (!result!.ok) throw new Error("commit failed");
    const total = (result as { booked: number }).booked + residentResults.filter((r) => r.ok).length;
    expect(total).toBe(4);
    expect(await seats(slot.id)).toMatchObject({ bookedCount: 4 });
    const active = await t.db.select().from(reservations).where(eq(reservations.slotId, slot.id));
    expect(active).toHaveLength(4);
  });

  it("venue managers bulk-book their own venue only; venue staff not at all", async () => {
    const own = await createVenue(t.db);
    const other = await createVenue(t.db);
    await createSlot(t.db, { venueId: own.id });
    const manager = await createStaff(t.db, "venue_manager", [own.id]);
    const staff = await createStaff(t.db, "venue_staff", [own.id]);
    const v = await createVoucher(t.db);
    const request = (venueId: number) => ({ venueId, from: "2026-12-10", to: "2026-12-10", entries: [entry(1, v.voucherNumber, v.birthDate)] });
    expect(await planBulkBooking(t.db, manager, request(other.id), NOW)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await planBulkBooking(t.db, staff, request(own.id), NOW)).toMatchObject({ ok: false, code: "forbidden" });
    const plan = await planBulkBooking(t.db, manager, request(own.id), NOW);
    if (!plan.ok) throw new Error(plan.reason);
    expect(await commitBulkPlan(t.db, manager, { ...plan, venueId: other.id }, NOW)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await commitBulkPlan(t.db, manager, plan, NOW)).toMatchObject({ ok: true, booked: 1 });
  });

  it("the result CSV neutralises formulas", () => {
    const csv = bulkResultCsv("=HYPERLINK(\"http://x\")", [
      { line: 1, voucherNumber: "1234567890", birthDate: "1950-01-01", municipalityCode: null, booked: true, reservationNumber: "123456780", slot: { date: "2026-12-10", startTime: "10:00:00", endTime: "10:30:00", productName: "ファイザー" }, reason: null },
      { line: 2, voucherNumber: "2234567890", birthDate: "1950-01-01", municipalityCode: null, booked: false, reservationNumber: null, slot: null, reason: "-1 満員" },
    ]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("\uFEFF行,接種券番号,生年月日,自治体コード,結果,予約番号,会場,日付,時間,ワクチン,理由");
    expect(lines[1]).toBe(`1,1234567890,1950-01-01,,予約済み,123456780,"'=HYPERLINK(""http://x"")",2026-12-10,10:00-10:30,ファイザー,`);
    expect(lines[2]).toContain(",'-1 満員");
  });
});
