import { formatDate } from "../../format";
import type { refusals as ja } from "../ja/refusals";

const d = (value: string | number | undefined) => (typeof value === "string" ? formatDate("en", value, true) : "");

export const refusals: typeof ja = {
  useDomainText: false,
  generic: "This cannot be done. Please call the call center.",
  byCode: {
    active_reservation: () => "You already have a reservation. To change it, use “Change” on your reservation.",
    unknown_product: () => "This vaccine is not registered.",
    product_inactive: (p) => `${p.product} is not being booked at the moment.`,
    booster_not_allowed: (p) => `${p.product} cannot be used for dose ${p.dose}.`,
    different_product: (p) => `Doses 1 and 2 must be the same vaccine. Your dose 1 was ${p.product}: please choose a slot with the same vaccine.`,
    too_young: (p) => `${p.product} is for people aged ${p.minAge} or over (you will be ${p.age} on that day).`,
    too_old: (p) => `${p.product} is for people aged ${p.minAge} to ${p.maxAge} (you will be ${p.age} on that day).`,
    interval: (p) =>
      p.date
        ? `Dose ${p.dose} needs a longer interval after your previous dose. Please choose ${d(p.date)} or later.`
        : "The date of your previous dose is not known. Please call the call center.",
    no_booster_rule: (p) => `There is no rule allowing dose ${p.dose} on ${d(p.date)}.`,
    slot_closed: () => "This slot is no longer taking bookings.",
    slot_past: () => "Slots in the past cannot be chosen.",
    same_day_closed: () => "Same-day bookings are not accepted. Please choose tomorrow or later.",
    slot_started: () => "This slot has already started.",
    outside_window: (p) => `This date is not open for booking yet. You can book up to ${d(p.date)}.`,
    not_open_yet: (p) =>
      p.date ? `Booking for ${p.label} opens on ${d(p.date)} at ${p.time}.` : "Booking has not opened for your group yet.",
    slot_full: () => "This slot is full. Please choose another slot.",
    busy: () => "The system is busy. Please try again.",
    db_unavailable: () => "The system cannot be reached right now, so the booking was not accepted. Please try again in a moment; My page shows whether a booking went through.",
    voucher_not_found: () => "The vaccination voucher was not found.",
    slot_not_found: () => "The slot was not found.",
    reservation_not_found: () => "The reservation was not found.",
    forbidden: () => "This cannot be done online. Please call the call center.",
    invalid_personal: () => "Please check what you entered.",
    set_not_first_dose: () => "A set booking is for doses 1 and 2 together. If you have had dose 1, please make a normal booking.",
    group_empty: () => "Please choose who to book for.",
    group_too_large: (p) => `Up to ${p.max} people can be booked together.`,
    group_duplicate: () => "The same voucher appears twice.",
    member_refused: () => "Someone in the group cannot be booked, so nobody was booked.",
    past_deadline: (p) =>
      p.date
        ? `The deadline (${d(p.date)} ${p.time}) has passed. Please call the call center (${p.phone}).`
        : "The deadline has passed.",
    not_cancellable: () => "This reservation can no longer be cancelled.",
    not_changeable: () => "This reservation can no longer be changed.",
    same_slot: () => "You chose the slot you already have.",
    set_follower_conflict: (p) => `This would no longer fit your dose 2 reservation on ${d(p.date)}.`,
    invalid_input: () => "Please enter the 10-digit voucher number and your date of birth.",
    invalid: (p) =>
      "The voucher number or date of birth is not correct." +
      (typeof p.remaining === "number" && p.remaining <= 2
        ? ` After ${p.remaining} more wrong ${p.remaining === 1 ? "try" : "tries"}, logging in will be locked for ${p.minutes} minutes.`
        : ""),
    locked: (p) =>
      `After repeated failed logins, this voucher number is locked until ${p.time}. Please try again later or call the call center (${p.phone}).`,
    rate_limited: (p) => `Too many requests in a short time. Please wait about ${p.seconds} seconds and try again.`,
    client_blocked: (p) => `After repeated failed logins, logging in is paused. Please try again after ${p.time}.`,
    // The waitlist and its offers (issue 8).
    waitlist_off: () => "The waitlist is not open at the moment.",
    already_waiting: () => "You are already on the waitlist.",
    contact_unreachable: () => "We cannot send offers that way. Please choose another way to be told.",
    not_live: () => "This waitlist entry has already ended.",
    offer_not_found: () => "This offer was not found. Please check the link you received.",
    offer_expired: () => "The time to confirm has passed, so the seat was offered to the next person.",
    offer_closed: () => "This offer has ended.",
    offer_taken: () => "Sorry, someone else confirmed first and the seat is taken.",
  },
};
