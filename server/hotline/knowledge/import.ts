// A CSV import of articles: small (a province's knowledge base is hundreds of answers, not millions),
// so the file is read whole, checked row by row, and every good row is written in one transaction
// with one audit entry. A row names its article by ID, or by its title within its agency: found, it
// is updated; not found by title, it is created. Each row refused is reported with its line, column
// and reason; the others are written all the same.
import { parse } from "csv-parse/sync";
import type { SessionUser } from "../../access/auth/sessions.js";
import type { KnowledgeImportRowError } from "../../contract/hotline/knowledge.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { badRequest } from "../../platform/http/errors.js";
import { type KnowledgeAccess, mayWrite } from "./access.js";
import { type CsvKey, mapHeader, REQUIRED_COLUMNS, type ReadRow, readRow } from "./csv.js";

export const MAX_IMPORT_ROWS = 5000;

/** ";" when the header has more of them than commas (Excel set to Vietnamese writes ";"). */
function delimiterOf(text: string): "," | ";" {
  const header = text.slice(0, text.search(/\r|\n/) === -1 ? undefined : text.search(/\r|\n/));
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}

interface Line {
  line: number;
  fields: string[];
}

/** The file's records with their line numbers; a record csv-parse cannot read becomes a row error. */
function records(text: string, errors: KnowledgeImportRowError[]): Line[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      // A quote inside an unquoted field is text (Nhà 5"B), as spreadsheets write it.
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 64 * 1024,
      skip_records_with_error: true,
      on_skip: (error) => {
        errors.push({
          row: (error as { lines?: number } | undefined)?.lines ?? 0,
          column: null,
          reason: "tthc.validation.invalid",
          message: "Dòng sai định dạng (dấu ngoặc kép hoặc độ dài)",
        });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    throw badRequest("The file is not readable CSV", { file: "tthc.validation.invalid" });
  }
  return parsed.map(({ record, info }) => ({ line: info.lines, fields: record }));
}

export interface ImportOutcome {
  totalRows: number;
  created: number;
  updated: number;
  errors: KnowledgeImportRowError[];
}

export async function importArticles(db: Db, user: SessionUser, access: KnowledgeAccess, text: string, ip: string): Promise<ImportOutcome> {
  const errors: KnowledgeImportRowError[] = [];
  const [header, ...rows] = records(text, errors);
  if (!header) throw badRequest("The file is empty", { file: "tthc.validation.required" });
  const columns = mapHeader(header.fields);
  const missing = REQUIRED_COLUMNS.filter((key) => !columns.includes(key));
  if (missing.length > 0) throw badRequest(`Missing columns: ${missing.join(", ")}`, { file: "tthc.validation.unknown_column" });
  if (rows.length > MAX_IMPORT_ROWS) throw badRequest(`At most ${MAX_IMPORT_ROWS} rows per file`, { file: "tthc.validation.too_large" });

  const agencies = new Map((await db.agency.findMany({ select: { id: true, code: true } })).map((a) => [a.code.toUpperCase(), a.id]));
  const fail = (line: number, column: CsvKey | null, reason: string, message: string) =>
    errors.push({ row: line, column, reason: `tthc.validation.${reason}`, message });

  const good: { line: number; row: ReadRow; agencyId: number }[] = [];
  for (const { line, fields } of rows) {
    const read = readRow(columns, fields);
    if ("problem" in read) {
      errors.push({ row: line, ...read.problem });
      continue;
    }
    const agencyId = agencies.get(read.row.agencyCode.toUpperCase());
    if (agencyId === undefined) fail(line, "agencyCode", "not_found", "Không có đơn vị với mã này");
    else if (!mayWrite(access, agencyId)) fail(line, "agencyCode", "invalid", "Đơn vị ngoài phạm vi quản lý của bạn");
    else good.push({ line, row: read.row, agencyId });
  }

  let created = 0;
  let updated = 0;
  await auditedWrite(db, {
    actorId: user.id,
    ip,
    resource: "knowledge-articles",
    action: "import",
    transaction: { timeout: 60_000 },
    write: async (tx) => {
      for (const { line, row, agencyId } of good) {
        const data = {
          ...row.input,
          title: row.input.title.trim(),
          answer: row.input.answer.trim(),
          reviewOn: row.input.reviewOn ? new Date(`${row.input.reviewOn}T00:00:00Z`) : null,
          agencyId,
          updatedById: user.id,
        };
        const existing = row.id
          ? await tx.knowledgeArticle.findUnique({ where: { id: row.id }, select: { id: true, agencyId: true } })
          : await tx.knowledgeArticle.findFirst({ where: { title: data.title, agencyId }, select: { id: true, agencyId: true } });
        if (row.id && !existing) {
          fail(line, "id", "not_found", "Không có bài viết với ID này");
        } else if (existing && !mayWrite(access, existing.agencyId)) {
          fail(line, "id", "invalid", "Bài viết thuộc đơn vị ngoài phạm vi quản lý của bạn");
        } else if (existing) {
          await tx.knowledgeArticle.update({ where: { id: existing.id }, data });
          updated++;
        } else {
          await tx.knowledgeArticle.create({ data: { ...data, createdById: user.id } });
          created++;
        }
      }
      return null;
    },
    audit: () =>
      created + updated > 0 ? { resourceId: null, after: { totalRows: rows.length, created, updated, refused: errors.length } } : null,
  });
  errors.sort((a, b) => a.row - b.row);
  return { totalRows: rows.length, created, updated, errors };
}
