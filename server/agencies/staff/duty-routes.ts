// Staff on duty: who the hotline rings for each agency. Everyone handling calls sees the staff of
// the agencies they can see (names, phones, duty; never emails or passwords), and duty is toggled by
// administrators, supervisors of the staff member's subtree, or the staff member themself.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { Staff } from "../../contract/agencies/staff.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { forbidden, notFound } from "../../platform/http/errors.js";
import {
  booleanFilter,
  idsFilter,
  integerFilter,
  listQuerystring,
  pageArgs,
  parseListQuery,
  searchFilter,
  sendPage,
} from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { visibleAgencyIds } from "../scope.js";

const DutyInput = Type.Object({ onDuty: Type.Boolean() }, { additionalProperties: false });

const SORTABLE = ["id", "name", "agencyId"] as const;
const staffFields = { id: true, name: true, agencyId: true, phone: true, clientIdentity: true, onDuty: true, roles: true } as const;

const staffRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  // The people who take or supervise calls; campaign staff and viewers have no business here.
  fastify.addHook("preHandler", fastify.allow("supervisor", "agent"));

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(Staff) } } }, async (request, reply) => {
    const query = parseListQuery(request.query, { sortable: SORTABLE, defaultSort: ["name", "ASC"] });
    const user = currentUser(request);
    // Agents see the colleagues of their own agency; supervisors their whole subtree.
    const agentOnly = !user.roles.includes("admin") && !user.roles.includes("supervisor");
    const visible = agentOnly ? [user.agency.id] : await visibleAgencyIds(db, user);
    const q = searchFilter(query.filter);
    const ids = idsFilter(query.filter.id);
    const where: Prisma.UserWhereInput = {
      AND: [
        { active: true },
        visible ? { agencyId: { in: visible } } : {},
        ids ? { id: { in: ids } } : {},
        q ? { name: { contains: q, mode: "insensitive" } } : {},
        { agencyId: integerFilter(query.filter, "agencyId") },
        { onDuty: booleanFilter(query.filter, "onDuty") },
      ],
    };
    const rows = await sendPage(
      reply,
      "staff",
      query,
      db.user.count({ where }),
      db.user.findMany({ where, select: staffFields, ...pageArgs(query) }),
    );
    return rows;
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
    const updated = await db.$transaction(async (tx) => {
      const staff = await tx.user.update({ where: { id }, data: { onDuty: request.body.onDuty }, select: staffFields });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "duty",
        resource: "users",
        resourceId: id,
        before: { onDuty: before.onDuty },
        after: { onDuty: staff.onDuty },
        ip: request.ip,
      });
      return staff;
    });
    fastify.callRouting.invalidate();
    return updated;
  });
};

export default staffRoutes;
