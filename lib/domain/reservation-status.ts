// The reservation lifecycle (SPEC: Reservation lifecycle):
// booked → checked_in → vaccinated; from booked/checked_in also screened_only and no_show;
// from booked also cancelled.

export const RESERVATION_STATUSES = ["booked", "checked_in", "vaccinated", "screened_only", "no_show", "cancelled"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export const ACTIVE_STATUSES: readonly ReservationStatus[] = ["booked", "checked_in"];

export const STATUS_LABELS: Record<ReservationStatus, string> = {
  booked: "予約済み",
  checked_in: "受付済み",
  vaccinated: "接種済み",
  screened_only: "予診のみ",
  no_show: "来場なし",
  cancelled: "キャンセル",
};

const TRANSITIONS: Record<ReservationStatus, readonly ReservationStatus[]> = {
  booked: ["checked_in", "screened_only", "no_show", "cancelled"],
  checked_in: ["vaccinated", "screened_only", "no_show"],
  vaccinated: [],
  screened_only: [],
  no_show: [],
  cancelled: [],
};

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isActive(status: ReservationStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** Statuses whose seat is given back to the slot: nobody came or nobody will. */
export function releasesSeat(status: ReservationStatus): boolean {
  return status === "cancelled" || status === "no_show";
}

export function isReservationStatus(value: string): value is ReservationStatus {
  return (RESERVATION_STATUSES as readonly string[]).includes(value);
}
