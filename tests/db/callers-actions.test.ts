/** @jest-environment node */
// The call-center server actions per role, as in production: a real next-auth session cookie,
// decoded by requireStaff, the account re-read from the database. Only next/headers is stood in.
import { signInAs } from "../support/staff-session";
import { eq } from "drizzle-orm";
import { auditLog, reservations, vouchers } from "@/db/schema";
import { setUpAppDatabase } from "./harness";
import { createSlot, createStaff, createVenue, createVoucher, setupMunicipality } from "./fixtures";
import { addDays, tokyoDate } from "@/lib/domain/dates";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

import { bookForCallerAction, cancelForCallerAction, searchCallersAction } from "@/app/admin/(console)/callers/actions";
import { registerVoucherAction } from "@/app/admin/(console)/vouchers/actions";
import { commitBulkAction, previewBulkAction } from "@/app/admin/(console)/bulk/actions";
import { issueCallerKey } from "@/lib/callers/caller-key";
import { form } from "../support/form-data";

const t = setUpAppDatabase();

describe("call-center actions per role", () => {
  const date = addDays(tokyoDate(new Date()), 3);
  let own: { id: number };
  let other: { id: number };
  let slotId: number;
  let otherSlotId: number;
  let voucher: { id: number; voucherNumber: string; birthDate: string };

  beforeEach(async () => {
    await t.reset();
    await setupMunicipality(t.db);
    own = await createVenue(t.db, "OWN");
    other = await createVenue(t.db, "OTHER");
    slotId = (await createSlot(t.db, { venueId: own.id, date })).id;
    otherSlotId = (await createSlot(t.db, { venueId: other.id, date })).id;
    voucher = await createVoucher(t.db, { birthDate: "1950-04-01", kanaName: "ヤマダ　タロウ" });
  });

  const bulkForm = (venueId: number) => form({ venueId, from: date, to: date, list: `${voucher.voucherNumber},${voucher.birthDate}` });

  it("会場一般 is refused by every call-center action", async () => {
    const staff = await createStaff(t.db, "venue_staff", [own.id]);
    await signInAs(staff);
    const results = [
      await searchCallersAction(null, form({ by: "voucher", query: voucher.voucherNumber, birthDate: voucher.birthDate })),
      await bookForCallerAction(null, form({ callerKey: issueCallerKey(staff, voucher.id), slotId })),
      await registerVoucherAction(null, form({ voucherNumber: "1234567890", birthDate: "1950-04-01" })),
      await previewBulkAction(null, bulkForm(own.id)),
      await commitBulkAction(null, bulkForm(own.id)),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.select().from(reservations)).toHaveLength(0);
    expect(await t.db.select().from(vouchers)).toHaveLength(1);
  });

  it("会場責任者 may not register vouchers, search by name, or bulk-book another venue", async () => {
    const manager = await createStaff(t.db, "venue_manager", [own.id]);
    await signInAs(manager);
    expect(await registerVoucherAction(null, form({ voucherNumber: "1234567890", birthDate: "1950-04-01" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await searchCallersAction(null, form({ by: "kana", query: "ヤマダタロウ", birthDate: "1950-04-01" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await commitBulkAction(null, bulkForm(other.id))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await bookForCallerAction(null, form({ callerKey: issueCallerKey(manager, voucher.id), slotId: otherSlotId }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.select().from(reservations)).toHaveLength(0);
    // Its own venue works.
    expect(await commitBulkAction(null, bulkForm(own.id))).toMatchObject({ ok: true, booked: 1 });
  });

  it("コールセンター一般 searches, books and cancels with its own key only", async () => {
    const operator = await createStaff(t.db, "call_center");
    const colleague = await createStaff(t.db, "call_center");
    await signInAs(operator);
    const found = await searchCallersAction(null, form({ by: "voucher", query: voucher.voucherNumber, birthDate: "1950/04/01" }));
    if (!found.ok) throw new Error(found.message);
    expect(await bookForCallerAction(null, form({ callerKey: issueCallerKey(colleague, voucher.id), slotId }))).toMatchObject({ ok: false, code: "key_invalid" });
    expect(await bookForCallerAction(null, form({ slotId }))).toMatchObject({ ok: false, fieldErrors: { callerKey: expect.any(String) } });
    const booked = await bookForCallerAction(null, form({ callerKey: found.matches[0]!.key, slotId }));
    expect(booked).toMatchObject({ ok: true, message: expect.stringContaining("予約番号") });
    const [r] = await t.db.select().from(reservations);
    expect(r).toMatchObject({ channel: "operator", voucherId: voucher.id });
    expect(await cancelForCallerAction(null, form({ callerKey: found.matches[0]!.key, reservationId: r!.id }))).toMatchObject({ ok: true });
    const registered = await registerVoucherAction(null, form({ voucherNumber: "2000000001", birthDate: "1970-06-06", municipalityCode: "131016", next: "book" }));
    expect(registered).toMatchObject({ ok: true, outOfArea: true, next: "book", callerKey: expect.any(String) });
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.actorId, String(operator.staffId)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["caller.verify", "reservation.book", "reservation.cancel", "voucher.register"]));
  });

  it("refuses without a session", async () => {
    await signInAs(null);
    expect(await searchCallersAction(null, form({ by: "voucher", query: voucher.voucherNumber, birthDate: voucher.birthDate }))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await previewBulkAction(null, bulkForm(own.id))).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("bad bulk input lines get clear messages and nothing is booked", async () => {
    const operator = await createStaff(t.db, "call_center");
    await signInAs(operator);
    const f = form({ venueId: own.id, from: date, to: date, list: `${voucher.voucherNumber},${voucher.birthDate}\n12345,1950-01-01\n` });
    const preview = await previewBulkAction(null, f);
    expect(preview).toMatchObject({ ok: true, problems: [{ line: 2, reason: expect.stringContaining("10桁") }] });
    expect(await commitBulkAction(null, f)).toMatchObject({ ok: false, code: "bad_lines" });
    expect(await t.db.select().from(reservations)).toHaveLength(0);
    expect(await previewBulkAction(null, form({ venueId: own.id, from: date, to: "bad", list: "" }))).toMatchObject({ ok: false, fieldErrors: { to: expect.any(String) } });
  });
});
