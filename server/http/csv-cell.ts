// CSV cells for Excel and LibreOffice, shared by every CSV the product writes: the server's downloads
// and the console's Export buttons (admin/src/common/csvExporter.ts imports this file, so it stays
// pure, with no imports). A cell starting with =, +, -, @, tab or carriage return is run as a formula
// by spreadsheets (=HYPERLINK(…) leaks data, +cmd|… ran commands): such text gets a leading
// apostrophe, which spreadsheets show as text (OWASP "CSV injection"). A phone number "+84…" thus reads
// '+84…: harmless, and still the number. Numbers stay numbers.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will not evaluate. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: formulas neutralised, then RFC 4180 quoting (also for ";", the delimiter Excel uses in Vietnam). */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? neutraliseFormula(value) : String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, CRLF-terminated as Excel expects. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
