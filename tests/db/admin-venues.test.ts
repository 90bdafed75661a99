/** @jest-environment node */
// 会場 pages: server actions called as in production (a real next-auth session cookie), and the
// read services the pages call, per role.
import { signInAs } from "../support/staff-session";
import { eq } from "drizzle-orm";
import { auditLog, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { getVenue, listVenues } from "@/lib/venues/venues";
import { setUpAppDatabase } from "./harness";
import { createStaff, createVenue, setupMunicipality } from "./fixtures";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

// Imported after the mock is in place.
import { createVenueAction, updateVenueAction } from "@/app/admin/(console)/venues/actions";
import { form } from "../support/form-data";

const t = setUpAppDatabase();

const paging = { page: 1, limit: 50, offset: 0 };
const NEW_VENUE = { code: "ｍ09", name: "北部市民センター", kind: "集団", address: "八王子市北町1-1", phone: "０４２-６００-００００", active: "true" };

let admin: StaffActor;
let manager: StaffActor;
let staff: StaffActor;
let operator: StaffActor;
let own: typeof venues.$inferSelect;
let other: typeof venues.$inferSelect;

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

it("the admin creates a venue (normalised input, then its page) and edits it, each with an audit row", async () => {
  await signInAs(admin);
  await expect(createVenueAction(null, form(NEW_VENUE))).rejects.toMatchObject({ digest: expect.stringContaining("/admin/venues/") });
  const [created] = await t.db.select().from(venues).where(eq(venues.code, "M09"));
  expect(created).toMatchObject({ name: "北部市民センター", kind: "mass", address: "八王子市北町1-1", phone: "042-600-0000", active: true });

  expect(await updateVenueAction(null, form({ ...NEW_VENUE, venueId: created!.id, kind: "clinic", name: "北部クリニック", active: "false" }))).toMatchObject({ ok: true });
  const [edited] = await t.db.select().from(venues).where(eq(venues.id, created!.id));
  expect(edited).toMatchObject({ name: "北部クリニック", kind: "clinic", active: false });

  const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, String(created!.id)));
  expect(audit.map((a) => a.action)).toEqual(["venue.create", "venue.update"]);
  expect(audit[1]!.before).toEqual({ name: "北部市民センター", kind: "mass", active: true });
  expect(audit[1]!.after).toEqual({ name: "北部クリニック", kind: "clinic", active: false });
});

it("refuses bad input with a message per field, and a code already in use", async () => {
  await signInAs(admin);
  expect(await createVenueAction(null, form({ code: "M 01!", name: "", kind: "巡回", phone: "abc" }))).toMatchObject({
    ok: false,
    fieldErrors: { code: expect.stringContaining("半角の英数字"), name: "会場名を入力してください。", kind: "種別（集団・個別）を選んでください。", phone: expect.stringContaining("電話番号") },
  });
  expect(await createVenueAction(null, form({ ...NEW_VENUE, code: "own" }))).toMatchObject({ ok: false, code: "duplicate_code" });
  expect(await updateVenueAction(null, form({ ...NEW_VENUE, code: "OTHER", venueId: own.id }))).toMatchObject({ ok: false, code: "duplicate_code" });
  expect(await t.db.select().from(venues)).toHaveLength(2);
});

it.each([
  ["コールセンター一般", () => operator],
  ["会場責任者", () => manager],
  ["会場一般", () => staff],
])("%s may not create or edit venues (refused on the server), not even their own", async (_label, who) => {
  await signInAs(who());
  expect(await createVenueAction(null, form(NEW_VENUE))).toMatchObject({ ok: false, code: "forbidden" });
  expect(await updateVenueAction(null, form({ ...NEW_VENUE, code: "OWN", venueId: own.id }))).toMatchObject({ ok: false, code: "forbidden" });
  const [kept] = await t.db.select().from(venues).where(eq(venues.id, own.id));
  expect(kept!.name).toBe("会場OWN");
  expect(await t.db.select().from(venues)).toHaveLength(2);
});

it("lists and opens venues in scope: the call center all, venue roles their own only (also by id)", async () => {
  const all = await listVenues(t.db, operator, { paging });
  expect(all.ok && all.rows.map((v) => v.code)).toEqual(["OTHER", "OWN"]);
  for (const who of [manager, staff]) {
    const mine = await listVenues(t.db, who, { paging });
    expect(mine).toMatchObject({ ok: true, total: 1, rows: [{ code: "OWN" }] });
    expect(await getVenue(t.db, who, own.id)).toMatchObject({ ok: true });
    expect(await getVenue(t.db, who, other.id)).toMatchObject({ ok: false, code: "forbidden" });
  }
  const searched = await listVenues(t.db, admin, { q: "oth", paging });
  expect(searched).toMatchObject({ ok: true, total: 1, rows: [{ code: "OTHER" }] });
  const literal = await listVenues(t.db, admin, { q: "%", paging });
  expect(literal).toMatchObject({ ok: true, total: 0 });
  const unassigned = await createStaff(t.db, "venue_staff", []);
  expect(await listVenues(t.db, unassigned, { paging })).toMatchObject({ ok: true, total: 0 });
});
