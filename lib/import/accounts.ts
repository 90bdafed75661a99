// アカウント CSV (ログインID, 氏名, 権限, 会場コード). New accounts only: a ログインID already in
// use is a bad line (a CSV must never change an existing account's role or venues). Every
// account gets a generated initial password, returned once to the uploader and never stored
// in clear; it must be changed at the first login.
//
// Scope (SPEC: Roles): an admin may create any role; a 会場責任者 only 会場一般 accounts of
// their own venue(s). The server checks every line; nothing is written if one line is refused.
//
// argon2id is slow on purpose (measured here: ~23 ms per hash alone, ~8 ms each with 4 at
// once on 2 cores): hashes are computed 4 at a time after the whole file is valid, so 1,000
// accounts take about 8 s; a file holds at most 2,000 accounts.
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { staffAccounts, staffAccountVenues, venues } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { staffMay } from "@/lib/auth/permissions";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { ROLE_LABELS, isVenueScoped, roleFromLabel, type StaffRole } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import { ACCOUNT_COLUMNS, type AccountColumn } from "./csv-formats";
import { collectRows, reportDuplicates } from "./collect-rows";
import { cellValue, textValue } from "./fields";
import type { ProblemSink } from "./problem-sink";
import type { ReadCounters } from "./read-table";
import type { IssuedPassword } from "./types";

export const MAX_ACCOUNTS_PER_FILE = 2000;
const HASH_CONCURRENCY = 4;

export interface AccountRow {
  loginId: string;
  displayName: string;
  role: StaffRole;
  venueIds: number[];
}

export interface AccountLineContext {
  actor: Actor;
  venueIdByCode: ReadonlyMap<string, number>;
}

export function validateAccountLine(
  values: Record<AccountColumn, string>,
  ctx: AccountLineContext,
  report: (column: string, reason: string) => void,
): AccountRow | null {
  let ok = true;
  const bad = (column: string, reason: string) => {
    ok = false;
    report(column, reason);
  };
  const loginId = cellValue(values.loginId);
  const displayName = textValue(values.displayName);
  const roleText = textValue(values.role);
  const role = roleFromLabel(roleText);
  const codes = cellValue(values.venueCodes)
    .split(/[|、,;\s]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (!loginId) bad("ログインID", "ログインIDが空です");
  else if (!/^[A-Za-z0-9._@-]{3,64}$/.test(loginId)) bad("ログインID", "ログインIDは半角英数字と . _ @ - で3〜64文字にしてください");
  if (!displayName) bad("氏名", "氏名が空です");
  else if (displayName.length > 50) bad("氏名", "氏名は50文字以内にしてください");
  if (!role) bad("権限", `権限は ${Object.values(ROLE_LABELS).join("・")} のいずれかを入力してください`);

  const venueIds: number[] = [];
  for (const code of codes) {
    const id = ctx.venueIdByCode.get(code);
    if (id === undefined) bad("会場コード", `会場コード「${code}」の会場は登録されていません`);
    else if (!venueIds.includes(id)) venueIds.push(id);
  }
  if (role && isVenueScoped(role) && codes.length === 0) bad("会場コード", `${ROLE_LABELS[role]}のアカウントには会場コードを入力してください`);
  if (role && !isVenueScoped(role) && codes.length > 0) bad("会場コード", `${ROLE_LABELS[role]}のアカウントには会場コードを入力しないでください（すべての会場を扱えます）`);

  // What the uploader may create: checked here, on the server, for every line.
  const actor = ctx.actor;
  if (actor.kind === "staff" && actor.role !== "admin") {
    if (role && role !== "venue_staff") bad("権限", `${ROLE_LABELS[actor.role]}が登録できるのは会場一般のアカウントだけです`);
    for (const id of venueIds) {
      if (!staffMay(actor, "accounts", { venueId: id })) {
        const code = [...ctx.venueIdByCode.entries()].find(([, v]) => v === id)?.[0];
        bad("会場コード", `会場コード「${code}」は担当の会場ではありません（担当の会場のアカウントだけ登録できます）`);
      }
    }
  } else if (actor.kind !== "staff" && actor.kind !== "system") {
    bad("", "この操作を行う権限がありません");
  }
  return ok && role ? { loginId, displayName, role, venueIds } : null;
}

async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

export async function importAccountRows(run: {
  db: Db;
  actor: Actor;
  jobId: number;
  source: AsyncIterable<Uint8Array>;
  problems: ProblemSink;
  counters: ReadCounters;
  onProgress: (phase: "reading" | "checking" | "writing") => Promise<void>;
}): Promise<{ ok: true; created: number; passwords: IssuedPassword[] } | { ok: false; conflict?: boolean; message?: string }> {
  const { db, actor, problems } = run;
  const venueIdByCode = new Map((await db.select({ id: venues.id, code: venues.code }).from(venues)).map((v) => [v.code.toUpperCase(), v.id]));
  const rows = await collectRows(run.source, ACCOUNT_COLUMNS, problems, run.counters, { rows: MAX_ACCOUNTS_PER_FILE, what: "アカウント" }, (values, report) =>
    validateAccountLine(values, { actor, venueIdByCode }, report),
  );
  await run.onProgress("checking");
  reportDuplicates(rows, (r) => r.loginId.toLowerCase(), problems, "ログインID", (r) => `ログインID「${r.loginId}」`);
  const taken = rows.length
    ? new Set((await db.select({ loginId: staffAccounts.loginId }).from(staffAccounts).where(inArray(staffAccounts.loginId, rows.map((r) => r.row.loginId)))).map((a) => a.loginId))
    : new Set<string>();
  for (const { line, row } of rows) if (taken.has(row.loginId)) problems.add(line, "ログインID", `ログインID「${row.loginId}」はすでに使われています`);
  if ((await problems.countLines()) > 0) return { ok: false };

  await run.onProgress("writing");
  const passwords = rows.map(({ row }) => ({ loginId: row.loginId, displayName: row.displayName, password: generatePassword() }));
  const hashes = await mapConcurrent(passwords, HASH_CONCURRENCY, (p) => hashPassword(p.password));
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i++) {
        const { row } = rows[i]!;
        const [account] = await tx
          .insert(staffAccounts)
          .values({ loginId: row.loginId, displayName: row.displayName, role: row.role, passwordHash: hashes[i]!, mustChangePassword: true })
          .returning({ id: staffAccounts.id });
        if (row.venueIds.length > 0) await tx.insert(staffAccountVenues).values(row.venueIds.map((venueId) => ({ accountId: account!.id, venueId })));
        await recordAudit(tx, actor, {
          action: "staff.create",
          entity: "staff_account",
          entityId: account!.id,
          after: { loginId: row.loginId, displayName: row.displayName, role: row.role, venueIds: row.venueIds, importJobId: run.jobId },
        });
      }
    });
  } catch (e) {
    if ((e as { code?: string }).code === "23505" || (e as { cause?: { code?: string } }).cause?.code === "23505") {
      return { ok: false, conflict: true, message: "取り込みの間に同じログインIDのアカウントが作成されました。何も登録していません。もう一度お試しください。" };
    }
    throw e;
  }
  return { ok: true, created: rows.length, passwords };
}
