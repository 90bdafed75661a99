import type { mypage as ja } from "../ja/mypage";

export const mypage: typeof ja = {
  title: "My page",
  voucher: (masked) => `Voucher number ${masked}`,
  booked: "Your reservation is complete",
  cancelled: (number) => `Your reservation (number ${number}) has been cancelled.`,
  nextDose: "Your next dose",
  nextDoseIs: (n) => `Dose ${n}`,
  history: (count, last) => `Doses so far: ${count}${last ? ` (last on ${last})` : ""}`,
  anyDate: "You can book any date with a free slot.",
  unknownHistory: "Your previous dose is not fully on record. Please call the call center.",
  fromDate: (date) => `You can be vaccinated on ${date} or later.`,
  notBefore: (date) => `You can be vaccinated from ${date}. Earlier dates cannot be booked.`,
  current: "Your reservations",
  none: "You have no reservation at the moment.",
  byDate: "Find a slot by date",
  byVenue: "Find a slot by venue",
  today: "Find a slot today (same-day booking)",
  details: "View, change or cancel",
  phoneTitle: "Booking, changes and cancellations by phone",
  phoneText: "The call center can also book, change or cancel for you.",
  lineVouchers: "Vouchers linked to your LINE account (switch, add, unlink)",
};
