/** @jest-environment node */
// アカウント pages' server actions and the first-login password change, called as in production:
// a real next-auth session cookie decoded by requireStaff, the account re-read from the database.
import { signInAs } from "../support/staff-session";
import { eq } from "drizzle-orm";
import { auditLog, staffAccounts, staffAccountVenues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { staffLogin } from "@/lib/auth/staff-login";
import { listAccounts, setAccountDisabled } from "@/lib/accounts/accounts";
import { setUpAppDatabase } from "./harness";
import { createStaff, createVenue, setupMunicipality } from "./fixtures";

jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

// Imported after the mock is in place.
import { createAccountAction, resetPasswordAction, setAccountDisabledAction } from "@/app/admin/(console)/accounts/actions";
import { changePasswordAction } from "@/app/admin/password/actions";
import { editSlotAction } from "@/app/admin/(console)/slots/actions";
import { form } from "../support/form-data";

const t = setUpAppDatabase();

const paging = { page: 1, limit: 50, offset: 0 };
const accountByLogin = async (loginId: string) => (await t.db.select().from(staffAccounts).where(eq(staffAccounts.loginId, loginId)))[0];

let admin: StaffActor;
let manager: StaffActor;
let ownStaff: StaffActor;
let otherStaff: StaffActor;
let mixedStaff: StaffActor;
let operator: StaffActor;

beforeEach(async () => {
  await t.reset();
  await setupMunicipality(t.db);
  const own = await createVenue(t.db, "OWN");
  const other = await createVenue(t.db, "OTHER");
  admin = await createStaff(t.db, "admin", [], "admin");
  manager = await createStaff(t.db, "venue_manager", [own.id], "own-manager");
  ownStaff = await createStaff(t.db, "venue_staff", [own.id], "own-staff");
  otherStaff = await createStaff(t.db, "venue_staff", [other.id], "other-staff");
  mixedStaff = await createStaff(t.db, "venue_staff", [own.id, other.id], "mixed-staff");
  operator = await createStaff(t.db, "call_center", [], "operator");
});

describe("creating accounts", () => {
  it("the admin creates an account with a generated password shown once, stored as a hash, to be changed at first login", async () => {
    await signInAs(admin);
    const result = await createAccountAction(null, form({ loginId: "ｎｅｗ-staff", displayName: "新規 職員", role: "venue_staff", venueCodes: "own, other" }));
    expect(result).toMatchObject({ ok: true, loginId: "new-staff" });
    if (!result.ok) return;
    expect(result.password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{14}$/);
    const row = await accountByLogin("new-staff");
    expect(row).toMatchObject({ role: "venue_staff", mustChangePassword: true, disabledAt: null });
    expect(row!.passwordHash).not.toContain(result.password);
    expect((await t.db.select().from(staffAccountVenues).where(eq(staffAccountVenues.accountId, row!.id))).length).toBe(2);
    expect(await staffLogin(t.db, "new-staff", result.password)).toMatchObject({ ok: true, staff: { mustChangePassword: true } });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "account.create"));
    expect(audit!.after).toEqual({ loginId: "new-staff", displayName: "新規 職員", role: "venue_staff", venueCodes: ["OTHER", "OWN"] });
    expect(JSON.stringify(audit)).not.toContain(result.password);
  });

  it("refuses bad input field by field: duplicate login id, unknown venue, venues for a venue role", async () => {
    await signInAs(admin);
    expect(await createAccountAction(null, form({ loginId: "admin", displayName: "x", role: "call_center" }))).toMatchObject({ ok: false, fieldErrors: { loginId: "このログインIDはすでに使われています。" } });
    expect(await createAccountAction(null, form({ loginId: "ab", displayName: "", role: "boss" }))).toMatchObject({
      ok: false,
      fieldErrors: { loginId: expect.stringContaining("3文字以上"), displayName: "氏名を入力してください。", role: "権限を選んでください。" },
    });
    expect(await createAccountAction(null, form({ loginId: "x-staff", displayName: "x", role: "venue_staff", venueCodes: "NOPE" }))).toMatchObject({ ok: false, fieldErrors: { venueCodes: expect.stringContaining("NOPE") } });
    expect(await createAccountAction(null, form({ loginId: "x-staff", displayName: "x", role: "venue_staff" }))).toMatchObject({ ok: false, fieldErrors: { venueCodes: expect.stringContaining("担当会場が必要") } });
    expect(await accountByLogin("x-staff")).toBeUndefined();
  });

  it("a venue manager creates 会場一般 accounts of their own venue only: no admin, no manager, no other venue", async () => {
    await signInAs(manager);
    const refused = [
      await createAccountAction(null, form({ loginId: "sneaky-admin", displayName: "x", role: "admin" })),
      await createAccountAction(null, form({ loginId: "sneaky-cc", displayName: "x", role: "call_center" })),
      await createAccountAction(null, form({ loginId: "sneaky-mgr", displayName: "x", role: "venue_manager", venueCode: ["OWN"] })),
      await createAccountAction(null, form({ loginId: "sneaky-other", displayName: "x", role: "venue_staff", venueCode: ["OTHER"] })),
      await createAccountAction(null, form({ loginId: "sneaky-both", displayName: "x", role: "venue_staff", venueCode: ["OWN", "OTHER"] })),
      await createAccountAction(null, form({ loginId: "sneaky-ghost", displayName: "x", role: "venue_staff", venueCodes: "GHOST" })),
    ];
    for (const r of refused) expect(r).toMatchObject({ ok: false, code: "forbidden" });
    for (const login of ["sneaky-admin", "sneaky-cc", "sneaky-mgr", "sneaky-other", "sneaky-both", "sneaky-ghost"]) expect(await accountByLogin(login)).toBeUndefined();
    expect(await createAccountAction(null, form({ loginId: "own-new", displayName: "x", role: "venue_staff", venueCode: ["OWN"] }))).toMatchObject({ ok: true });
  });
});

describe("disable, enable, reset password", () => {
  it("a venue manager cannot touch another venue's staff, a mixed-venue account, a manager or an admin", async () => {
    await signInAs(manager);
    for (const target of [otherStaff, mixedStaff, admin, operator]) {
      expect(await setAccountDisabledAction(null, form({ accountId: target.staffId, disabled: "true" }))).toMatchObject({ ok: false, code: "forbidden" });
      expect(await resetPasswordAction(null, form({ accountId: target.staffId }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    const peer = await createStaff(t.db, "venue_manager", manager.venueIds as number[], "peer-manager");
    expect(await setAccountDisabledAction(null, form({ accountId: peer.staffId, disabled: "true" }))).toMatchObject({ ok: false, code: "forbidden" });
    for (const login of ["other-staff", "mixed-staff", "admin", "operator", "peer-manager"]) expect((await accountByLogin(login))!.disabledAt).toBeNull();

    expect(await setAccountDisabledAction(null, form({ accountId: ownStaff.staffId, disabled: "true" }))).toMatchObject({ ok: true });
    expect((await accountByLogin("own-staff"))!.disabledAt).not.toBeNull();
    expect(await setAccountDisabledAction(null, form({ accountId: ownStaff.staffId, disabled: "false" }))).toMatchObject({ ok: true });
    expect((await accountByLogin("own-staff"))!.disabledAt).toBeNull();
    expect(await resetPasswordAction(null, form({ accountId: ownStaff.staffId }))).toMatchObject({ ok: true, password: expect.any(String) });

    const listed = await listAccounts(t.db, manager, { paging });
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.rows.map((r) => [r.loginId, r.canManage])).toEqual([
      ["mixed-staff", false],
      ["own-staff", true],
    ]);
  });

  it("call center and venue staff may not manage accounts at all", async () => {
    for (const who of [operator, ownStaff]) {
      await signInAs(who);
      expect(await createAccountAction(null, form({ loginId: "zz-staff", displayName: "x", role: "venue_staff", venueCodes: "OWN" }))).toMatchObject({ ok: false, code: "forbidden" });
      expect(await setAccountDisabledAction(null, form({ accountId: otherStaff.staffId, disabled: "true" }))).toMatchObject({ ok: false, code: "forbidden" });
      expect(await resetPasswordAction(null, form({ accountId: otherStaff.staffId }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect((await accountByLogin("other-staff"))!.disabledAt).toBeNull();
  });

  it("nobody disables themselves, and the last active admin cannot be disabled even by two admins at once", async () => {
    await signInAs(admin);
    expect(await setAccountDisabledAction(null, form({ accountId: admin.staffId, disabled: "true" }))).toMatchObject({ ok: false, code: "self" });
    await signInAs(manager);
    expect(await setAccountDisabledAction(null, form({ accountId: manager.staffId, disabled: "true" }))).toMatchObject({ ok: false, code: "self" });

    const second = await createStaff(t.db, "admin", [], "admin2");
    const results = await Promise.all([setAccountDisabled(t.db, admin, second.staffId, true), setAccountDisabled(t.db, second, admin.staffId, true)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: "last_admin" }]);
    const active = (await t.db.select().from(staffAccounts).where(eq(staffAccounts.role, "admin"))).filter((a) => a.disabledAt === null);
    expect(active).toHaveLength(1);
  });

  it("a reset password replaces the old one, lifts a login lock and must be changed at the next login", async () => {
    await t.db.update(staffAccounts).set({ passwordHash: await hashPassword("old-password-123"), mustChangePassword: false }).where(eq(staffAccounts.id, ownStaff.staffId));
    for (let i = 0; i < 5; i++) await staffLogin(t.db, "own-staff", "wrong-password");
    expect(await staffLogin(t.db, "own-staff", "old-password-123")).toMatchObject({ ok: false, code: "locked" });
    await signInAs(admin);
    const reset = await resetPasswordAction(null, form({ accountId: ownStaff.staffId }));
    if (!reset.ok) throw new Error(reset.message);
    expect(await staffLogin(t.db, "own-staff", "old-password-123")).toMatchObject({ ok: false, code: "invalid" });
    expect(await staffLogin(t.db, "own-staff", reset.password)).toMatchObject({ ok: true, staff: { mustChangePassword: true } });
    expect(await resetPasswordAction(null, form({ accountId: admin.staffId }))).toMatchObject({ ok: false, code: "self" });
  });
});

describe("first-login password change", () => {
  it("is required before anything else, refuses weak or mismatched input, and then lets the account work", async () => {
    await signInAs(admin);
    const created = await createAccountAction(null, form({ loginId: "first-login", displayName: "初回 さん", role: "venue_manager", venueCodes: "OWN" }));
    if (!created.ok) throw new Error(created.message);
    const account = (await accountByLogin("first-login"))!;
    await signInAs({ staffId: account.id });

    // Everything else is refused on the server until the password is changed.
    expect(await editSlotAction(null, form({ slotId: 1, capacity: 1, startTime: "10:00", endTime: "10:30" }))).toMatchObject({ ok: false, code: "password_change_required" });
    expect(await createAccountAction(null, form({ loginId: "by-first", displayName: "x", role: "venue_staff", venueCodes: "OWN" }))).toMatchObject({ ok: false, code: "password_change_required" });

    const change = (current: string, next: string, confirm = next) => changePasswordAction(null, form({ currentPassword: current, newPassword: next, newPasswordConfirm: confirm }));
    expect(await change("not-it-at-all", "brand-new-password-1")).toMatchObject({ ok: false, fieldErrors: { currentPassword: "今のパスワードが正しくありません。" } });
    expect(await change(created.password, "short")).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.stringContaining("10文字以上") } });
    expect(await change(created.password, "brand-new-password-1", "brand-new-password-2")).toMatchObject({ ok: false, fieldErrors: { newPasswordConfirm: "確認用のパスワードが一致しません。" } });
    expect(await change(created.password, created.password)).toMatchObject({ ok: false, fieldErrors: { newPassword: "今と違うパスワードにしてください。" } });
    expect((await accountByLogin("first-login"))!.mustChangePassword).toBe(true);

    expect(await change(created.password, "brand-new-password-1")).toMatchObject({ ok: true });
    expect((await accountByLogin("first-login"))!.mustChangePassword).toBe(false);
    expect(await createAccountAction(null, form({ loginId: "by-first", displayName: "x", role: "venue_staff", venueCodes: "OWN" }))).toMatchObject({ ok: true });
    expect(await staffLogin(t.db, "first-login", created.password)).toMatchObject({ ok: false });
    expect(await staffLogin(t.db, "first-login", "brand-new-password-1")).toMatchObject({ ok: true, staff: { mustChangePassword: false } });
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, "account.change_password"))).length).toBe(1);
  });

  it("any staff member may change their own password at any time; no session, no change", async () => {
    await t.db.update(staffAccounts).set({ passwordHash: await hashPassword("operator-pass-0001") }).where(eq(staffAccounts.id, operator.staffId));
    await signInAs(operator);
    expect(await changePasswordAction(null, form({ currentPassword: "operator-pass-0001", newPassword: "operator-pass-0002", newPasswordConfirm: "operator-pass-0002" }))).toMatchObject({ ok: true });
    await signInAs(null);
    expect(await changePasswordAction(null, form({ currentPassword: "operator-pass-0002", newPassword: "operator-pass-0003", newPasswordConfirm: "operator-pass-0003" }))).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
