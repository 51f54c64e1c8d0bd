import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { AuditLog } from "../../contract/platform/audit-logs.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { notFound } from "../http/errors.js";
import { listPage } from "../http/list-handler.js";
import { booleanFilter, dayRangeFilter, idsFilter, integerFilter, listQuerystring, stringFilter } from "../http/list-query.js";
import { IdParams } from "../http/schemas.js";

const withActor = { actor: { select: { name: true, username: true } } } as const;
type Row = Prisma.AuditLogGetPayload<{ include: typeof withActor }>;
const present = ({ actor, ...entry }: Row) => ({ ...entry, actorName: actor ? `${actor.name} (${actor.username})` : null });
/** Everyday sign-ins and sign-outs, which `hideLogins` leaves out; failed sign-ins stay, they may be an attack. */
const ROUTINE_ACTIONS = ["login", "logout"];

/** Read-only: the audit log has no write routes at all. */
const auditRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("audit-logs:read"));

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(AuditLog) } } }, async (request, reply) => {
    const rows = await listPage(request.query, reply, {
      resource: "audit-logs",
      sortable: ["id", "createdAt"],
      defaultSort: ["id", "DESC"],
      where: (filter): Prisma.AuditLogWhereInput => {
        const ids = idsFilter(filter.id);
        return {
          AND: booleanFilter(filter, "hideLogins") ? [{ action: { notIn: ROUTINE_ACTIONS } }] : [],
          createdAt: dayRangeFilter(filter),
          id: ids ? { in: ids } : undefined,
          resource: stringFilter(filter, "resource"),
          // react-admin sends reference ids as numbers; they are stored as text.
          resourceId: stringFilter(
            { resourceId: typeof filter.resourceId === "number" ? String(filter.resourceId) : filter.resourceId },
            "resourceId",
          ),
          action: stringFilter(filter, "action"),
          actorId: integerFilter(filter, "actorId"),
        };
      },
      count: (where) => db.auditLog.count({ where }),
      page: (where, page) => db.auditLog.findMany({ where, include: withActor, ...page }),
    });
    return rows.map(present);
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: AuditLog } } }, async (request) => {
    const entry = await db.auditLog.findUnique({ where: { id: request.params.id }, include: withActor });
    if (!entry) throw notFound("No such audit entry");
    return present(entry);
  });
};

export default auditRoutes;
