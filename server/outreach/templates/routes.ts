// /api/sms-templates: reusable message bodies with {{variables}}. Campaign managers write, approvers
// read. Each record lists the variables its body uses, so the console can ask for sample values.
// Whoever writes a template's text is recorded (editorIds): campaigns taking the text count them among
// their authors, who may not approve them (two-person rule, server/outreach/campaigns/approval.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { MAX_BODY_CHARS } from "../../contract/limits.js";
import { SmsTemplate } from "../../contract/outreach/templates.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, idsWhere, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { templateVariables } from "./template.js";

const TemplateInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
    body: Type.String({ minLength: 1, maxLength: MAX_BODY_CHARS, pattern: "\\S" }),
    unaccented: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const SORTABLE = ["id", "name", "unaccented", "createdAt", "updatedAt"] as const;

type TemplateRow = Prisma.SmsTemplateGetPayload<{ omit: { searchKey: true } }>;
const present = (template: TemplateRow) => ({ ...template, variables: templateVariables(template.body) });
const auditable = ({ id, name, body, unaccented }: TemplateRow) => ({ id, name, body, unaccented });

const templateRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("sms-templates:read");
  const writers = fastify.allow("sms-templates:write");

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(SmsTemplate) } } },
    async (request, reply) => {
      const rows = await listPage(request.query, reply, {
        resource: "sms-templates",
        sortable: SORTABLE,
        defaultSort: ["name", "ASC"],
        where: (filter): Prisma.SmsTemplateWhereInput => {
          return {
            AND: [idsWhere(filter), searchWhere(filter), { unaccented: booleanFilter(filter, "unaccented") }],
          };
        },
        count: (where) => db.smsTemplate.count({ where }),
        page: (where, page) => db.smsTemplate.findMany({ where, ...page }),
      });
      return rows.map(present);
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: SmsTemplate } } }, async (request) => {
    const template = await db.smsTemplate.findUnique({ where: { id: request.params.id } });
    if (!template) throw notFound("No such template");
    return present(template);
  });

  fastify.post("/", { preHandler: writers, schema: { body: TemplateInput, response: { 200: SmsTemplate } } }, async (request) => {
    const actor = currentUser(request);
    const template = await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "sms-templates",
      action: "create",
      write: (tx) => tx.smsTemplate.create({ data: { ...request.body, name: request.body.name.trim(), editorIds: [actor.id] } }),
      audit: (template) => ({ resourceId: template.id, after: auditable(template) }),
    });
    return present(template);
  });

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: TemplateInput, response: { 200: SmsTemplate } } },
    async (request) => {
      const actor = currentUser(request);
      const { id } = request.params;
      const before = await db.smsTemplate.findUnique({ where: { id } });
      if (!before) throw notFound("No such template");
      const textChanged = request.body.body !== before.body || (request.body.unaccented ?? before.unaccented) !== before.unaccented;
      const newEditor = textChanged && !before.editorIds.includes(actor.id);
      const template = await auditedWrite(db, {
        actorId: actor.id,
        ip: request.ip,
        resource: "sms-templates",
        action: "update",
        write: (tx) =>
          tx.smsTemplate.update({
            where: { id },
            data: { ...request.body, name: request.body.name.trim(), ...(newEditor ? { editorIds: { push: actor.id } } : {}) },
          }),
        audit: (template) => ({ resourceId: id, before: auditable(before), after: auditable(template) }),
      });
      return present(template);
    },
  );

  // Campaigns keep their own copy of the body (the template link becomes null), so deleting is safe.
  fastify.delete("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: SmsTemplate } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const template = await db.smsTemplate.findUnique({ where: { id } });
    if (!template) throw notFound("No such template");
    await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "sms-templates",
      action: "delete",
      write: (tx) => tx.smsTemplate.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before: auditable(template) }),
    });
    return present(template);
  });
};

export default templateRoutes;
