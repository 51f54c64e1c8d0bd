// The Export button of every list. react-admin's default exporter writes cells as they are, so a
// contact named "=HYPERLINK(…)" became a live formula in Excel; this one writes each cell with the
// server's own csv-cell module (formulas neutralised, RFC 4180 quoting) and a BOM so Excel reads
// Vietnamese as UTF-8. Nested objects become dotted columns, arrays one cell joined by ", ".
import { downloadCSV, type Exporter } from "react-admin";
import { csvLine } from "../../../server/http/csv-cell";

type Cell = string | number | boolean | null;

function flatten(value: unknown, prefix: string, into: Map<string, Cell>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (Array.isArray(value)) {
    into.set(prefix, value.map((item) => (item !== null && typeof item === "object" ? JSON.stringify(item) : String(item))).join(", "));
  } else if (value === undefined) {
    into.set(prefix, null);
  } else {
    into.set(prefix, value as Cell);
  }
}

/** The CSV text of the records: one column per field seen in any record, in first-seen order. */
export function recordsToCsv(records: readonly object[]): string {
  const rows = records.map((record) => {
    const cells = new Map<string, Cell>();
    flatten(record, "", cells);
    return cells;
  });
  const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))];
  return `\ufeff${csvLine(columns)}${rows.map((row) => csvLine(columns.map((column) => row.get(column) ?? null))).join("")}`;
}

export const csvExporter: Exporter = (records, _fetchRelated, _dataProvider, resource) => {
  downloadCSV(recordsToCsv(records), resource ?? "export");
};
