// The audit log viewer's query: newest first, a page at a time by keyset on id (the log is
// append-only, so id order is the order rows were written), filtered by account, date range
// (Tokyo days), voucher number and kind (entity). Each filter has an index (migration 0006).
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, staffAccounts, vouchers } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { recordAudit } from "./record-audit";
import { asResult, refusal } from "@/lib/booking/result";
import { addDays, isValidIsoDate, tokyoInstant } from "@/lib/domain/dates";
import { digitsOnly } from "@/lib/domain/normalize";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  /** staff login ID */
  account?: string;
  /** Tokyo dates, inclusive */
  from?: string;
  to?: string;
  voucherNumber?: string;
  /** entity name (the 「種類」) */
  entity?: string;
  /** exact action */
  action?: string;
  /** keyset: rows with id below this */
  before?: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorKind: string;
  actorId: string;
  /** 「管理者（admin）」, 「住民（接種券 1000000001）」, … */
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  voucherNumber: string | null;
  before: unknown;
  after: unknown;
}

export type AuditFilterProblem = Partial<Record<keyof AuditFilters, string>>;

/** Validates the filters (from the page's query string); problems are shown beside each field. */
export function checkAuditFilters(f: AuditFilters): AuditFilterProblem {
  const problems: AuditFilterProblem = {};
  if (f.from && !isValidIsoDate(f.from)) problems.from = "開始日は「2026-04-01」のように入力してください。";
  if (f.to && !isValidIsoDate(f.to)) problems.to = "終了日は「2026-04-30」のように入力してください。";
  if (!problems.from && !problems.to && f.from && f.to && f.from > f.to) problems.to = "終了日は開始日以降にしてください。";
  if (f.voucherNumber && !/^[0-9]{10}$/.test(digitsOnly(f.voucherNumber))) problems.voucherNumber = "接種券番号は10桁の数字で入力してください。";
  if (f.account && !/^[A-Za-z0-9._@-]{1,64}$/.test(f.account)) problems.account = "ログインIDは半角英数字で入力してください。";
  return problems;
}

const actorName = sql<string>`case
  when ${auditLog.actorKind} = 'staff' then coalesce((select s.display_name || '（' || s.login_id || '）' from staff_accounts s where s.id::text = ${auditLog.actorId}), '職員 #' || ${auditLog.actorId})
  when ${auditLog.actorKind} = 'resident' then '住民（Web）'
  when ${auditLog.actorKind} = 'line' then '住民（LINE）'
  when ${auditLog.actorKind} = 'ivr' then '電話自動応答'
  else 'システム（' || ${auditLog.actorId} || '）' end`;

/**
 * One page of the audit log (admin only). Searching by voucher number is itself logged: the
 * list then shows one resident's history.
 */
export async function listAuditLog(db: Db, actor: StaffActor, filters: AuditFilters, limit = AUDIT_PAGE_SIZE) {
  return asResult(async () => {
    if (!staffMay(actor, "audit.view", { venueId: null })) refusal("forbidden", "監査ログを見る権限がありません。");
    const problems = checkAuditFilters(filters);
    if (Object.keys(problems).length > 0) refusal("invalid", "検索条件を確認してください。", problems);

    const where: (SQL | undefined)[] = [];
    if (filters.account) {
      const [staff] = await db.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.loginId, filters.account));
      if (!staff) return { rows: [] as AuditRow[], next: null as number | null, notice: `ログインID「${filters.account}」のアカウントはありません。` };
      where.push(eq(auditLog.actorKind, "staff"), eq(auditLog.actorId, String(staff.id)));
    }
    let searchedVoucher: { number: string; ids: number[] } | null = null;
    if (filters.voucherNumber) {
      const number = digitsOnly(filters.voucherNumber);
      const ids = (await db.select({ id: vouchers.id }).from(vouchers).where(eq(vouchers.voucherNumber, number))).map((v) => v.id);
      searchedVoucher = { number, ids };
      if (ids.length === 0) return { rows: [] as AuditRow[], next: null as number | null, notice: `接種券番号 ${number} は登録されていません。` };
      where.push(inArray(auditLog.voucherId, ids));
    }
    if (filters.from) where.push(gte(auditLog.at, tokyoInstant(filters.from, "00:00")));
    if (filters.to) where.push(lt(auditLog.at, tokyoInstant(addDays(filters.to, 1), "00:00")));
    if (filters.entity) where.push(eq(auditLog.entity, filters.entity));
    if (filters.action) where.push(eq(auditLog.action, filters.action));
    if (filters.before) where.push(lt(auditLog.id, filters.before));

    const rows = await db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorKind: auditLog.actorKind,
        actorId: auditLog.actorId,
        actorName,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        voucherNumber: sql<string | null>`(select v.voucher_number from vouchers v where v.id = ${auditLog.voucherId})`,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(limit + 1);
    // Who looked at one resident's history is itself in the log (first page only, after the query).
    if (searchedVoucher && !filters.before) {
      await recordAudit(db, actor, {
        action: "audit.search_voucher",
        entity: "audit_log",
        entityId: "search",
        voucherId: searchedVoucher.ids[0] ?? null,
        after: { voucherNumber: searchedVoucher.number, rows: Math.min(rows.length, limit) },
      });
    }
    const page = rows.slice(0, limit);
    const next = rows.length > limit ? page[page.length - 1]!.id : null;
    return { rows: page as AuditRow[], next, notice: null as string | null };
  });
}
