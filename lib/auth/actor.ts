// Who is acting: every service call names its actor, for the permission check and the audit log.
import type { StaffRole } from "./roles";

export type Actor =
  | { kind: "staff"; staffId: number; role: StaffRole; venueIds: readonly number[] }
  | { kind: "resident"; voucherId: number; channel: "web" | "line" }
  | { kind: "ivr"; callSid: string; voucherId: number }
  | { kind: "system"; name: string };

export type StaffActor = Extract<Actor, { kind: "staff" }>;

export function actorKindForAudit(actor: Actor): "staff" | "resident" | "system" | "ivr" | "line" {
  if (actor.kind === "resident") return actor.channel === "line" ? "line" : "resident";
  return actor.kind;
}

export function actorIdForAudit(actor: Actor): string {
  switch (actor.kind) {
    case "staff":
      return String(actor.staffId);
    case "resident":
      return `voucher:${actor.voucherId}`;
    case "ivr":
      return `call:${actor.callSid}`;
    case "system":
      return actor.name;
  }
}
