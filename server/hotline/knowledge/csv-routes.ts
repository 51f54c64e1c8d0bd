// /api/knowledge-articles/import (multipart, one CSV file) and /export.csv: the knowledge base as a
// spreadsheet, for writers (knowledge:write), within their reach: supervisors import into and export
// their own agency subtree's articles, administrators the province's.
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { KnowledgeImportResult } from "../../contract/hotline/knowledge.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { CSV_BOM } from "../../platform/http/csv-cell.js";
import { CsvSeparatorParam, csvAttachment } from "../../platform/http/csv-download.js";
import { badRequest } from "../../platform/http/errors.js";
import { assertValidValue } from "../../platform/http/input-values.js";
import { parseListQuery } from "../../platform/http/list-query.js";
import { MULTIPART_ONLY } from "../../platform/plugins/app/declared-content-types.js";
import { knowledgeAccess } from "./access.js";
import { articleLine, headerLine } from "./csv.js";
import { filterWhere } from "./filters.js";
import { importArticles } from "./import.js";
import { dayOf, linksOf } from "./rows.js";

const MAX_FILE_BYTES = 5 * 1024 * 1024;

const ExportQuery = Type.Object(
  { separator: Type.Optional(CsvSeparatorParam), filter: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

const knowledgeCsvRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const writers = fastify.allow("knowledge:write");
  await fastify.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1024, fileSize: MAX_FILE_BYTES } });

  fastify.post(
    "/import",
    { preHandler: writers, config: { accepts: MULTIPART_ONLY }, schema: { response: { 200: KnowledgeImportResult } } },
    async (request) => {
      const user = currentUser(request);
      const file = await request.file({ limits: { fileSize: MAX_FILE_BYTES } });
      if (!file) throw badRequest("No file uploaded", { file: "ra.validation.required" });
      assertValidValue(file.filename, "file");
      let buffer: Buffer;
      try {
        buffer = await file.toBuffer();
      } catch {
        throw badRequest(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, { file: "tthc.validation.too_large" });
      }
      const text = new TextDecoder("utf-8", { fatal: false }).decode(buffer);
      const access = await knowledgeAccess(db, user);
      const outcome = await importArticles(db, user, access, text, request.ip);
      request.log.info({ rows: outcome.totalRows, created: outcome.created, updated: outcome.updated }, "knowledge import");
      return outcome;
    },
  );

  fastify.get("/export.csv", { preHandler: writers, schema: { querystring: ExportQuery } }, async (request, reply) => {
    const user = currentUser(request);
    const access = await knowledgeAccess(db, user);
    const { filter } = parseListQuery({ filter: request.query.filter }, { sortable: ["id"], defaultSort: ["id", "ASC"] });
    const rows = await db.knowledgeArticle.findMany({
      where: { AND: [access.writable === null ? {} : { agencyId: { in: access.writable } }, filterWhere(filter)] },
      include: { agency: { select: { code: true } } },
      orderBy: { id: "asc" },
    });
    await writeAudit(db, { actorId: user.id, action: "export", resource: "knowledge-articles", resourceId: null, ip: request.ip });
    const separator = request.query.separator ?? "comma";
    const body =
      CSV_BOM +
      headerLine(separator) +
      rows
        .map((row) =>
          articleLine({ ...row, agencyCode: row.agency.code, links: linksOf(row.links), reviewOn: dayOf(row.reviewOn) }, separator),
        )
        .join("");
    return csvAttachment(reply, "kho-tri-thuc.csv").send(body);
  });
};

export default knowledgeCsvRoutes;
