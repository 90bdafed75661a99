/** @jest-environment node */
// Venue-scoped staff cannot read or change another venue's data through any server action.
// The actions run as in production: a real next-auth session cookie, decoded by requireStaff,
// and the account re-read from the database. Only Next's request cookie store is stood in for.
import { encode } from "next-auth/jwt";
import { signInAs } from "../support/staff-session";
import { eq } from "drizzle-orm";
import { doseRecords, reservations, slots, staffAccounts } from "@/db/schema";
import { setUpAppDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, setupMunicipality } from "./fixtures";
import { tokyoDate } from "@/lib/domain/dates";
import type { StaffActor } from "@/lib/auth/actor";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

// Imported after the mock is in place.
import { checkInAction, noShowAction, recordDoseAction, screenedOnlyAction, venueDayAction } from "@/app/admin/(console)/reception/actions";
import { setSlotStatusAction, updateSlotCapacityAction } from "@/app/admin/(console)/slots/actions";
import { bookForCallerAction, cancelForCallerAction, changeForCallerAction } from "@/app/admin/(console)/callers/actions";
import { issueCallerKey } from "@/lib/callers/caller-key";
import { form } from "../support/form-data";

const t = setUpAppDatabase();

describe("venue scope through server actions", () => {
  let ownStaff: StaffActor;
  let ownManager: StaffActor;
  let otherReservationId: number;
  let otherSlotId: number;
  let otherVenueId: number;
  let spareOtherSlotId: number;
  let freeVoucherId: number;
  let bookedVoucherId: number;
  const today = tokyoDate(new Date());

  beforeEach(async () => {
    await t.reset();
    await setupMunicipality(t.db);
    const own = await createVenue(t.db, "OWN");
    const other = await createVenue(t.db, "OTHER");
    otherVenueId = other.id;
    ownStaff = await createStaff(t.db, "venue_staff", [own.id]);
    ownManager = await createStaff(t.db, "venue_manager", [own.id]);
    const slot = await createSlot(t.db, { venueId: other.id, date: today, startTime: "23:58", endTime: "23:59" });
    const spare = await createSlot(t.db, { venueId: other.id, date: today, startTime: "23:00", endTime: "23:30" });
    otherSlotId = slot.id;
    spareOtherSlotId = spare.id;
    const voucher = await createVoucher(t.db);
    freeVoucherId = (await createVoucher(t.db)).id;
    bookedVoucherId = voucher.id;
    // Inserted directly: booking a slot today through the service depends on the time of day.
    const [booked] = await t.db
      .insert(reservations)
      .values({ reservationNumber: "123456780", voucherId: voucher.id, slotId: slot.id, doseNumber: 1, productCode: "PFIZER", channel: "web" })
      .returning();
    await t.db.update(slots).set({ bookedCount: 1 }).where(eq(slots.id, slot.id));
    otherReservationId = booked!.id;
  });

  async function expectUntouched() {
    const [r] = await t.db.select().from(reservations).where(eq(reservations.id, otherReservationId));
    expect(r!.status).toBe("booked");
    expect(r!.slotId).toBe(otherSlotId);
    const [s] = await t.db.select().from(slots).where(eq(slots.id, otherSlotId));
    expect(s).toMatchObject({ capacity: 10, status: "open", bookedCount: 1 });
  }

  it.each([
    ["会場一般", () => ownStaff],
    ["会場責任者", () => ownManager],
  ])("%s of another venue is refused by every action", async (_label, who) => {
    await signInAs(who());
    const r = { reservationId: otherReservationId };
    const results = [
      await checkInAction(null, form(r)),
      await recordDoseAction(null, form({ ...r, lotNumber: "AB123" })),
      await screenedOnlyAction(null, form(r)),
      await noShowAction(null, form(r)),
      await venueDayAction(otherVenueId, today),
      await updateSlotCapacityAction(null, form({ slotId: otherSlotId, capacity: 50 })),
      await setSlotStatusAction(null, form({ slotId: otherSlotId, status: "closed" })),
      // With the caller's birth date confirmed (a valid caller key), the venue scope still refuses.
      await cancelForCallerAction(null, form({ ...r, callerKey: issueCallerKey(who(), bookedVoucherId) })),
      await changeForCallerAction(null, form({ ...r, newSlotId: spareOtherSlotId, callerKey: issueCallerKey(who(), bookedVoucherId) })),
      await bookForCallerAction(null, form({ slotId: spareOtherSlotId, callerKey: issueCallerKey(who(), freeVoucherId) })),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe("forbidden");
    }
    await expectUntouched();
  });

  it("the same actions work for the venue's own staff (the refusals above are about scope)", async () => {
    const ownOfOther = await createStaff(t.db, "venue_manager", [otherVenueId]);
    await signInAs(ownOfOther);
    expect(await venueDayAction(otherVenueId, today)).toMatchObject({ ok: true, rows: [{ reservationId: otherReservationId }] });
    expect(await checkInAction(null, form({ reservationId: otherReservationId }))).toMatchObject({ ok: true });
    expect(await updateSlotCapacityAction(null, form({ slotId: otherSlotId, capacity: 12 }))).toMatchObject({ ok: true });
    expect(await updateSlotCapacityAction(null, form({ slotId: otherSlotId, capacity: 0 }))).toMatchObject({ ok: false, code: "below_booked" });
  });

  it("the dose form takes an optional 接種医師名 of at most 20 characters (checked by the form schema)", async () => {
    const ownOfOther = await createStaff(t.db, "venue_manager", [otherVenueId]);
    await signInAs(ownOfOther);
    expect(await checkInAction(null, form({ reservationId: otherReservationId }))).toMatchObject({ ok: true });
    const tooLong = await recordDoseAction(null, form({ reservationId: otherReservationId, lotNumber: "AB123", doctorName: "あ".repeat(21) }));
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { doctorName: "接種医師名は20文字以内で入力してください。" } });
    expect(await t.db.select().from(doseRecords)).toHaveLength(0);
    const done = await recordDoseAction(null, form({ reservationId: otherReservationId, lotNumber: "AB123", doctorName: " 山田 花子 " }));
    expect(done).toMatchObject({ ok: true, message: "接種を記録しました（予約番号 123456780、ロット AB123、医師 山田 花子）。" });
    const [dose] = await t.db.select().from(doseRecords).where(eq(doseRecords.reservationId, otherReservationId));
    expect(dose!.doctorName).toBe("山田 花子");
  });

  it("refuses without a session, with a forged cookie and for a disabled account", async () => {
    await signInAs(null);
    expect(await checkInAction(null, form({ reservationId: otherReservationId }))).toMatchObject({ ok: false, code: "unauthenticated" });
    await signInAs(null, "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged");
    expect(await checkInAction(null, form({ reservationId: otherReservationId }))).toMatchObject({ ok: false, code: "unauthenticated" });
    const forgedWithOtherKey = await encode({ token: { staffId: 1 }, secret: "attacker-secret-0123456789-0123456789-xx" });
    await signInAs(null, forgedWithOtherKey);
    expect(await checkInAction(null, form({ reservationId: otherReservationId }))).toMatchObject({ ok: false, code: "unauthenticated" });
    const ownerOfOther = await createStaff(t.db, "venue_manager", [otherVenueId]);
    await signInAs(ownerOfOther);
    await t.db.update(staffAccounts).set({ disabledAt: new Date() }).where(eq(staffAccounts.id, ownerOfOther.staffId));
    expect(await checkInAction(null, form({ reservationId: otherReservationId }))).toMatchObject({ ok: false, code: "unauthenticated" });
    await expectUntouched();
  });

  it("a call-center account may not do reception at all", async () => {
    const operator = await createStaff(t.db, "call_center");
    await signInAs(operator);
    expect(await checkInAction(null, form({ reservationId: otherReservationId }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await venueDayAction(otherVenueId, today)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("bad form input gets a clear message, not an error", async () => {
    await signInAs(ownManager);
    expect(await updateSlotCapacityAction(null, form({ slotId: otherSlotId, capacity: "たくさん" }))).toMatchObject({ ok: false, message: "定員は数字で入力してください。" });
    expect(await checkInAction(null, form({ reservationId: "abc" }))).toMatchObject({ ok: false, message: "入力内容を確認してください。" });
  });
});
