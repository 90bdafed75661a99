import type { login as ja } from "../ja/login";

export const login: typeof ja = {
  title: "Log in with your voucher number",
  intro: "Enter the voucher number printed on your vaccination voucher and the date of birth of the person to be vaccinated.",
  lockNote: "After 5 wrong attempts in a row, that voucher number is locked for 15 minutes.",
  voucherNumber: "Voucher number (接種券番号)",
  voucherHint: "The 10-digit number printed on your vaccination voucher",
  birthDate: "Date of birth",
  year: "Year",
  month: "Month",
  day: "Day",
  warekiOf: (year, wareki) => `${year} is ${wareki} in the Japanese calendar`,
  yearHint: "Enter the year as 4 digits (e.g. 1950)",
  submit: "Log in",
  submitting: "Checking…",
  errVoucher: "Enter the voucher number as 10 digits.",
  errYear: "Enter the year of birth as 4 digits.",
  errMonth: "Enter the month of birth.",
  errDay: "Enter the day of birth.",
  errDate: "Please enter a valid date of birth.",
  errNoSuchDay: "This date does not exist.",
};
