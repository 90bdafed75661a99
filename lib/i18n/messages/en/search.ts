import type { search as ja } from "../ja/search";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const search: typeof ja = {
  byDateTitle: "Find a slot by date",
  byVenueTitle: "Find a slot by venue",
  todayTitle: "Same-day booking (today's free slots)",
  legend: "○ Available　△ Few left　× Full　－ Not bookable (no slot you can book)",
  calendarCaption: (year, month) => `${MONTHS[month - 1]} ${year}`,
  prevMonth: "Previous month",
  nextMonth: "Next month",
  venueFilter: "Venue",
  allVenues: "All venues",
  applyFilter: "Show",
  onlyVenue: (venue) => `Showing only the slots at ${venue}.`,
  chooseDay: "Choose a date to see its slots.",
  daySlots: (date) => `Slots on ${date}`,
  noSlotsThatDay: "There are no slots on this day.",
  choose: "Book this slot",
  notBookableBecause: (reason) => `Cannot be booked: ${reason}`,
  venueIntro: "For each venue, the earliest dates with a slot you can book.",
  vaccines: (names) => `Vaccine: ${names}`,
  noVenueSlots: "There is no slot you can book at this venue at the moment.",
  otherDates: "See other dates",
  todayIntro: "Slots starting later today with seats left.",
  todayClosed: "Same-day bookings are not accepted. You can choose tomorrow or later under “Find a slot by date”.",
  todayNone: "There is no slot left that you can book today.",
};
