// Where a LIFF page leads once the LINE user and voucher are known: the SAME resident pages
// as the web site (the resident session carries channel "line", so bookings record it).
export const LIFF_DESTINATIONS = ["home", "book", "reservations", "leftover", "waitlist"] as const;
export type LiffDestination = (typeof LIFF_DESTINATIONS)[number];

export function parseLiffDestination(value: string | string[] | undefined | null): LiffDestination {
  return (LIFF_DESTINATIONS as readonly string[]).includes(String(value)) ? (value as LiffDestination) : "home";
}

export function liffDestination(to: LiffDestination): string {
  if (to === "book") return "/slots";
  if (to === "waitlist") return "/waitlist";
  if (to === "leftover") return "/mypage/leftover";
  return "/mypage";
}

/** The LIFF entry page for a destination: where to go back when the LINE session has expired. */
export function liffEntryPath(to: LiffDestination): string {
  return to === "home" ? "/liff" : `/liff/${to}`;
}
