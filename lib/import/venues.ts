// 会場 CSV (会場コード, 会場名, 種別(集団/個別), 住所, 電話番号). A 会場コード already registered
// updates that venue (name, kind, address, phone): the file is the municipality's list of
// venues, edited and uploaded again. Admin only (SPEC: Roles).
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { venues } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { VENUE_COLUMNS, type VenueColumn } from "./csv-formats";
import { collectRows, reportDuplicates } from "./collect-rows";
import { cellValue, textValue } from "./fields";
import type { ProblemSink } from "./problem-sink";
import type { ReadCounters } from "./read-table";

export const VENUE_CODE_PATTERN = /^[A-Za-z0-9_-]{1,20}$/;
const KINDS: Record<string, "mass" | "clinic"> = { 集団: "mass", 集団接種: "mass", 集団接種会場: "mass", mass: "mass", 個別: "clinic", 個別接種: "clinic", 個別接種会場: "clinic", clinic: "clinic" };

export interface VenueRow {
  code: string;
  name: string;
  kind: "mass" | "clinic";
  address: string;
  phone: string;
}

export function validateVenueLine(values: Record<VenueColumn, string>, report: (column: string, reason: string) => void): VenueRow | null {
  const code = cellValue(values.code).toUpperCase();
  const name = textValue(values.name);
  const kind = KINDS[cellValue(values.kind).replace(/\s/g, "").toLowerCase()] ?? KINDS[cellValue(values.kind).replace(/\s/g, "")];
  const address = textValue(values.address);
  const phone = cellValue(values.phone).replace(/[‐‑‒–—―ー−]/g, "-");
  let ok = true;
  const bad = (column: string, reason: string) => {
    ok = false;
    report(column, reason);
  };
  if (!code) bad("会場コード", "会場コードが空です");
  else if (!VENUE_CODE_PATTERN.test(code)) bad("会場コード", "会場コードは半角英数字・ハイフン・アンダースコアで20文字以内にしてください");
  if (!name) bad("会場名", "会場名が空です");
  else if (name.length > 100) bad("会場名", "会場名は100文字以内にしてください");
  if (!kind) bad("種別", "種別は「集団」または「個別」と入力してください");
  if (address.length > 200) bad("住所", "住所は200文字以内にしてください");
  if (phone && !/^[0-9][0-9-]{8,14}$/.test(phone)) bad("電話番号", "電話番号は数字とハイフンで入力してください（例: 042-123-4567）");
  return ok ? { code, name, kind: kind!, address, phone } : null;
}

export async function importVenueRows(run: {
  db: Db;
  actor: Actor;
  jobId: number;
  source: AsyncIterable<Uint8Array>;
  problems: ProblemSink;
  counters: ReadCounters;
}): Promise<{ ok: true; created: number; updated: number } | { ok: false }> {
  const { db, actor, problems } = run;
  const rows = await collectRows(run.source, VENUE_COLUMNS, problems, run.counters, { rows: 5000, what: "会場" }, validateVenueLine);
  reportDuplicates(rows, (r) => r.code, problems, "会場コード", (r) => `会場コード「${r.code}」`);
  if ((await problems.countLines()) > 0) return { ok: false };

  return db.transaction(async (tx) => {
    const codes = rows.map((r) => r.row.code);
    const existing = new Map((await tx.select().from(venues).where(inArray(venues.code, codes)).for("update")).map((v) => [v.code, v]));
    let created = 0;
    let updated = 0;
    for (const { row } of rows) {
      const before = existing.get(row.code);
      if (!before) {
        const [venue] = await tx.insert(venues).values(row).returning({ id: venues.id });
        await recordAudit(tx, actor, { action: "venue.create", entity: "venue", entityId: venue!.id, after: { ...row, importJobId: run.jobId } });
        created++;
        continue;
      }
      const changed = before.name !== row.name || before.kind !== row.kind || before.address !== row.address || before.phone !== row.phone;
      if (!changed) continue;
      await tx
        .update(venues)
        .set({ name: row.name, kind: row.kind, address: row.address, phone: row.phone, updatedAt: new Date() })
        .where(inArray(venues.id, [before.id]));
      await recordAudit(tx, actor, {
        action: "venue.update",
        entity: "venue",
        entityId: before.id,
        before: { name: before.name, kind: before.kind, address: before.address, phone: before.phone },
        after: { name: row.name, kind: row.kind, address: row.address, phone: row.phone, importJobId: run.jobId },
      });
      updated++;
    }
    return { ok: true as const, created, updated };
  });
}
