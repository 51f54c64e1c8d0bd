// Staff on duty: who the hotline rings for each agency. Everyone handling calls sees the staff of
// the agencies they can see (names, phones, duty; never emails or passwords), and duty is toggled by
// administrators, supervisors of the staff member's subtree, or the staff member themself.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { Staff } from "../../contract/agencies/staff.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { forbidden, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, idsWhere, integerFilter, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { visibleAgencyIds } from "../scope.js";

const DutyInput = Type.Object({ onDuty: Type.Boolean() }, { additionalProperties: false });

const SORTABLE = ["id", "name", "agencyId"] as const;
const staffFields = { id: true, name: true, agencyId: true, phone: true, clientIdentity: true, onDuty: true, roles: true } as const;

const staffRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  // The people who take or supervise calls; campaign staff and viewers have no business here.
  fastify.addHook("preHandler", fastify.allow("staff:duty"));

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(Staff) } } }, async (request, reply) => {
    return listPage(request.query, reply, {
      resource: "staff",
      sortable: SORTABLE,
      defaultSort: ["name", "ASC"],
      where: async (filter): Promise<Prisma.UserWhereInput> => {
        const user = currentUser(request);
        // Agents see the colleagues of their own agency; supervisors their whole subtree.
        const agentOnly = !user.roles.includes("admin") && !user.roles.includes("supervisor");
        const visible = agentOnly ? [user.agency.id] : await visibleAgencyIds(db, user);
        return {
          AND: [
            { active: true },
            visible ? { agencyId: { in: visible } } : {},
            idsWhere(filter),
            searchWhere(filter),
            { agencyId: integerFilter(filter, "agencyId") },
            { onDuty: booleanFilter(filter, "onDuty") },
          ],
        };
      },
      count: (where) => db.user.count({ where }),
      page: (where, page) => db.user.findMany({ where, select: staffFields, ...page }),
    });
  });

  fastify.put("/:id/duty", { schema: { params: IdParams, body: DutyInput, response: { 200: Staff } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const before = await db.user.findUnique({ where: { id }, select: staffFields });
    if (!before) throw notFound("No such staff member");
    if (id !== actor.id && !actor.roles.includes("admin")) {
      const visible = actor.roles.includes("supervisor") ? await visibleAgencyIds(db, actor) : [];
      if (visible && !visible.includes(before.agencyId)) throw forbidden("Only this staff member or their supervisors change their duty");
    }
    return auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "duty",
      write: (tx) => tx.user.update({ where: { id }, data: { onDuty: request.body.onDuty }, select: staffFields }),
      audit: (staff) => ({ resourceId: id, before: { onDuty: before.onDuty }, after: { onDuty: staff.onDuty } }),
      afterCommit: () => fastify.callRouting.invalidate(),
    });
  });
};

export default staffRoutes;
