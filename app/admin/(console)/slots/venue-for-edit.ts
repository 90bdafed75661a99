// The venue named by ?venue= on the slot creation pages, if this staff member may create its slots.
import { getDb } from "@/db/client";
import type { CurrentStaff } from "@/lib/auth/require-staff";
import { staffMay } from "@/lib/auth/permissions";
import { activeProducts } from "@/lib/slots/slot-week";
import { getVenue } from "@/lib/venues/venues";

export async function venueForSlotCreation(staff: CurrentStaff, raw: string | undefined) {
  const venueId = Number(raw);
  if (!Number.isInteger(venueId) || venueId <= 0) return { ok: false as const, reason: "会場を選んでください。" };
  if (!staffMay(staff, "slots.edit", { venueId })) return { ok: false as const, reason: "この会場の予約枠を作成する権限がありません。" };
  const db = await getDb();
  const result = await getVenue(db, staff, venueId);
  if (!result.ok) return { ok: false as const, reason: result.reason };
  return { ok: true as const, venue: result.venue, products: await activeProducts(db) };
}
