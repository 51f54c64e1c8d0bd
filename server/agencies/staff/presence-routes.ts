// Staff and their presence (/api/staff): who the hotline rings for each agency. Everyone handling
// calls sees the staff of the agencies they can see (names, phones, presence; never emails, passwords
// or PINs). A presence or PIN is changed by administrators, supervisors of the staff member's
// subtree, or the staff member themself; anyone else is refused.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { hashPassword } from "../../access/auth/password.js";
import { AnswerOnInput, PresenceInput, PresencePinInput, Staff } from "../../contract/agencies/staff.js";
import { PRESENCE_STATES } from "../../contract/enums.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { conflict, forbidden, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { codeFilter, idsWhere, integerFilter, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { visibleAgencyIds } from "../scope.js";
import { announcePresence, choosePresence } from "./presence.js";

const SORTABLE = ["id", "name", "agencyId", "presence", "presenceSince"] as const;
const staffFields = {
  id: true,
  name: true,
  agencyId: true,
  phone: true,
  answerOn: true,
  roles: true,
  presence: true,
  presenceSince: true,
  awayReason: true,
  wrapUpUntil: true,
  presencePinHash: true,
} as const;

type StaffRow = Prisma.UserGetPayload<{ select: typeof staffFields }>;
const wire = ({ presencePinHash, ...staff }: StaffRow) => ({ ...staff, hasPresencePin: presencePinHash !== null });

const staffRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  // The people who take or supervise calls; campaign staff and viewers have no business here.
  fastify.addHook("preHandler", fastify.allow("staff:duty"));

  /** The staff member, if the user may change their presence or PIN: themself, their supervisors, an administrator. */
  async function changeable(request: FastifyRequest, id: number): Promise<StaffRow> {
    const actor = currentUser(request);
    const staff = await db.user.findUnique({ where: { id }, select: staffFields });
    if (!staff) throw notFound("No such staff member");
    if (id !== actor.id && !actor.roles.includes("admin")) {
      const visible = actor.roles.includes("supervisor") ? await visibleAgencyIds(db, actor) : [];
      if (visible && !visible.includes(staff.agencyId))
        throw forbidden("Only this staff member or their supervisors change their presence");
    }
    return staff;
  }

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
            { presence: codeFilter(filter, "presence", PRESENCE_STATES) },
          ],
        };
      },
      count: (where) => db.user.count({ where }),
      page: async (where, page) => (await db.user.findMany({ where, select: staffFields, ...page })).map(wire),
    });
  });

  // Available, away (with a reason) or offline; available while in after-call work ends it early.
  fastify.put("/:id/presence", { schema: { params: IdParams, body: PresenceInput, response: { 200: Staff } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const before = await changeable(request, id);
    const { state } = request.body;
    const reason = state === "away" ? request.body.reason?.trim() || null : null;
    const at = new Date();
    const result = await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "presence",
      write: async (tx) => {
        const chosen = await choosePresence(tx, id, state, { byUserId: actor.id, at, reason });
        if (chosen === "on_call")
          throw conflict("This staff member is on a call; the call's end sets their state", { state: "tthc.validation.invalid" });
        const staff = await tx.user.findUniqueOrThrow({ where: { id }, select: staffFields });
        return { staff, changed: chosen?.changed ?? null };
      },
      audit: ({ staff, changed }) =>
        changed
          ? {
              resourceId: id,
              before: { presence: before.presence, awayReason: before.awayReason },
              after: { presence: staff.presence, awayReason: staff.awayReason },
            }
          : null,
      afterCommit: () => fastify.callRouting.invalidate(),
    });
    announcePresence([result.changed]);
    return wire(result.staff);
  });

  // Where this staff member's calls ring; routing reads it from the next call on.
  fastify.put("/:id/answer-on", { schema: { params: IdParams, body: AnswerOnInput, response: { 200: Staff } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const before = await changeable(request, id);
    const { answerOn } = request.body;
    const staff = await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "answer_on",
      write: (tx) => tx.user.update({ where: { id }, data: { answerOn }, select: staffFields }),
      audit: (after) =>
        after.answerOn === before.answerOn ? null : { resourceId: id, before: { answerOn: before.answerOn }, after: { answerOn } },
      afterCommit: () => fastify.callRouting.invalidate(),
    });
    return wire(staff);
  });

  // The PIN for changing presence by calling the hotline; stored as an argon2 hash, never shown.
  fastify.put("/:id/pin", { schema: { params: IdParams, body: PresencePinInput, response: { 200: Staff } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const before = await changeable(request, id);
    const { pin } = request.body;
    const presencePinHash = pin === null ? null : await hashPassword(pin);
    const staff = await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "users",
      action: "presence_pin",
      write: (tx) => tx.user.update({ where: { id }, data: { presencePinHash }, select: staffFields }),
      audit: (after) => ({
        resourceId: id,
        before: { hasPresencePin: before.presencePinHash !== null },
        after: { hasPresencePin: after.presencePinHash !== null },
      }),
    });
    return wire(staff);
  });
};

export default staffRoutes;
