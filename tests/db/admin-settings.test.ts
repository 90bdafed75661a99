/** @jest-environment node */
// 設定 through its server actions, as in production: a real next-auth session cookie decoded by
// requireStaff (only Next's request cookie store is stood in for), the real services and a real
// database. Only the admin may change anything; a change applies to the very next booking.
import { signInAs } from "../support/staff-session";
import { and, eq } from "drizzle-orm";
import { auditLog, bookingOpenings, boosterIntervalRules, municipality, reservations, vaccineProducts } from "@/db/schema";
import { setAppDatabase } from "@/db/client";
import { setUpTestDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, NOW, setupMunicipality, TODAY } from "./fixtures";
import type { Actor, StaffActor } from "@/lib/auth/actor";
import { bookSlot } from "@/lib/booking/book";
import { loadSettings } from "@/lib/booking/context";
import { answerQuestion } from "@/lib/chatbot/answer";
import { addBoosterRule } from "@/lib/settings/booster-rules";
import { form } from "../support/form-data";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

// Imported after the mock is in place.
import {
  addBoosterRuleAction,
  addOpeningAction,
  addProductAction,
  deleteOpeningAction,
  updateProductAction,
  updateSettingsAction,
  withdrawBoosterRuleAction,
} from "@/app/admin/(console)/settings/actions";

const t = setUpTestDatabase(setupMunicipality);
beforeAll(() => setAppDatabase(t));

const resident = (voucherId: number): Actor => ({ kind: "resident", voucherId, channel: "web" });
const PFIZER_FORM = { code: "PFIZER", name: "ファイザー (コミナティ)", vrsMakerName: "ファイザー", minAge: 12, maxAge: "", dose2IntervalDays: 21, boosterAllowed: "true", active: "true", sortOrder: 1 };
const realToday = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
const inDays = (n: number) => {
  const d = new Date(`${realToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe("who may change settings", () => {
  it.each(["call_center", "venue_manager", "venue_staff"] as const)("%s is refused by every settings action, and nothing changes", async (role) => {
    const venue = await createVenue(t.db);
    const staff = await createStaff(t.db, role, role === "call_center" ? [] : [venue.id]);
    await t.db.insert(bookingOpenings).values({ label: "既存", opensAt: new Date("2026-01-01T00:00:00Z") });
    const [opening] = await t.db.select().from(bookingOpenings);
    const [future] = await t.db.insert(boosterIntervalRules).values({ effectiveFrom: inDays(30), intervalMonths: 6 }).returning();
    const before = await loadSettings(t.db);
    await signInAs(staff);
    const results = [
      await updateSettingsAction(null, form({ callCenterPhone: "0120-999-999", sameDayBooking: "false" })),
      await updateProductAction(null, form({ ...PFIZER_FORM, minAge: 60 })),
      await addProductAction(null, form({ ...PFIZER_FORM, code: "NEWVAX" })),
      await addBoosterRuleAction(null, form({ effectiveFrom: inDays(10), intervalMonths: 12, confirmed: "true" })),
      await withdrawBoosterRuleAction(null, form({ ruleId: future!.id })),
      await addOpeningAction(null, form({ label: "全員", opensOn: inDays(5), opensAtTime: "09:00" })),
      await deleteOpeningAction(null, form({ openingId: opening!.id })),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await loadSettings(t.db)).toEqual(before);
    expect((await t.db.select().from(vaccineProducts).where(eq(vaccineProducts.code, "PFIZER")))[0]!.minAge).toBe(12);
    expect(await t.db.select().from(vaccineProducts).where(eq(vaccineProducts.code, "NEWVAX"))).toHaveLength(0);
    expect(await t.db.select().from(boosterIntervalRules)).toHaveLength(6);
    expect(await t.db.select().from(bookingOpenings)).toHaveLength(1);
    expect(await t.db.select().from(auditLog)).toHaveLength(0);
  });

  it("refuses without a session", async () => {
    await signInAs(null);
    expect(await updateSettingsAction(null, form({ callCenterPhone: "0120-999-999" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await loadSettings(t.db)).callCenterPhone).toBe("0120-000-000");
  });
});

describe("settings as the admin changes them", () => {
  let admin: StaffActor;
  beforeEach(async () => {
    admin = await createStaff(t.db, "admin");
    await signInAs(admin);
  });

  it("saves only what changed, with one audit row of before and after", async () => {
    const result = await updateSettingsAction(null, form({ callCenterPhone: "０４２-６２０-１２３４", callCenterHours: "平日 8:30〜17:15", maxGroupSize: 4 }));
    expect(result).toMatchObject({ ok: true });
    const settings = await loadSettings(t.db);
    expect(settings).toMatchObject({ callCenterPhone: "042-620-1234", callCenterHours: "平日 8:30〜17:15", maxGroupSize: 4 });
    const audit = await t.db.select().from(auditLog);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "settings.update",
      entity: "municipality",
      actorKind: "staff",
      actorId: String(admin.staffId),
      before: { callCenterPhone: "0120-000-000", callCenterHours: "" },
      after: { callCenterPhone: "042-620-1234", callCenterHours: "平日 8:30〜17:15" },
    });
    expect(await updateSettingsAction(null, form({ callCenterPhone: "042-620-1234" }))).toMatchObject({ ok: true, message: "変更はありませんでした。" });
    expect(await t.db.select().from(auditLog)).toHaveLength(1);
  });

  it("answers bad input with a Japanese message per field and changes nothing", async () => {
    const result = await updateSettingsAction(null, form({ callCenterPhone: "でんわ", bookingWindowDays: "たくさん", cancelDeadlineTime: "25:00", fieldEmail: "always", maxGroupSize: 0 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toMatchObject({
      callCenterPhone: "コールセンターの電話番号は「0120-000-000」のように数字とハイフンで入力してください。",
      bookingWindowDays: "予約を受け付ける期間を数字で入力してください。",
      cancelDeadlineTime: "期限の時刻は「17:00」のように24時間表記で入力してください。",
      fieldEmail: "「使わない・任意・必須」から選んでください。",
      maxGroupSize: "同時予約の最大人数は1〜20の範囲で入力してください。",
    });
    expect((await loadSettings(t.db)).callCenterPhone).toBe("0120-000-000");
    expect(await t.db.select().from(auditLog)).toHaveLength(0);
  });

  it("turning off same-day booking refuses today's slot at the next booking", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: TODAY, startTime: "15:00", endTime: "15:30" });
    const v1 = await createVoucher(t.db);
    const v2 = await createVoucher(t.db);
    expect(await bookSlot(t.db, { voucherId: v1.id, slotId: slot.id, actor: resident(v1.id), channel: "web", now: NOW })).toMatchObject({ ok: true });
    expect(await updateSettingsAction(null, form({ sameDayBooking: "false" }))).toMatchObject({ ok: true });
    expect(await bookSlot(t.db, { voucherId: v2.id, slotId: slot.id, actor: resident(v2.id), channel: "web", now: NOW })).toMatchObject({
      ok: false,
      code: "same_day_closed",
      reason: "当日の予約は受け付けていません。翌日以降の予約枠を選んでください。",
    });
  });

  it("raising an age limit refuses the next booking with the new reason; existing bookings need a confirmation and stay", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const booked = await createVoucher(t.db, { birthDate: "1970-01-01" });
    const next = await createVoucher(t.db, { birthDate: "1971-01-01" });
    const first = await bookSlot(t.db, { voucherId: booked.id, slotId: slot.id, actor: resident(booked.id), channel: "web", now: NOW });
    expect(first.ok).toBe(true);

    const warned = await updateProductAction(null, form({ ...PFIZER_FORM, minAge: 60 }));
    expect(warned).toMatchObject({ ok: false, code: "needs_confirmation" });
    expect(warned.message).toContain("新しい対象年齢に合わない予約が1件");
    expect((await t.db.select().from(vaccineProducts).where(eq(vaccineProducts.code, "PFIZER")))[0]!.minAge).toBe(12);

    expect(await updateProductAction(null, form({ ...PFIZER_FORM, minAge: 60, confirmed: "true" }))).toMatchObject({ ok: true });
    expect(await bookSlot(t.db, { voucherId: next.id, slotId: slot.id, actor: resident(next.id), channel: "web", now: NOW })).toMatchObject({
      ok: false,
      code: "too_young",
      reason: "ファイザー (コミナティ)は60歳以上の方が対象です（接種日に55歳）。",
    });
    // The booking made under the old rule is kept.
    const [kept] = await t.db.select().from(reservations).where(eq(reservations.voucherId, booked.id));
    expect(kept!.status).toBe("booked");
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "vaccine_product.update"));
    expect(audit).toMatchObject({ entityId: "PFIZER", before: { minAge: 12 }, after: { minAge: 60, affectedReservations: { outsideAges: 1 } } });
  });

  it("refuses an upper age below the lower one, and a duplicate product code", async () => {
    expect(await updateProductAction(null, form({ ...PFIZER_FORM, minAge: 20, maxAge: 10 }))).toMatchObject({
      ok: false,
      fieldErrors: { maxAge: "対象年齢の上限は下限以上にしてください。" },
    });
    expect(await addProductAction(null, form(PFIZER_FORM))).toMatchObject({ ok: false, code: "duplicate", fieldErrors: { code: "このコードはすでに使われています。" } });
    expect(await addProductAction(null, form({ ...PFIZER_FORM, code: "pfizer_xbb", name: "ファイザー (XBB)" }))).toMatchObject({ ok: true });
    expect(await t.db.select().from(vaccineProducts).where(eq(vaccineProducts.code, "PFIZER_XBB"))).toHaveLength(1);
  });

  it("adds booking openings (refusing before the date) and deletes them", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-10" });
    const voucher = await createVoucher(t.db);
    // NOW is 2026-12-01 09:00 in Tokyo: an opening at 2026-12-02 09:00 is still ahead.
    expect(await addOpeningAction(null, form({ label: "50歳以上の方", minAge: 50, opensOn: "2026/12/02", opensAtTime: "09:00" }))).toMatchObject({ ok: true });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({
      ok: false,
      code: "not_open_yet",
      reason: "50歳以上の方の予約受付は2026年12月2日（水） 09:00から始まります。",
    });
    const [opening] = await t.db.select().from(bookingOpenings);
    expect(await deleteOpeningAction(null, form({ openingId: opening!.id }))).toMatchObject({ ok: true });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({ ok: true });
    expect((await t.db.select().from(auditLog).where(eq(auditLog.entity, "booking_opening"))).map((a) => a.action)).toEqual(["booking_opening.create", "booking_opening.delete"]);
    expect(await addOpeningAction(null, form({ label: "", minAge: 70, maxAge: 60, opensOn: "2026-13-01", opensAtTime: "9時" }))).toMatchObject({
      ok: false,
      fieldErrors: {
        label: "対象の名前を入力してください（例: 65歳以上の方）。",
        opensOn: "受付開始日は「2026-04-01」のように正しい日付で入力してください。",
        opensAtTime: "受付開始時刻は「09:00」のように24時間表記で入力してください。",
      },
    });
  });
});

describe("booster rules are dated", () => {
  let admin: StaffActor;
  beforeEach(async () => {
    admin = await createStaff(t.db, "admin");
    await signInAs(admin);
  });

  it("a rule dated in the future applies only to slots from that date", async () => {
    const venue = await createVenue(t.db);
    const before = await createSlot(t.db, { venueId: venue.id, date: "2026-12-14" });
    const from = await createSlot(t.db, { venueId: venue.id, date: "2026-12-15" });
    // Dose 3: two doses declared, the last on 2026-06-01 (6 months before).
    const v1 = await createVoucher(t.db, { priorDoseCount: 2, priorLastDoseDate: "2026-06-01", priorLastProductCode: "PFIZER" });
    const v2 = await createVoucher(t.db, { priorDoseCount: 2, priorLastDoseDate: "2026-06-01", priorLastProductCode: "PFIZER" });
    const added = await addBoosterRule(t.db, admin, { effectiveFrom: "2026-12-15", intervalMonths: 12, note: "テスト" }, { now: NOW });
    expect(added).toMatchObject({ ok: true, governed: 0 });
    expect(await bookSlot(t.db, { voucherId: v1.id, slotId: before.id, actor: resident(v1.id), channel: "web", now: NOW })).toMatchObject({ ok: true });
    expect(await bookSlot(t.db, { voucherId: v2.id, slotId: from.id, actor: resident(v2.id), channel: "web", now: NOW })).toMatchObject({
      ok: false,
      code: "interval",
      reason: "3回目の接種は前回の接種から12か月以上あける必要があります。2027年6月1日（火）以降の日を選んでください。",
    });
  });

  it("never rewrites history: past dates refused, a rule in force cannot be withdrawn, one ahead can", async () => {
    expect(await addBoosterRuleAction(null, form({ effectiveFrom: inDays(-1), intervalMonths: 4 }))).toMatchObject({ ok: false, code: "past_date" });
    expect(await addBoosterRuleAction(null, form({ effectiveFrom: inDays(20), intervalMonths: 4, note: "通知" }))).toMatchObject({ ok: true });
    expect(await addBoosterRuleAction(null, form({ effectiveFrom: inDays(20), intervalMonths: 5 }))).toMatchObject({ ok: false, code: "duplicate" });
    const [inForce] = await t.db.select().from(boosterIntervalRules).where(eq(boosterIntervalRules.effectiveFrom, "2022-10-21"));
    expect(await withdrawBoosterRuleAction(null, form({ ruleId: inForce!.id }))).toMatchObject({ ok: false, code: "in_force" });
    const [ahead] = await t.db.select().from(boosterIntervalRules).where(eq(boosterIntervalRules.effectiveFrom, inDays(20)));
    expect(await withdrawBoosterRuleAction(null, form({ ruleId: ahead!.id }))).toMatchObject({ ok: true });
    expect(await t.db.select().from(boosterIntervalRules)).toHaveLength(5);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entity, "booster_interval_rule"));
    expect(audit.map((a) => a.action)).toEqual(["booster_rule.create", "booster_rule.withdraw"]);
    expect(audit[1]!.before).toMatchObject({ effectiveFrom: inDays(20), intervalMonths: 4, note: "通知" });
  });

  it("asks for a confirmation when booked booster reservations fall under a new rule, and keeps them", async () => {
    const venue = await createVenue(t.db);
    const slot = await createSlot(t.db, { venueId: venue.id, date: "2026-12-20" });
    const voucher = await createVoucher(t.db, { priorDoseCount: 2, priorLastDoseDate: "2026-06-01", priorLastProductCode: "PFIZER" });
    expect(await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: resident(voucher.id), channel: "web", now: NOW })).toMatchObject({ ok: true });
    const warned = await addBoosterRule(t.db, admin, { effectiveFrom: "2026-12-15", intervalMonths: 12 }, { now: NOW });
    expect(warned).toMatchObject({ ok: false, code: "needs_confirmation" });
    expect(!warned.ok && warned.reason).toContain("すでに1件あります");
    // A dose-specific rule for dose 4 does not govern a dose-3 booking.
    expect(await addBoosterRule(t.db, admin, { effectiveFrom: "2026-12-15", doseNumber: 4, intervalMonths: 12 }, { now: NOW })).toMatchObject({ ok: true, governed: 0 });
    expect(await addBoosterRule(t.db, admin, { effectiveFrom: "2026-12-15", intervalMonths: 12 }, { now: NOW, confirmed: true })).toMatchObject({ ok: true, governed: 1 });
    const [kept] = await t.db.select().from(reservations).where(and(eq(reservations.voucherId, voucher.id), eq(reservations.status, "booked")));
    expect(kept).toBeDefined();
  });
});

it("a new call-center number is what the chatbot hands off with, at once (nothing caches settings)", async () => {
  const admin = await createStaff(t.db, "admin");
  await signInAs(admin);
  expect(await updateSettingsAction(null, form({ callCenterPhone: "0120-111-222", callCenterHours: "毎日 8:00〜20:00" }))).toMatchObject({ ok: true });
  const [row] = await t.db.select().from(municipality);
  expect(row!.callCenterPhone).toBe("0120-111-222");
  const reply = await answerQuestion(t.db, "ペットの狂犬病の注射はどこで受けられますか", { channel: "web", now: NOW });
  expect(reply).toMatchObject({ handoff: true });
  expect(reply.answer).toContain("0120-111-222");
  expect(reply.answer).toContain("毎日 8:00〜20:00");
});
