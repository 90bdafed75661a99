// Small builders for service tests: real rows through the real schema, no mocks.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { municipality, slots, staffAccounts, staffAccountVenues, venues, vouchers } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import type { StaffActor } from "@/lib/auth/actor";
import type { StaffRole } from "@/lib/auth/roles";

/** 09:00 in Tokyo on 2026-12-01 (a Tuesday). */
export const NOW = new Date("2026-12-01T00:00:00Z");
export const TODAY = "2026-12-01";

export async function setupMunicipality(db: Db, settings: Partial<typeof municipality.$inferInsert> = {}) {
  await initMunicipality(db, "132012", "八王子市");
  await db
    .update(municipality)
    .set({ callCenterPhone: "0120-000-000", ...settings })
    .where(eq(municipality.id, 1));
}

let venueSeq = 0;
export async function createVenue(db: Db, code = `V${++venueSeq}`) {
  const [venue] = await db.insert(venues).values({ code, name: `会場${code}`, kind: "mass" }).returning();
  return venue!;
}

export async function createSlot(
  db: Db,
  values: { venueId: number; date?: string; startTime?: string; endTime?: string; capacity?: number; productCode?: string; status?: string },
) {
  const [slot] = await db
    .insert(slots)
    .values({
      venueId: values.venueId,
      date: values.date ?? "2026-12-10",
      startTime: values.startTime ?? "10:00",
      endTime: values.endTime ?? "10:30",
      capacity: values.capacity ?? 10,
      productCode: values.productCode ?? "PFIZER",
      status: values.status ?? "open",
    })
    .returning();
  return slot!;
}

let voucherSeq = 0;
export async function createVoucher(
  db: Db,
  values: Partial<typeof vouchers.$inferInsert> = {},
) {
  const [voucher] = await db
    .insert(vouchers)
    .values({
      municipalityCode: "132012",
      voucherNumber: String(++voucherSeq).padStart(10, "0"),
      birthDate: "1970-01-01",
      ...values,
    })
    .returning();
  return voucher!;
}

export async function createStaff(db: Db, role: StaffRole, venueIds: number[] = [], loginId?: string): Promise<StaffActor> {
  const [account] = await db
    .insert(staffAccounts)
    .values({
      loginId: loginId ?? `${role}-${Math.random().toString(36).slice(2, 8)}`,
      displayName: `${role} さん`,
      role,
      // Service tests never log in; the auth tests hash real passwords.
      passwordHash: "not-a-real-hash",
      mustChangePassword: false,
    })
    .returning();
  for (const venueId of venueIds) await db.insert(staffAccountVenues).values({ accountId: account!.id, venueId });
  return { kind: "staff", staffId: account!.id, role, venueIds };
}
