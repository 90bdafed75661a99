import {
  ACTIVE_STATUSES,
  RESERVATION_STATUSES,
  STATUS_LABELS,
  canTransition,
  isActive,
  isReservationStatus,
  releasesSeat,
  type ReservationStatus,
} from "./reservation-status";

// SPEC "Reservation lifecycle": booked → checked_in → vaccinated; from booked/checked_in also
// screened_only and no_show; from booked also cancelled. Nothing else.
const ALLOWED: readonly (readonly [ReservationStatus, ReservationStatus])[] = [
  ["booked", "checked_in"],
  ["booked", "screened_only"],
  ["booked", "no_show"],
  ["booked", "cancelled"],
  ["checked_in", "vaccinated"],
  ["checked_in", "screened_only"],
  ["checked_in", "no_show"],
];

const ALL: readonly ReservationStatus[] = ["booked", "checked_in", "vaccinated", "screened_only", "no_show", "cancelled"];

const FORBIDDEN = ALL.flatMap((from) =>
  ALL.filter((to) => !ALLOWED.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as const),
);

describe("canTransition", () => {
  it.each(ALLOWED)("%s → %s is allowed", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(FORBIDDEN)("%s → %s is forbidden", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it("covers every pair of statuses", () => {
    expect(ALLOWED.length + FORBIDDEN.length).toBe(36);
    expect(FORBIDDEN).toEqual(
      expect.arrayContaining([
        ["booked", "vaccinated"], // a dose needs check-in first
        ["checked_in", "cancelled"], // after check-in: screened only or no-show, not cancelled
        ["checked_in", "booked"],
        ["vaccinated", "booked"],
        ["cancelled", "booked"], // a cancelled reservation stays cancelled; book again instead
        ["no_show", "vaccinated"],
        ["screened_only", "vaccinated"],
        ["booked", "booked"],
      ]),
    );
  });
});

describe("isActive (one active reservation per voucher)", () => {
  it.each([
    ["booked", true],
    ["checked_in", true],
    ["vaccinated", false],
    ["screened_only", false],
    ["no_show", false],
    ["cancelled", false],
  ] as const)("%s → %s", (status, expected) => {
    expect(isActive(status)).toBe(expected);
  });

  it("ACTIVE_STATUSES lists booked and checked_in", () => {
    expect([...ACTIVE_STATUSES].sort()).toEqual(["booked", "checked_in"]);
  });
});

describe("releasesSeat (capacity given back to the slot)", () => {
  it.each([
    ["cancelled", true],
    ["no_show", true],
    ["screened_only", false], // screened after the fact: the seat was used
    ["vaccinated", false],
    ["booked", false],
    ["checked_in", false],
  ] as const)("%s → %s", (status, expected) => {
    expect(releasesSeat(status)).toBe(expected);
  });
});

describe("isReservationStatus", () => {
  it.each(ALL)("%s is a status", (value) => {
    expect(isReservationStatus(value)).toBe(true);
  });

  it.each(["", "Booked", "BOOKED", "reserved", "checked-in", "予約済み", "deleted"])("%j is not", (value) => {
    expect(isReservationStatus(value)).toBe(false);
  });

  it("RESERVATION_STATUSES holds the six statuses", () => {
    expect([...RESERVATION_STATUSES].sort()).toEqual([...ALL].sort());
  });
});

describe("STATUS_LABELS", () => {
  it.each([
    ["booked", "予約済み"],
    ["checked_in", "受付済み"],
    ["vaccinated", "接種済み"],
    ["screened_only", "予診のみ"],
    ["no_show", "来場なし"],
    ["cancelled", "キャンセル"],
  ] as const)("%s → %s", (status, label) => {
    expect(STATUS_LABELS[status]).toBe(label);
  });
});
