import type { landing as ja } from "../ja/landing";

export const landing: typeof ja = {
  title: "COVID-19 vaccination booking",
  intro: (municipality) => `Residents of ${municipality} can book, check, change and cancel their vaccination here.`,
  notices: "Notices",
  start: "Book or check my reservation",
  prepare: "What you need",
  prepareVoucher: "The vaccination voucher (接種券) you received by post: it shows a 10-digit voucher number",
  prepareBirthDate: "The date of birth of the person to be vaccinated",
  byPhone: "Booking and questions by phone",
  byPhoneText: "If booking online is difficult, the call center can book for you.",
};
