/**
 * CSV as Dutch Excel opens it with a double click: semicolons (the comma is the decimal
 * separator there), CRLF line ends and a UTF-8 byte order mark so "ë" and "ü" survive. Pure.
 */

export const CSV_BOM = "\uFEFF";
export const CSV_SEPARATOR = ";";

// A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;,"\r\n]/;

/** One field: formulas neutralised with a leading apostrophe, quoted when it holds a separator, quote or line break. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, with its line end. */
export function csvLine(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvField).join(CSV_SEPARATOR)}\r\n`;
}
