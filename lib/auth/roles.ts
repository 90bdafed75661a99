// Staff roles and what each may do (SPEC: Roles). The server checks these on every
// action; the menu only mirrors them.

export const STAFF_ROLES = ["admin", "call_center", "venue_manager", "venue_staff"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: "管理者",
  call_center: "コールセンター一般",
  venue_manager: "会場責任者",
  venue_staff: "会場一般",
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function roleFromLabel(label: string): StaffRole | null {
  const trimmed = label.trim();
  const found = STAFF_ROLES.find((r) => ROLE_LABELS[r] === trimmed || r === trimmed);
  return found ?? null;
}

/** Venue-scoped roles see and change only their own venues. */
export function isVenueScoped(role: StaffRole): boolean {
  return role === "venue_manager" || role === "venue_staff";
}
