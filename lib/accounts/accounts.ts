// Staff accounts (アカウント): list, create, disable/enable, reset password.
// - The admin manages every account. A 会場責任者 manages only 会場一般 accounts whose venues are all
//   among their own venues: they cannot create an admin or a manager, cannot touch another venue's
//   staff, and cannot give anyone more than they have themselves.
// - Nobody disables themselves, and the last active admin cannot be disabled (the active admins are
//   locked FOR UPDATE first, so two admins disabling each other at once cannot both succeed).
// - Initial and reset passwords are generated here, returned once to show, stored only as a hash,
//   and must be changed at the next login (mustChangePassword).
import { and, asc, count, eq, exists, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { staffAccounts, staffAccountVenues, venues } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { clearFailures } from "@/lib/auth/login-throttle";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { roleMay } from "@/lib/auth/permissions";
import { isVenueScoped, type StaffRole } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Paging } from "@/lib/admin/paging";
import { asResult, pgErrorCode, refusal } from "@/lib/booking/result";
import { fieldErrorsOf } from "@/lib/venues/schemas";
import { likePattern } from "@/lib/venues/venues";
import { newAccountSchema, type NewAccountInput } from "./schemas";

export interface AccountRow {
  id: number;
  loginId: string;
  displayName: string;
  role: StaffRole;
  mustChangePassword: boolean;
  disabled: boolean;
  lastLoginAt: Date | null;
  venues: { id: number; code: string; name: string }[];
  /** whether this actor may disable/enable it and reset its password */
  canManage: boolean;
}

function mayManageAccounts(actor: StaffActor) {
  if (!roleMay(actor.role, "accounts")) refusal("forbidden", "アカウントを管理する権限がありません。");
}

/** Whether `actor` may change an account with this role and these venues. */
export function mayManage(actor: StaffActor, target: { role: string; venueIds: readonly number[] }): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "venue_manager") return false;
  return target.role === "venue_staff" && target.venueIds.length > 0 && target.venueIds.every((v) => actor.venueIds.includes(v));
}

/**
 * One page of accounts, searched by login id or name. A venue manager sees the 会場一般 accounts
 * of their venues (those that also belong to another venue are shown but left to the admin).
 */
export async function listAccounts(db: Db, actor: StaffActor, options: { q?: string; paging: Paging }) {
  return asResult(async () => {
    mayManageAccounts(actor);
    let scope: SQL | undefined;
    if (actor.role !== "admin") {
      if (actor.venueIds.length === 0) return { rows: [] as AccountRow[], total: 0 };
      scope = and(
        eq(staffAccounts.role, "venue_staff"),
        exists(
          db
            .select({ one: sql`1` })
            .from(staffAccountVenues)
            .where(and(eq(staffAccountVenues.accountId, staffAccounts.id), inArray(staffAccountVenues.venueId, [...actor.venueIds]))),
        ),
      );
    }
    const q = options.q?.trim() ?? "";
    const search = q ? or(ilike(staffAccounts.loginId, likePattern(q)), ilike(staffAccounts.displayName, likePattern(q))) : undefined;
    const where = and(scope, search);
    const [accounts, [total]] = await Promise.all([
      db.select().from(staffAccounts).where(where).orderBy(asc(staffAccounts.loginId)).limit(options.paging.limit).offset(options.paging.offset),
      db.select({ n: count() }).from(staffAccounts).where(where),
    ]);
    const links =
      accounts.length === 0
        ? []
        : await db
            .select({ accountId: staffAccountVenues.accountId, id: venues.id, code: venues.code, name: venues.name })
            .from(staffAccountVenues)
            .innerJoin(venues, eq(venues.id, staffAccountVenues.venueId))
            .where(inArray(staffAccountVenues.accountId, accounts.map((a) => a.id)))
            .orderBy(asc(venues.code));
    const rows: AccountRow[] = accounts.map((a) => {
      const own = links.filter((l) => l.accountId === a.id).map(({ id, code, name }) => ({ id, code, name }));
      return {
        id: a.id,
        loginId: a.loginId,
        displayName: a.displayName,
        role: a.role as StaffRole,
        mustChangePassword: a.mustChangePassword,
        disabled: a.disabledAt !== null,
        lastLoginAt: a.lastLoginAt,
        venues: own,
        canManage: a.id !== actor.staffId && mayManage(actor, { role: a.role, venueIds: own.map((v) => v.id) }),
      };
    });
    return { rows, total: total?.n ?? 0 };
  });
}

/** The venues this actor may give to a new account (a venue manager: their own; the admin: any). */
export async function assignableVenues(db: Db, actor: StaffActor) {
  if (actor.role === "admin") return null; // any venue, named by its code
  if (actor.role !== "venue_manager" || actor.venueIds.length === 0) return [];
  return db.select({ id: venues.id, code: venues.code, name: venues.name }).from(venues).where(inArray(venues.id, [...actor.venueIds])).orderBy(asc(venues.code));
}

export async function createAccount(db: Db, actor: StaffActor, input: NewAccountInput) {
  return asResult(
    () =>
      db.transaction(async (tx) => {
        mayManageAccounts(actor);
        const parsed = newAccountSchema.safeParse(input);
        if (!parsed.success) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: fieldErrorsOf(parsed.error) });
        const { loginId, displayName, role, venueCodes } = parsed.data;
        const found = venueCodes.length === 0 ? [] : await tx.select({ id: venues.id, code: venues.code }).from(venues).where(inArray(venues.code, venueCodes));
        const unknown = venueCodes.filter((c) => !found.some((v) => v.code === c));
        // The role and venue checks come before the field checks: a refusal of scope says so plainly.
        if (!mayManage(actor, { role, venueIds: found.map((v) => v.id) }) || (unknown.length > 0 && actor.role !== "admin")) {
          refusal(
            "forbidden",
            actor.role === "venue_manager" ? "会場責任者が作成できるのは、担当会場の会場一般アカウントだけです。" : "アカウントを作成する権限がありません。",
          );
        }
        if (unknown.length > 0) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: { venueCodes: `会場コード ${unknown.join("、")} は登録されていません。` } });
        if (isVenueScoped(role) && found.length === 0) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: { venueCodes: "この権限には担当会場が必要です。会場コードを入力してください。" } });
        if (!isVenueScoped(role) && found.length > 0) refusal("invalid_input", "入力内容を確認してください。", { fieldErrors: { venueCodes: "管理者・コールセンター一般は全会場が対象のため、会場は指定しません。" } });
        const password = generatePassword();
        const [account] = await tx
          .insert(staffAccounts)
          .values({ loginId, displayName, role, passwordHash: await hashPassword(password), mustChangePassword: true })
          .returning();
        if (found.length > 0) await tx.insert(staffAccountVenues).values(found.map((v) => ({ accountId: account!.id, venueId: v.id })));
        await recordAudit(tx, actor, {
          action: "account.create",
          entity: "staff_account",
          entityId: account!.id,
          after: { loginId, displayName, role, venueCodes: found.map((v) => v.code).sort() },
        });
        return { account: { id: account!.id, loginId, displayName, role }, password };
      }),
    (e) => {
      const { code, constraint } = pgErrorCode(e);
      if (code === "23505" && (!constraint || constraint === "staff_login_id_unique")) {
        return { ok: false, code: "duplicate_login_id", reason: "このログインIDはすでに使われています。" };
      }
      return null;
    },
  );
}

/** The account, locked, with its venues; refused unless this actor may manage it. */
async function accountForChange(tx: Db, actor: StaffActor, accountId: number, what: string) {
  mayManageAccounts(actor);
  const [account] = await tx.select().from(staffAccounts).where(eq(staffAccounts.id, accountId)).for("update");
  if (!account) refusal("account_not_found", "アカウントが見つかりません。");
  const venueIds = (await tx.select({ id: staffAccountVenues.venueId }).from(staffAccountVenues).where(eq(staffAccountVenues.accountId, accountId))).map((v) => v.id);
  if (!mayManage(actor, { role: account.role, venueIds })) refusal("forbidden", `このアカウントの${what}を行う権限がありません。`);
  return account;
}

export async function setAccountDisabled(db: Db, actor: StaffActor, accountId: number, disabled: boolean, now = new Date()) {
  return asResult(() =>
    db.transaction(async (tx) => {
      if (accountId === actor.staffId && disabled) refusal("self", "ご自分のアカウントは無効にできません。");
      mayManageAccounts(actor);
      // Lock every active admin row first (in id order, so concurrent calls queue instead of deadlocking).
      const admins = disabled
        ? await tx
            .select({ id: staffAccounts.id })
            .from(staffAccounts)
            .where(and(eq(staffAccounts.role, "admin"), isNull(staffAccounts.disabledAt)))
            .orderBy(asc(staffAccounts.id))
            .for("update")
        : [];
      const account = await accountForChange(tx, actor, accountId, disabled ? "無効化" : "有効化");
      if (disabled && admins.length === 1 && admins[0]!.id === accountId) {
        refusal("last_admin", "有効な管理者が1人だけのため、このアカウントは無効にできません。先に別の管理者を作成してください。");
      }
      if ((account.disabledAt !== null) === disabled) {
        return { account: { id: account.id, loginId: account.loginId }, changed: false };
      }
      await tx.update(staffAccounts).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(staffAccounts.id, accountId));
      await recordAudit(tx, actor, {
        action: disabled ? "account.disable" : "account.enable",
        entity: "staff_account",
        entityId: accountId,
        before: { disabled: !disabled },
        after: { disabled },
      });
      return { account: { id: account.id, loginId: account.loginId }, changed: true };
    }),
  );
}

/** A new generated password, to be changed at the next login; also lifts a login lock. */
export async function resetAccountPassword(db: Db, actor: StaffActor, accountId: number, now = new Date()) {
  return asResult(() =>
    db.transaction(async (tx) => {
      if (accountId === actor.staffId) refusal("self", "ご自分のパスワードは「パスワード変更」画面で変更してください。");
      const account = await accountForChange(tx, actor, accountId, "パスワード再発行");
      const password = generatePassword();
      await tx
        .update(staffAccounts)
        .set({ passwordHash: await hashPassword(password), mustChangePassword: true, updatedAt: now })
        .where(eq(staffAccounts.id, accountId));
      await clearFailures(tx, `staff:${account.loginId.toLowerCase()}`);
      await recordAudit(tx, actor, { action: "account.reset_password", entity: "staff_account", entityId: accountId, after: { mustChangePassword: true } });
      return { account: { id: account.id, loginId: account.loginId, displayName: account.displayName }, password };
    }),
  );
}

/** One account for its page, if this actor may manage it. */
export async function getAccount(db: Db, actor: StaffActor, accountId: number) {
  return asResult(async () => {
    mayManageAccounts(actor);
    const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, accountId));
    if (!account) refusal("account_not_found", "アカウントが見つかりません。");
    const own = await db
      .select({ id: venues.id, code: venues.code, name: venues.name })
      .from(staffAccountVenues)
      .innerJoin(venues, eq(venues.id, staffAccountVenues.venueId))
      .where(eq(staffAccountVenues.accountId, accountId))
      .orderBy(asc(venues.code));
    const isSelf = account.id === actor.staffId;
    if (!isSelf && !mayManage(actor, { role: account.role, venueIds: own.map((v) => v.id) })) {
      refusal("forbidden", "このアカウントを見る権限がありません。");
    }
    return {
      account: {
        id: account.id,
        loginId: account.loginId,
        displayName: account.displayName,
        role: account.role as StaffRole,
        mustChangePassword: account.mustChangePassword,
        disabled: account.disabledAt !== null,
        lastLoginAt: account.lastLoginAt,
        createdAt: account.createdAt,
        venues: own,
      },
      isSelf,
    };
  });
}

