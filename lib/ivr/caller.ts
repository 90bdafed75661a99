// Who is calling, as far as the phone network tells: Twilio's From, when it is a real number.

/**
 * What Twilio sends as From for a withheld or unknown number: keypad spellings of ANONYMOUS,
 * UNAVAILABLE, UNKNOWN, RESTRICTED and BLOCKED. Every such caller shares one "number".
 */
const WITHHELD = new Set(["+266696687", "+86282452253", "+8656696", "+7378742833", "+2562533"]);

/** The caller's own number in E.164, or null when withheld or not a phone number. */
export function callerNumber(from: string | null): string | null {
  if (!from || WITHHELD.has(from) || !/^\+[1-9][0-9]{6,14}$/.test(from)) return null;
  return from;
}
