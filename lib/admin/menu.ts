// The console's menu: one entry per section, shown when the role has the section's permission.
// The server still checks every page and action (lib/auth/require-staff.ts); this only decides the links.
import { roleMay, type Permission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/auth/roles";

export interface MenuItem {
  href: string;
  label: string;
  /** Any one of these permissions shows the entry. */
  anyOf: Permission[];
}

export const ADMIN_MENU: MenuItem[] = [
  { href: "/admin/callers", label: "電話予約", anyOf: ["booking.forCaller"] },
  { href: "/admin/offers", label: "空き枠のご案内（電話）", anyOf: ["booking.forCaller"] },
  { href: "/admin/bulk", label: "一括予約", anyOf: ["booking.bulk"] },
  { href: "/admin/reception", label: "受付", anyOf: ["reception"] },
  { href: "/admin/leftover", label: "余剰ワクチン", anyOf: ["leftover.declare"] },
  { href: "/admin/dashboard", label: "ダッシュボード", anyOf: ["dashboard"] },
  { href: "/admin/venues", label: "会場", anyOf: ["venues.view"] },
  { href: "/admin/slots", label: "予約枠", anyOf: ["slots.view"] },
  { href: "/admin/vouchers", label: "接種券", anyOf: ["vouchers.upload", "vouchers.register"] },
  { href: "/admin/accounts", label: "アカウント", anyOf: ["accounts"] },
  { href: "/admin/faq", label: "FAQ", anyOf: ["settings"] },
  { href: "/admin/export", label: "VRS出力", anyOf: ["export.vrs"] },
  { href: "/admin/settings", label: "設定", anyOf: ["settings"] },
  { href: "/admin/audit", label: "監査ログ", anyOf: ["audit.view"] },
];

export function menuFor(role: StaffRole): MenuItem[] {
  return ADMIN_MENU.filter((item) => item.anyOf.some((p) => roleMay(role, p)));
}
