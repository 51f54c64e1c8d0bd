// /api/contact-imports: preview an upload, import it streamed end to end, follow progress, download
// the per-row error report.
//
// POST / answers when the whole file has been read (201, the finished import). The upload is the
// request body, so the work cannot outlive the request; the import row is created first and its counts
// are updated after every batch, so GET /:id (or the list) shows progress meanwhile, and the console
// shows the upload's own progress. Multipart fields (mapping, listId) must come before the file.
import { Readable } from "node:stream";
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { Value } from "typebox/value";
import { currentUser } from "../../access/auth/authentication.js";
import { ContactImport, ImportPreview, ImportRowError } from "../../contract/outreach/contact-imports.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { CsvQuery, csvAttachment } from "../../platform/http/csv-download.js";
import { badRequest, notFound } from "../../platform/http/errors.js";
import { assertValidValue } from "../../platform/http/input-values.js";
import { listPage } from "../../platform/http/list-handler.js";
import { listQuerystring, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { MULTIPART_ONLY } from "../../platform/plugins/app/declared-content-types.js";
import { csvEvents } from "./csv-source.js";
import { runContactImport } from "./import.js";
import { importReportCsv } from "./import-report.js";
import { ColumnMapping, guessMapping } from "./mapping.js";

/** 1,000,000 rows of a dozen columns stay well under this. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const PREVIEW_BYTES = 256 * 1024;
const PREVIEW_ROWS = 10;

const importRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const writers = fastify.allow("contacts:write");
  await fastify.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 64 * 1024 } });

  fastify.post(
    "/preview",
    { preHandler: writers, config: { accepts: MULTIPART_ONLY }, schema: { response: { 200: ImportPreview } } },
    async (request) => {
      const file = await request.file({ limits: { fileSize: PREVIEW_BYTES }, throwFileSizeLimit: false });
      if (!file) throw badRequest("No file uploaded", { file: "ra.validation.required" });
      // The console sends only the beginning of the file; a longer upload is cut, and its cut last line ignored.
      const rows: { row: number; fields: string[]; malformed: boolean }[] = [];
      let header: string[] = [];
      let delimiter = ",";
      for await (const event of csvEvents(file.file)) {
        if (event.kind === "header") {
          header = event.columns;
          delimiter = event.delimiter;
        } else if (rows.length < PREVIEW_ROWS) {
          rows.push(
            event.kind === "row"
              ? { row: event.row, fields: event.fields, malformed: event.fields.length !== header.length }
              : { row: event.row, fields: [event.raw], malformed: true },
          );
        }
      }
      return { delimiter, header, rows, suggested: guessMapping(header) as Record<string, string> };
    },
  );

  fastify.post(
    "/",
    { preHandler: writers, config: { accepts: MULTIPART_ONLY }, schema: { response: { 201: ContactImport } } },
    async (request, reply) => {
      const user = currentUser(request);
      const fields: Record<string, string> = {};
      let result: Awaited<ReturnType<typeof db.contactImport.findUniqueOrThrow>> | undefined;
      for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES } })) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (result) throw badRequest("One file per import", { file: "tthc.validation.invalid" });
        let mapping: unknown;
        try {
          mapping = JSON.parse(fields.mapping ?? "");
        } catch {
          throw badRequest("mapping must be JSON sent before the file", { mapping: "tthc.validation.json" });
        }
        // Multipart fields bypass the input guard's hook: the same rule, applied here.
        assertValidValue(mapping, "mapping");
        assertValidValue(part.filename, "file");
        if (!Value.Check(ColumnMapping, mapping))
          throw badRequest("mapping is not a valid column mapping", { mapping: "tthc.validation.invalid" });
        const listId = fields.listId ? Number(fields.listId) : null;
        if (listId !== null) {
          if (!Number.isInteger(listId) || listId < 1 || listId > 2147483647)
            throw badRequest("listId", { listId: "tthc.validation.invalid" });
          if (!(await db.contactList.findUnique({ where: { id: listId }, select: { id: true } }))) {
            throw badRequest("No such list", { listId: "tthc.validation.not_found" });
          }
        }
        const created = await db.contactImport.create({
          data: { fileName: part.filename.slice(0, 255) || "upload.csv", status: "running", mapping, listId, createdById: user.id },
        });
        request.log.info({ importId: created.id }, "contact import started");
        try {
          const counts = await runContactImport(db, part.file, { importId: created.id, mapping, listId });
          if (part.file.truncated) throw badRequest("The file is larger than the import limit", { file: "tthc.validation.too_large" });
          result = await auditedWrite(db, {
            actorId: user.id,
            ip: request.ip,
            resource: "contact-imports",
            action: "import",
            write: (tx) =>
              tx.contactImport.update({ where: { id: created.id }, data: { ...counts, status: "completed", finishedAt: new Date() } }),
            audit: (done) => ({
              resourceId: created.id,
              after: { fileName: done.fileName, listId, totalRows: done.totalRows, importedRows: done.importedRows },
            }),
          });
        } catch (error) {
          await db.contactImport.update({ where: { id: created.id }, data: { status: "failed", finishedAt: new Date() } });
          request.log.warn({ importId: created.id, err: error instanceof Error ? error.message : String(error) }, "contact import failed");
          throw error;
        }
      }
      if (!result) throw badRequest("No file uploaded", { file: "ra.validation.required" });
      return reply.status(201).send(result);
    },
  );

  fastify.get(
    "/",
    { preHandler: writers, schema: { querystring: listQuerystring, response: { 200: Type.Array(ContactImport) } } },
    async (request, reply) => {
      return listPage(request.query, reply, {
        resource: "contact-imports",
        sortable: ["id", "createdAt", "status"],
        defaultSort: ["id", "DESC"],
        where: (filter) => {
          const status = stringFilter(filter, "status");
          return status ? { status } : {};
        },
        count: (where) => db.contactImport.count({ where }),
        page: (where, page) => db.contactImport.findMany({ where, ...page }),
      });
    },
  );

  fastify.get("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: ContactImport } } }, async (request) => {
    const found = await db.contactImport.findUnique({ where: { id: request.params.id } });
    if (!found) throw notFound("No such import");
    return found;
  });

  // The rows refused or noted, a page at a time, for the console's table after an import.
  fastify.get(
    "/:id/errors",
    { preHandler: writers, schema: { params: IdParams, querystring: listQuerystring, response: { 200: Type.Array(ImportRowError) } } },
    async (request, reply) => {
      const importId = request.params.id;
      return listPage(request.query, reply, {
        resource: "contact-import-errors",
        sortable: ["rowNumber"],
        defaultSort: ["rowNumber", "ASC"],
        where: () => ({ importId }),
        count: (where) => db.contactImportError.count({ where }),
        page: (where, page) => db.contactImportError.findMany({ where, ...page }),
      });
    },
  );

  // The report holds the phone numbers as written in the file: an export of personal data, audited.
  fastify.get("/:id/errors.csv", { preHandler: writers, schema: { params: IdParams, querystring: CsvQuery } }, async (request, reply) => {
    const { id } = request.params;
    if (!(await db.contactImport.findUnique({ where: { id }, select: { id: true } }))) throw notFound("No such import");
    await writeAudit(db, {
      actorId: currentUser(request).id,
      action: "export",
      resource: "contact-imports",
      resourceId: id,
      ip: request.ip,
    });
    return csvAttachment(reply, `bao-cao-loi-nhap-danh-ba-${id}.csv`).send(Readable.from(importReportCsv(db, id, request.query.separator)));
  });
};

export default importRoutes;
