// One CSV cell for files staff open in Excel: quoted when needed (RFC 4180), and spreadsheet
// formulas neutralised — a text cell starting with = + - @ (or a tab / carriage return, which
// Excel strips before reading a formula) gets a leading apostrophe (SPEC: CSV files; OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * `neutralise: false` is for a cell another system reads as data (a lot or voucher number in the
 * VRS file): an apostrophe there would change the value. Such cells must be validated at entry so
 * that they cannot hold a formula; they are still quoted when needed.
 */
export function csvCell(value: string | number | null | undefined, neutralise = true): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutralise ? neutraliseFormula(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line; `freeText`, when given, says per column whether it is typed text to neutralise (default: all are). */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>, eol = "\n", freeText?: ReadonlyArray<boolean>): string {
  return cells.map((cell, i) => csvCell(cell, freeText ? freeText[i] === true : true)).join(",") + eol;
}
