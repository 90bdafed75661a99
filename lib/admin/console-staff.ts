// For console pages: the signed-in staff member, or a redirect — to the login page without a
// session, to /admin/password while the account must change its password (first login, reset).
// The layout does the same on a full load; pages call this too because Next keeps a layout
// across client-side navigation. Server actions are guarded by requireStaff (lib/auth).
import { redirect } from "next/navigation";
import { currentStaff, type CurrentStaff } from "@/lib/auth/require-staff";

export async function consoleStaff(): Promise<CurrentStaff> {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  if (staff.mustChangePassword) redirect("/admin/password");
  return staff;
}
