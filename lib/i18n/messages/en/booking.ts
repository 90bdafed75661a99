import type { booking as ja } from "../ja/booking";

export const booking: typeof ja = {
  title: "Your details",
  chosenSlot: "The slot you chose",
  notFound: "Slot not found",
  cannotBook: (reason) => `This slot cannot be booked: ${reason}`,
  otherSlot: "Choose another slot",
  fields: {
    kanaName: { label: "Name in katakana (カナ氏名)", hint: "e.g. ヤマダ タロウ (hiragana is also accepted)" },
    phone: { label: "Phone number", hint: "e.g. 090-1234-5678" },
    email: { label: "Email address", hint: "e.g. taro@example.jp" },
  },
  fieldError: {
    kanaName: { missing: "Please enter your name in katakana.", invalid: "Please enter your name in katakana (e.g. ヤマダ タロウ)." },
    phone: { missing: "Please enter your phone number.", invalid: "Enter a Japanese phone number of 10 or 11 digits starting with 0." },
    email: { missing: "Please enter your email address.", invalid: "Please enter a valid email address (e.g. taro@example.jp)." },
  },
  noFields: "There is nothing to fill in. Please check the slot and continue.",
  toConfirm: "Continue",
  confirmTitle: "Please confirm",
  confirmIntro: "The booking is not complete yet. Check the details and press “Confirm booking”.",
  confirm: "Confirm booking",
  confirming: "Booking…",
  back: "Back",
  badSlot: "The slot is not valid.",
  variantsTitle: "Other ways to book",
  setLink: "Book dose 2 at the same time (set booking)",
  familyLink: "Book family members into the same time (group booking)",
};
