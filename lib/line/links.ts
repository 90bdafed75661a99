// LINE user ↔ voucher links: made once after a successful voucher login inside LIFF, then
// later visits skip the login. One LINE user may link several vouchers (a family); a voucher
// may be linked from several LINE accounts (two parents). Unlinking deletes the link only.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { lineLinks, lineUsers, vouchers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { residentLogin, type ResidentLoginResult } from "@/lib/auth/resident-login";

/** More than a household needs; stops one LINE account collecting vouchers. */
export const MAX_LINKS_PER_LINE_USER = 10;

/** Records a LINE user the first time we meet them (follow event or LIFF). */
export async function ensureLineUser(db: Db, lineUserId: string): Promise<void> {
  await db.insert(lineUsers).values({ lineUserId }).onConflictDoNothing({ target: lineUsers.lineUserId });
}

/** follow → true, unfollow (blocked) → false: links are kept, but nothing is pushed while false. */
export async function setFollowing(db: Db, lineUserId: string, following: boolean): Promise<void> {
  await db
    .insert(lineUsers)
    .values({ lineUserId, following })
    .onConflictDoUpdate({ target: lineUsers.lineUserId, set: { following, updatedAt: sql`now()` } });
}

export interface LinkedVoucher {
  voucherId: number;
  voucherNumber: string;
  linkedAt: Date;
}

export async function listLinkedVouchers(db: Db, lineUserId: string): Promise<LinkedVoucher[]> {
  return db
    .select({ voucherId: lineLinks.voucherId, voucherNumber: vouchers.voucherNumber, linkedAt: lineLinks.linkedAt })
    .from(lineLinks)
    .innerJoin(vouchers, eq(vouchers.id, lineLinks.voucherId))
    .where(eq(lineLinks.lineUserId, lineUserId))
    .orderBy(asc(lineLinks.linkedAt), asc(lineLinks.id));
}

export type LinkResult = ResidentLoginResult | { ok: false; code: "too_many"; reason: string };

/**
 * 接種券番号 + 生年月日 checked exactly like the web login (same lockout and slow-down, audit
 * row with channel line), then the voucher is linked to the LINE user.
 */
export async function linkVoucherByLogin(
  db: Db,
  input: { lineUserId: string; voucherNumber: string; birthDate: string; clientKey: string; now?: Date; sleep?: (ms: number) => Promise<void> },
): Promise<LinkResult> {
  const linked = await listLinkedVouchers(db, input.lineUserId);
  if (linked.length >= MAX_LINKS_PER_LINE_USER) {
    return { ok: false, code: "too_many", reason: `1つのLINEアカウントに連携できる接種券は${MAX_LINKS_PER_LINE_USER}枚までです。使わない接種券の連携を解除してください。` };
  }
  const login = await residentLogin(db, { ...input, channel: "line" });
  if (!login.ok) return login;
  await ensureLineUser(db, input.lineUserId);
  const [row] = await db
    .insert(lineLinks)
    .values({ lineUserId: input.lineUserId, voucherId: login.voucherId })
    .onConflictDoNothing({ target: [lineLinks.lineUserId, lineLinks.voucherId] })
    .returning({ id: lineLinks.id });
  if (row) {
    await recordAudit(db, { kind: "resident", voucherId: login.voucherId, channel: "line" }, {
      action: "line.link",
      entity: "line_link",
      entityId: row.id,
      voucherId: login.voucherId,
      after: { lineUserId: input.lineUserId },
    });
  }
  return login;
}

/**
 * Opens a linked voucher without the voucher login (the link is the proof): true and a
 * `resident.login` audit row when the voucher is linked to this LINE user, false otherwise.
 */
export async function loginWithLink(db: Db, lineUserId: string, voucherId: number): Promise<boolean> {
  const [link] = await db
    .select({ id: lineLinks.id })
    .from(lineLinks)
    .where(and(eq(lineLinks.lineUserId, lineUserId), eq(lineLinks.voucherId, voucherId)));
  if (!link) return false;
  await recordAudit(db, { kind: "resident", voucherId, channel: "line" }, {
    action: "resident.login",
    entity: "voucher",
    entityId: voucherId,
    voucherId,
    after: { channel: "line", via: "line_link" },
  });
  return true;
}

export async function unlinkVoucher(db: Db, lineUserId: string, voucherId: number): Promise<boolean> {
  const removed = await db
    .delete(lineLinks)
    .where(and(eq(lineLinks.lineUserId, lineUserId), eq(lineLinks.voucherId, voucherId)))
    .returning({ id: lineLinks.id });
  if (removed.length === 0) return false;
  await recordAudit(db, { kind: "resident", voucherId, channel: "line" }, {
    action: "line.unlink",
    entity: "line_link",
    entityId: removed[0]!.id,
    voucherId,
    before: { lineUserId },
  });
  return true;
}
