// One CSV cell for files staff open in Excel: quoted when needed (RFC 4180), and spreadsheet
// formulas neutralised — a text cell starting with = + - @ (or a tab / carriage return, which
// Excel strips before reading a formula) gets a leading apostrophe (SPEC: CSV files; OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>, eol = "\n"): string {
  return cells.map(csvCell).join(",") + eol;
}
