// The permission matrix of SPEC.md (Roles), as one function the services call.
// Venue-scoped roles act only on their own venues; 会場一般 only on today's reservations.
import type { StaffActor } from "./actor";
import type { StaffRole } from "./roles";

export type Permission =
  | "settings"
  | "accounts"
  | "venues.edit"
  | "venues.view"
  | "slots.edit"
  | "slots.view"
  | "vouchers.upload"
  | "vouchers.register"
  | "booking.forCaller"
  | "booking.bulk"
  | "reception"
  | "dose.correct"
  | "lots.edit"
  | "export.vrs"
  | "dashboard"
  | "audit.view"
  | "leftover.declare";

type Scope = "all" | "own" | "own_today";

const MATRIX: Record<Permission, Partial<Record<StaffRole, Scope>>> = {
  settings: { admin: "all" },
  accounts: { admin: "all", venue_manager: "own" },
  "venues.edit": { admin: "all" },
  "venues.view": { admin: "all", call_center: "all", venue_manager: "own", venue_staff: "own" },
  "slots.edit": { admin: "all", venue_manager: "own" },
  "slots.view": { admin: "all", call_center: "all", venue_manager: "own", venue_staff: "own" },
  "vouchers.upload": { admin: "all" },
  "vouchers.register": { admin: "all", call_center: "all" },
  "booking.forCaller": { admin: "all", call_center: "all", venue_manager: "own" },
  "booking.bulk": { admin: "all", call_center: "all", venue_manager: "own" },
  reception: { admin: "all", venue_manager: "own", venue_staff: "own_today" },
  "dose.correct": { admin: "all", venue_manager: "own" },
  // The venue's vaccine lots of the day (one tap at reception): set up by whoever runs the venue.
  "lots.edit": { admin: "all", venue_manager: "own" },
  "export.vrs": { admin: "all" },
  dashboard: { admin: "all", call_center: "all", venue_manager: "own" },
  "audit.view": { admin: "all" },
  // Same-day leftover doses (余剰ワクチン): whoever runs the venue today declares them and sees who is coming.
  "leftover.declare": { admin: "all", venue_manager: "own", venue_staff: "own_today" },
};

/** Whether the role has the permission at all (for menus and the first guard). */
export function roleMay(role: StaffRole, permission: Permission): boolean {
  return MATRIX[permission][role] !== undefined;
}

/**
 * Whether this staff member may act on `venueId` (and, for same-day-only roles, on `date`).
 * Pass venueId null for actions not tied to a venue: venue-scoped roles are then refused.
 */
export function staffMay(
  actor: StaffActor,
  permission: Permission,
  target: { venueId: number | null; date?: string; today?: string },
): boolean {
  const scope = MATRIX[permission][actor.role];
  if (!scope) return false;
  if (scope === "all") return true;
  if (target.venueId === null || !actor.venueIds.includes(target.venueId)) return false;
  if (scope === "own_today") return target.date !== undefined && target.date === target.today;
  return true;
}
