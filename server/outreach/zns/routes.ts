// /api/zns-templates: the Zalo ZNS templates the province's OA registered (through eSMS), with their
// parameters and where each value comes from. Campaign managers register them, campaign staff read
// them; a template used by a campaign is deactivated rather than deleted.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { ZnsTemplate, ZnsTemplateParam } from "../../contract/outreach/zns-templates.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, idsWhere, listQuerystring } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { fillZnsParams, renderZnsPreview, znsParams } from "./fill.js";

const Input = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
    senderId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    oaId: Type.String({ minLength: 1, maxLength: 40, pattern: "^[0-9A-Za-z_-]+$" }),
    templateId: Type.String({ minLength: 1, maxLength: 40, pattern: "^[0-9A-Za-z_-]+$" }),
    params: Type.Array(ZnsTemplateParam, { maxItems: 30 }),
    preview: Type.String({ minLength: 1, maxLength: 2000, pattern: "\\S" }),
    tag: Type.Union([Type.Literal("1"), Type.Literal("2"), Type.Literal("3")]),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const SORTABLE = ["id", "name", "templateId", "tag", "active", "createdAt", "updatedAt"] as const;
type Row = Prisma.ZnsTemplateGetPayload<object>;

const present = (t: Row) => {
  const params = znsParams(t.params);
  return { ...t, params, samplePreview: renderZnsPreview(t.preview, fillZnsParams(params, {}, {}, { sample: true })) };
};
const auditable = ({ id, name, senderId, oaId, templateId, params, preview, tag, active }: Row) => ({
  id,
  name,
  senderId,
  oaId,
  templateId,
  params,
  preview,
  tag,
  active,
});

const znsTemplateRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("zns-templates:read");
  const writers = fastify.allow("zns-templates:write");

  /** The sender must send through a gateway that carries ZNS, and parameter names appear once. */
  async function check(body: { senderId: number; params: { name: string }[] }): Promise<void> {
    const sender = await db.smsSender.findUnique({ where: { id: body.senderId }, select: { provider: true } });
    if (!sender) throw invalidField("senderId", "not_found", "senderId: no such sender");
    if (sender.provider !== "esms") throw invalidField("senderId", "invalid", "senderId: only an eSMS sender carries Zalo ZNS");
    const names = body.params.map((p) => p.name);
    if (new Set(names).size !== names.length) throw invalidField("params", "invalid", "params: each parameter name once");
  }

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(ZnsTemplate) } } },
    async (request, reply) => {
      const rows = await listPage(request.query, reply, {
        resource: "zns-templates",
        sortable: SORTABLE,
        defaultSort: ["name", "ASC"],
        where: (filter): Prisma.ZnsTemplateWhereInput => ({ AND: [idsWhere(filter), { active: booleanFilter(filter, "active") }] }),
        count: (where) => db.znsTemplate.count({ where }),
        page: (where, page) => db.znsTemplate.findMany({ where, ...page }),
      });
      return rows.map(present);
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: ZnsTemplate } } }, async (request) => {
    const template = await db.znsTemplate.findUnique({ where: { id: request.params.id } });
    if (!template) throw notFound("No such ZNS template");
    return present(template);
  });

  fastify.post("/", { preHandler: writers, schema: { body: Input, response: { 200: ZnsTemplate } } }, async (request) => {
    await check(request.body);
    const exists = await db.znsTemplate.findFirst({
      where: { OR: [{ name: request.body.name.trim() }, { oaId: request.body.oaId, templateId: request.body.templateId }] },
      select: { name: true },
    });
    if (exists) {
      throw exists.name === request.body.name.trim()
        ? invalidField("name", "taken", "name: a ZNS template has this name")
        : invalidField("templateId", "taken", "templateId: this OA's template is registered already");
    }
    const template = await auditedWrite(db, {
      actorId: currentUser(request).id,
      ip: request.ip,
      resource: "zns-templates",
      action: "create",
      write: (tx) => tx.znsTemplate.create({ data: { ...request.body, name: request.body.name.trim() } }),
      audit: (t) => ({ resourceId: t.id, after: auditable(t) }),
    });
    return present(template);
  });

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: Input, response: { 200: ZnsTemplate } } },
    async (request) => {
      const { id } = request.params;
      const before = await db.znsTemplate.findUnique({ where: { id } });
      if (!before) throw notFound("No such ZNS template");
      await check(request.body);
      const clash = await db.znsTemplate.findFirst({
        where: {
          id: { not: id },
          OR: [{ name: request.body.name.trim() }, { oaId: request.body.oaId, templateId: request.body.templateId }],
        },
        select: { id: true },
      });
      if (clash) throw invalidField("name", "taken", "name/templateId: another ZNS template has this name or template id");
      const template = await auditedWrite(db, {
        actorId: currentUser(request).id,
        ip: request.ip,
        resource: "zns-templates",
        action: "update",
        write: (tx) => tx.znsTemplate.update({ where: { id }, data: { ...request.body, name: request.body.name.trim() } }),
        audit: (t) => ({ resourceId: id, before: auditable(before), after: auditable(t) }),
      });
      return present(template);
    },
  );
};

export default znsTemplateRoutes;
