// CSV for Excel and LibreOffice, shared by every CSV the product writes: the server's downloads and
// the console's Export buttons (admin/src/common/csvExporter.ts imports this file, so it stays pure,
// with no imports). One rule for all of them:
// - UTF-8 with a byte-order mark, or Excel reads Vietnamese as Windows-1252;
// - a comma or, for Excel set to Vietnamese (whose list separator is ";"), a semicolon between cells;
// - numbers as the console shows them (1.234,5), so Vietnamese Excel reads them as numbers;
// - a cell starting with =, +, -, @, tab or carriage return is run as a formula by spreadsheets
//   (=HYPERLINK(…) leaks data, +cmd|… ran commands): such text gets a leading apostrophe, which
//   spreadsheets show as text (OWASP "CSV injection"). A phone number "+84…" thus reads '+84…:
//   harmless, and still the number.

const FORMULA_START = /^[=+\-@\t\r]/;

export const CSV_BOM = "\uFEFF";

/** The separators a user may choose, by the name the API and the console's preference use. */
export const CSV_SEPARATORS = { comma: ",", semicolon: ";" } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;
export const CSV_SEPARATOR_NAMES = Object.keys(CSV_SEPARATORS) as CsvSeparator[];

const VIETNAMESE_NUMBER = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

/** Text a spreadsheet will not evaluate. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: formulas neutralised, numbers in Vietnamese form, yes/no in words, then RFC 4180 quoting. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "string"
      ? neutraliseFormula(value)
      : typeof value === "number"
        ? VIETNAMESE_NUMBER.format(value)
        : value
          ? "Có"
          : "Không";
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, CRLF-terminated as Excel expects. */
export function csvLine(values: readonly CsvValue[], separator: CsvSeparator = "comma"): string {
  return `${values.map(csvCell).join(CSV_SEPARATORS[separator])}\r\n`;
}
