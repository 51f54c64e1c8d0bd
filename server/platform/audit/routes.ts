import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { AuditLog } from "../../contract/platform/audit-logs.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { notFound } from "../http/errors.js";
import { idsFilter, integerFilter, listQuerystring, pageArgs, parseListQuery, sendPage, stringFilter } from "../http/list-query.js";
import { IdParams } from "../http/schemas.js";

const withActor = { actor: { select: { name: true, username: true } } } as const;
type Row = Prisma.AuditLogGetPayload<{ include: typeof withActor }>;
const present = ({ actor, ...entry }: Row) => ({ ...entry, actorName: actor ? `${actor.name} (${actor.username})` : null });

/** Read-only: the audit log has no write routes at all. */
const auditRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("admin"));

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(AuditLog) } } }, async (request, reply) => {
    const query = parseListQuery(request.query, { sortable: ["id", "createdAt"], defaultSort: ["id", "DESC"] });
    const ids = idsFilter(query.filter.id);
    const where: Prisma.AuditLogWhereInput = {
      id: ids ? { in: ids } : undefined,
      resource: stringFilter(query.filter, "resource"),
      // react-admin sends reference ids as numbers; they are stored as text.
      resourceId: stringFilter(
        { resourceId: typeof query.filter.resourceId === "number" ? String(query.filter.resourceId) : query.filter.resourceId },
        "resourceId",
      ),
      action: stringFilter(query.filter, "action"),
      actorId: integerFilter(query.filter, "actorId"),
    };
    const rows = await sendPage(
      reply,
      "audit-logs",
      query,
      db.auditLog.count({ where }),
      db.auditLog.findMany({ where, include: withActor, ...pageArgs(query) }),
    );
    return rows.map(present);
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: AuditLog } } }, async (request) => {
    const entry = await db.auditLog.findUnique({ where: { id: request.params.id }, include: withActor });
    if (!entry) throw notFound("No such audit entry");
    return present(entry);
  });
};

export default auditRoutes;
