// The knowledge base as a spreadsheet: the columns, one article as a line, one line read back as an
// article's input or the reason it cannot be. Pure. Headers are Vietnamese (the people who edit the
// file read them); a column is also recognised by its API name, with or without accents, in any case.
// Links are one per line inside their cell, "label | url". What csv-cell.ts neutralised on export (a
// leading apostrophe before = + - @) is taken off again on import, so an export reads back unchanged.
import type Type from "typebox";
import { Value } from "typebox/value";
import { isRealDate } from "../../clock/vietnam-time.js";
import { KnowledgeArticleInput, type KnowledgeLink } from "../../contract/hotline/knowledge.js";
import { type CsvSeparator, type CsvValue, csvLine } from "../../platform/http/csv-cell.js";
import { hasInvalidText } from "../../platform/http/input-values.js";
import { searchKey } from "../../text/unaccent.js";

export const CSV_COLUMNS = [
  { key: "id", header: "ID" },
  { key: "title", header: "Tiêu đề" },
  { key: "answer", header: "Câu trả lời" },
  { key: "topic", header: "Chủ đề" },
  { key: "procedureCode", header: "Mã thủ tục" },
  { key: "procedureName", header: "Tên thủ tục" },
  { key: "agencyCode", header: "Mã đơn vị" },
  { key: "links", header: "Liên kết" },
  { key: "reviewOn", header: "Ngày rà soát" },
  { key: "status", header: "Trạng thái" },
  { key: "useCount", header: "Lượt sử dụng" },
] as const;
export type CsvKey = (typeof CSV_COLUMNS)[number]["key"];

/** Columns a file must have to be imported. */
export const REQUIRED_COLUMNS: readonly CsvKey[] = ["title", "answer", "agencyCode"];

const STATUS_WORDS: Record<string, "draft" | "published"> = {
  draft: "draft",
  nhap: "draft",
  "ban nhap": "draft",
  published: "published",
  "da dang": "published",
  "cong bo": "published",
  "da cong bo": "published",
};

/** Which column each header cell is, or null for a column this import does not read. */
export function mapHeader(header: readonly string[]): (CsvKey | null)[] {
  return header.map((cell) => {
    const key = searchKey(cell);
    return CSV_COLUMNS.find((c) => searchKey(c.header) === key || c.key.toLowerCase() === key)?.key ?? null;
  });
}

export interface ExportArticle {
  id: number;
  title: string;
  answer: string;
  topic: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  agencyCode: string;
  links: KnowledgeLink[];
  reviewOn: string | null;
  status: "draft" | "published";
  useCount: number;
}

export const headerLine = (separator: CsvSeparator) =>
  csvLine(
    CSV_COLUMNS.map((c) => c.header),
    separator,
  );

export function articleLine(article: ExportArticle, separator: CsvSeparator): string {
  const cells: Record<CsvKey, CsvValue> = {
    ...article,
    // As text: a number would be written the Vietnamese way (1.234), which is not the id.
    id: String(article.id),
    links: article.links.map((link) => `${link.label} | ${link.url}`).join("\n"),
    useCount: String(article.useCount),
  };
  return csvLine(
    CSV_COLUMNS.map((c) => cells[c.key]),
    separator,
  );
}

/** A cell as typed: the apostrophe the export put before a formula character taken off, spaces trimmed. */
function cellText(value: string | undefined): string {
  const text = (value ?? "").trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A day as YYYY-MM-DD, from that form or dd/mm/yyyy; null when it is neither. */
export function readDay(text: string): string | null {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const day = vn ? `${vn[3]}-${vn[2]?.padStart(2, "0")}-${vn[1]?.padStart(2, "0")}` : text;
  return isRealDate(day) ? day : null;
}

export function readLinks(text: string): KnowledgeLink[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf("|");
      if (bar === -1) return { label: line, url: line };
      return { label: line.slice(0, bar).trim() || line.slice(bar + 1).trim(), url: line.slice(bar + 1).trim() };
    });
}

export interface RowProblem {
  column: CsvKey | null;
  reason: string;
  message: string;
}

export interface ReadRow {
  id: number | null;
  agencyCode: string;
  /** The input without its agency (resolved from agencyCode by the caller). */
  input: Omit<Type.Static<typeof KnowledgeArticleInput>, "agencyId">;
}

const problem = (column: CsvKey | null, reason: string, message: string): { problem: RowProblem } => ({
  problem: { column, reason: `tthc.validation.${reason}`, message },
});

/** One data line read against the mapped header: the article it describes, or why it cannot be imported. */
export function readRow(columns: readonly (CsvKey | null)[], fields: readonly string[]): { row: ReadRow } | { problem: RowProblem } {
  if (fields.length !== columns.length) {
    return problem(null, "invalid", `Dòng có ${fields.length} cột, tiêu đề có ${columns.length}`);
  }
  const cells: Partial<Record<CsvKey, string>> = {};
  for (const [index, key] of columns.entries()) {
    if (!key) continue;
    const text = cellText(fields[index]);
    if (hasInvalidText(text)) return problem(key, "invalid_characters", "Có ký tự không hợp lệ");
    cells[key] = text;
  }
  let id: number | null = null;
  if (cells.id) {
    if (!/^[0-9]{1,9}$/.test(cells.id) || Number(cells.id) < 1) return problem("id", "invalid", "ID phải là số nguyên dương");
    id = Number(cells.id);
  }
  const agencyCode = cells.agencyCode ?? "";
  if (!agencyCode) return problem("agencyCode", "required", "Thiếu mã đơn vị");
  let reviewOn: string | null = null;
  if (cells.reviewOn) {
    reviewOn = readDay(cells.reviewOn);
    if (!reviewOn) return problem("reviewOn", "format", "Ngày rà soát không hợp lệ (dùng yyyy-MM-dd hoặc dd/MM/yyyy)");
  }
  let status: "draft" | "published" = "draft";
  if (cells.status) {
    const word = STATUS_WORDS[searchKey(cells.status)];
    if (!word) return problem("status", "invalid", "Trạng thái phải là “nháp” (draft) hoặc “đã đăng” (published)");
    status = word;
  }
  const input = {
    title: cells.title ?? "",
    answer: cells.answer ?? "",
    topic: cells.topic || null,
    procedureCode: cells.procedureCode || null,
    procedureName: cells.procedureName || null,
    links: readLinks(cells.links ?? ""),
    reviewOn,
    status,
  };
  const candidate = { ...input, agencyId: 1 };
  const error = Value.Errors(KnowledgeArticleInput, candidate)[0];
  if (error) {
    const field = error.instancePath.split("/")[1] as CsvKey | undefined;
    const column = CSV_COLUMNS.some((c) => c.key === field) ? (field as CsvKey) : null;
    return problem(column, column && !cells[column] ? "required" : "invalid", `Giá trị không hợp lệ: ${error.message}`);
  }
  return { row: { id, agencyCode, input } };
}
