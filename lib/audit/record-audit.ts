// Every state change writes one audit row: who, when, what, before and after.
import { auditLog } from "@/db/schema";
import type { Db } from "@/db/client";
import { actorIdForAudit, actorKindForAudit, type Actor } from "@/lib/auth/actor";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  voucherId?: number | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorKind: actorKindForAudit(actor),
    actorId: actorIdForAudit(actor),
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    voucherId: entry.voucherId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
