// Input clean-up shared by every channel: residents type full-width digits,
// hyphens of every kind, and spaces where they like.

/** Full-width ASCII (！-～) and the ideographic space to half-width. */
export function toHalfWidth(value: string): string {
  return value
    .replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

/** Digits only, after full-width conversion; hyphens and spaces dropped. */
export function digitsOnly(value: string): string {
  return toHalfWidth(value).replace(/[\s\-‐‑‒–—―ー−]/g, "");
}

/** 接種券番号: 10 digits. Returns null when the input is not 10 digits. */
export function normalizeVoucherNumber(value: string): string | null {
  const digits = digitsOnly(value);
  return /^[0-9]{10}$/.test(digits) ? digits : null;
}
