/** @jest-environment node */
// 予約枠 pages' server actions, called as in production: a real next-auth session cookie decoded by
// requireStaff and the account re-read from the database (only Next's cookie store is stood in for).
import { signInAs } from "../support/staff-session";
import holidayJp from "@holiday-jp/holiday_jp";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, slots, staffAccounts } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { planPattern } from "@/lib/slots/create-slots";
import { slotPatternSchema } from "@/lib/slots/schemas";
import { slotWeek } from "@/lib/slots/slot-week";
import { setUpAppDatabase } from "./harness";
import { createSlot, createStaff, createVenue, setupMunicipality } from "./fixtures";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

// Imported after the mock is in place.
import { createSlotAction, editSlotAction, setSlotStatusAction, slotPatternAction } from "@/app/admin/(console)/slots/actions";
import { form } from "../support/form-data";

const t = setUpAppDatabase();

// 2027-01-04 is a Monday; 2027-01-11 (Monday) is 成人の日.
const PATTERN = {
  weekdays: [1, 2, 3, 4, 5],
  startTime: "10:00",
  endTime: "12:00",
  intervalMinutes: "30",
  capacity: "15",
  productCode: "PFIZER",
  fromDate: "2027-01-04",
  toDate: "2027-01-15",
  skipHolidays: "on",
};

const slotCount = async (venueId: number) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(slots).where(eq(slots.venueId, venueId)))[0]!.n;

let admin: StaffActor;
let own: { id: number };
let other: { id: number };
let manager: StaffActor;
let staff: StaffActor;
let operator: StaffActor;

beforeEach(async () => {
  await t.reset();
  await setupMunicipality(t.db);
  own = await createVenue(t.db, "OWN");
  other = await createVenue(t.db, "OTHER");
  admin = await createStaff(t.db, "admin");
  manager = await createStaff(t.db, "venue_manager", [own.id]);
  staff = await createStaff(t.db, "venue_staff", [own.id]);
  operator = await createStaff(t.db, "call_center");
});

describe("recurring pattern", () => {
  it("plans weekdays × times, leaving out public holidays (pure)", () => {
    const plan = planPattern(slotPatternSchema.parse(PATTERN));
    expect(plan.times.map((x) => `${x.startTime}-${x.endTime}`)).toEqual(["10:00-10:30", "10:30-11:00", "11:00-11:30", "11:30-12:00"]);
    expect(plan.holidays).toEqual([{ date: "2027-01-11", name: "成人の日" }]);
    expect(plan.slots).toHaveLength(9 * 4);
    expect(plan.slots.some((s) => s.date === "2027-01-09" || s.date === "2027-01-11")).toBe(false);
    const withHoliday = planPattern(slotPatternSchema.parse({ ...PATTERN, skipHolidays: "" }));
    expect(withHoliday.slots).toHaveLength(10 * 4);
  });

  it("previews the counts, then creates in one go, skipping holidays and slots that already exist", async () => {
    await createSlot(t.db, { venueId: own.id, date: "2027-01-05", startTime: "10:00", endTime: "10:30", capacity: 3 });
    // Another vaccine at the same time is a separate slot: it does not block Pfizer there.
    await createSlot(t.db, { venueId: own.id, date: "2027-01-06", startTime: "10:00", endTime: "10:30", productCode: "MODERNA" });
    await signInAs(admin);

    const preview = await slotPatternAction(null, form({ ...PATTERN, venueId: own.id }));
    expect(preview).toMatchObject({ ok: false, code: "needs_confirmation" });
    expect(preview.message).toContain("対象36枠、祝日1日（1月11日（月） 成人の日）を除外、作成済みの1枠を除外。35件の予約枠を作成します");
    expect(await slotCount(own.id)).toBe(2); // a preview writes nothing

    const created = await slotPatternAction(null, form({ ...PATTERN, venueId: own.id, confirmed: "true" }));
    expect(created).toMatchObject({ ok: true, created: 35 });
    expect(created.message).toContain("35件の予約枠を作成しました");
    expect(await slotCount(own.id)).toBe(37);
    const [kept] = await t.db.select().from(slots).where(and(eq(slots.venueId, own.id), eq(slots.date, "2027-01-05"), eq(slots.startTime, "10:00:00")));
    expect(kept!.capacity).toBe(3); // the existing slot is left as it was
    expect(await t.db.select().from(slots).where(and(eq(slots.venueId, own.id), eq(slots.date, "2027-01-11")))).toEqual([]);

    const again = await slotPatternAction(null, form({ ...PATTERN, venueId: own.id, confirmed: "true" }));
    expect(again).toMatchObject({ ok: true, created: 0 });
    expect(await slotPatternAction(null, form({ ...PATTERN, venueId: own.id }))).toMatchObject({ ok: false, code: "nothing_to_create" });
    expect(await slotCount(own.id)).toBe(37);

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "slot.create_pattern"));
    expect(audit).toHaveLength(2);
    expect(audit[0]!.after).toMatchObject({ created: 35, skippedExisting: 1, skippedHolidays: ["2027-01-11"] });

    const week = await slotWeek(t.db, admin, own.id, "2027-01-07");
    if (!week.ok) throw new Error(week.reason);
    expect(week.monday).toBe("2027-01-04");
    expect(week.times).toEqual(["10:00", "10:30", "11:00", "11:30"]);
    expect(week.slots.filter((s) => s.productCode === "PFIZER")).toHaveLength(20);
  });

  it("refuses bad input with field messages, a past range and a too-large pattern", async () => {
    await signInAs(admin);
    const bad = await slotPatternAction(null, form({ ...PATTERN, weekdays: [], endTime: "09:00", venueId: own.id, confirmed: "" }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { weekdays: "曜日を1つ以上選んでください。", endTime: expect.stringContaining("最後の枠の終了時刻") } });
    const past = await slotPatternAction(null, form({ ...PATTERN, fromDate: "2020-01-06", toDate: "2020-01-10", venueId: own.id, confirmed: "" }));
    expect(past).toMatchObject({ ok: false, fieldErrors: { fromDate: expect.stringContaining("過去") } });
    const huge = await slotPatternAction(null, form({ ...PATTERN, weekdays: [0, 1, 2, 3, 4, 5, 6], startTime: "00:00", endTime: "23:55", intervalMinutes: 5, fromDate: "2027-01-01", toDate: "2027-12-31", venueId: own.id, confirmed: "true" }));
    expect(huge).toMatchObject({ ok: false, code: "too_many" });
    expect(await slotCount(own.id)).toBe(0);
  });

  it("creates a year of slots in one statement (figure printed)", async () => {
    await signInAs(admin);
    const started = performance.now();
    const result = await slotPatternAction(null, form({ ...PATTERN, weekdays: [0, 1, 2, 3, 4, 5, 6], startTime: "09:00", endTime: "19:00", intervalMinutes: 15, fromDate: "2027-01-01", toDate: "2027-12-31", venueId: own.id, confirmed: "true" }));
    const ms = performance.now() - started;
    expect(result).toMatchObject({ ok: true });
    const created = result.ok ? result.created! : 0;
    const holidays2027 = Object.keys(holidayJp.holidays).filter((d) => d.startsWith("2027-")).length;
    expect(holidays2027).toBe(17); // incl. substitute holidays
    expect(created).toBe((365 - holidays2027) * 40);
    expect(await slotCount(own.id)).toBe(created);
    console.log(`slot pattern: ${created} slots created in ${Math.round(ms)} ms (PGlite, one INSERT … SELECT)`);
  });
});

describe("edit, close and create one slot", () => {
  let booked: { id: number };
  let empty: { id: number };
  beforeEach(async () => {
    booked = await createSlot(t.db, { venueId: own.id, date: "2027-02-01", startTime: "10:00", endTime: "10:30", capacity: 10 });
    await t.db.update(slots).set({ bookedCount: 4 }).where(eq(slots.id, booked.id));
    empty = await createSlot(t.db, { venueId: own.id, date: "2027-02-01", startTime: "11:00", endTime: "11:30", capacity: 10 });
  });

  it("never takes capacity below the seats booked, and never moves the time of a booked slot", async () => {
    await signInAs(manager);
    expect(await editSlotAction(null, form({ slotId: booked.id, capacity: 3, startTime: "10:00", endTime: "10:30" }))).toMatchObject({ ok: false, code: "below_booked", fieldErrors: { capacity: "4以上にしてください。" } });
    expect(await editSlotAction(null, form({ slotId: booked.id, capacity: 10, startTime: "10:15", endTime: "10:45" }))).toMatchObject({ ok: false, code: "time_change_booked" });
    expect(await editSlotAction(null, form({ slotId: booked.id, capacity: 4, startTime: "10:00", endTime: "10:30" }))).toMatchObject({ ok: true });
    const [b] = await t.db.select().from(slots).where(eq(slots.id, booked.id));
    expect(b).toMatchObject({ capacity: 4, startTime: "10:00:00", bookedCount: 4 });

    expect(await editSlotAction(null, form({ slotId: empty.id, capacity: 6, startTime: "１１:３０", endTime: "12:00" }))).toMatchObject({ ok: true });
    const [e] = await t.db.select().from(slots).where(eq(slots.id, empty.id));
    expect(e).toMatchObject({ capacity: 6, startTime: "11:30:00", endTime: "12:00:00" });
    expect(await editSlotAction(null, form({ slotId: empty.id, capacity: 6, startTime: "10:00", endTime: "10:30" }))).toMatchObject({ ok: false, code: "duplicate_slot" });
    expect(await editSlotAction(null, form({ slotId: empty.id, capacity: 6, startTime: "12:00", endTime: "11:00" }))).toMatchObject({ ok: false, fieldErrors: { endTime: "終了時刻は開始時刻より後にしてください。" } });

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "slot.edit"));
    expect(audit.map((a) => a.after)).toEqual([
      { capacity: 4, startTime: "10:00", endTime: "10:30" },
      { capacity: 6, startTime: "11:30", endTime: "12:00" },
    ]);
  });

  it("creates one slot (a redirect to its page) and refuses the same slot twice", async () => {
    await signInAs(manager);
    const values = { venueId: own.id, date: "2027-02-02", startTime: "13:00", endTime: "13:30", capacity: 8, productCode: "PFIZER" };
    await expect(createSlotAction(null, form(values))).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    expect(await createSlotAction(null, form(values))).toMatchObject({ ok: false, code: "duplicate_slot" });
    expect(await createSlotAction(null, form({ ...values, productCode: "NOPE" }))).toMatchObject({ ok: false, fieldErrors: { productCode: expect.any(String) } });
  });

  it.each([
    ["会場一般 (own venue: view only)", () => staff, () => own.id],
    ["コールセンター一般 (view only)", () => operator, () => own.id],
    ["会場責任者 of another venue", () => manager, () => other.id],
  ])("%s is refused by every slot-changing action", async (_label, who, venue) => {
    const target = await createSlot(t.db, { venueId: venue(), date: "2027-02-03" });
    const countBefore = await slotCount(venue());
    await signInAs(who());
    const results = [
      await editSlotAction(null, form({ slotId: target.id, capacity: 50, startTime: "10:00", endTime: "10:30" })),
      await setSlotStatusAction(null, form({ slotId: target.id, status: "closed" })),
      await createSlotAction(null, form({ venueId: venue(), date: "2027-02-04", startTime: "13:00", endTime: "13:30", capacity: 8, productCode: "PFIZER" })),
      await slotPatternAction(null, form({ ...PATTERN, venueId: venue(), confirmed: "" })),
      await slotPatternAction(null, form({ ...PATTERN, venueId: venue(), confirmed: "true" })),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, code: "forbidden" });
    const [s] = await t.db.select().from(slots).where(eq(slots.id, target.id));
    expect(s).toMatchObject({ capacity: 10, status: "open" });
    expect(await slotCount(venue())).toBe(countBefore);
  });

  it("the week grid is readable by the call center (all) and venue staff (own only)", async () => {
    expect((await slotWeek(t.db, operator, own.id, "2027-02-01")).ok).toBe(true);
    expect(await slotWeek(t.db, staff, own.id, "2027-02-01")).toMatchObject({ ok: true, canEdit: false });
    expect(await slotWeek(t.db, manager, own.id, "2027-02-01")).toMatchObject({ ok: true, canEdit: true });
    expect(await slotWeek(t.db, staff, other.id, "2027-02-01")).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("an account that must change its password is refused until it has", async () => {
    await t.db.update(staffAccounts).set({ mustChangePassword: true }).where(eq(staffAccounts.id, admin.staffId));
    await signInAs(admin);
    expect(await editSlotAction(null, form({ slotId: empty.id, capacity: 1, startTime: "11:00", endTime: "11:30" }))).toMatchObject({ ok: false, code: "password_change_required" });
    expect(await setSlotStatusAction(null, form({ slotId: empty.id, status: "closed" }))).toMatchObject({ ok: false, code: "password_change_required" });
    const [e] = await t.db.select().from(slots).where(eq(slots.id, empty.id));
    expect(e).toMatchObject({ capacity: 10, status: "open" });
  });
});
