// /api/privacy-requests (ra-data-simple-rest): the register's list with its filters, one request with
// its history, recording one, editing it, and the lifecycle's actions; GET /due feeds the home card.
// Everything here needs privacy-requests:handle (privacy officers and administrators). The footprint,
// export and erasure routes of docs/privacy-requests.md join this file when the privacy core lands.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATES } from "../../contract/enums.js";
import {
  PrivacyRequest,
  PrivacyRequestComplete,
  PrivacyRequestCreate,
  PrivacyRequestDetail,
  PrivacyRequestReject,
  PrivacyRequestsDue,
  PrivacyRequestUpdate,
} from "../../contract/privacy/requests.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { phoneHashToken as auditPhone, phoneHash } from "../../phone/hash.js";
import { normalizeVietnamesePhone } from "../../phone/normalize.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { invalidField } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, codeFilter, idsWhere, listQuerystring, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { dueSoonWhere, overdueWhere, presentRequest, requestDetail, requestInclude } from "./present.js";
import { parseRequestReference } from "./reference.js";
import { createRequest, moveRequest, type RequestActor, updateRequest } from "./service.js";

const SORTABLE = ["receivedAt", "acknowledgeBy", "completeBy", "reference", "state", "kind", "createdAt", "id"] as const;

/** Keys of the record the console holds (it sends them back on PUT): accepted and ignored. */
const RECORD_KEYS = [...Object.keys(PrivacyRequest.properties), "history"];
const keysOf = (schema: { properties: object }) => Object.keys(schema.properties);

/** A body naming a field the route does not know is refused, naming it, rather than silently stripped. */
export function refuseUnknownFields(allowed: readonly string[]) {
  return async (request: FastifyRequest) => {
    const body = request.body;
    if (body === null || typeof body !== "object" || Array.isArray(body)) return;
    const unknown = Object.keys(body).find((key) => !allowed.includes(key));
    if (unknown !== undefined) throw invalidField(unknown.slice(0, 64), "invalid", `unknown field ${JSON.stringify(unknown.slice(0, 64))}`);
  };
}

const privacyRequestRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("privacy-requests:handle"));
  const hashKey = fastify.config.PRIVACY_HASH_KEY;
  const actorOf = (request: FastifyRequest): RequestActor => ({ user: currentUser(request), ip: request.ip });

  /** The filter's where-clause. q is a reference or a number in any form; a number is matched by its hash (found after it is cleared). */
  async function filterWhere(request: FastifyRequest, filter: Record<string, unknown>, now: Date) {
    const where: Prisma.DataSubjectRequestWhereInput[] = [idsWhere(filter)];
    const q = stringFilter(filter, "q")?.trim();
    if (q) {
      const reference = parseRequestReference(q);
      const phone = /\d{6}/.test(q.replace(/\D/g, "")) ? normalizeVietnamesePhone(q) : null;
      const or: Prisma.DataSubjectRequestWhereInput[] = [{ reference: { contains: q.toUpperCase() } }];
      if (reference) or.push({ reference });
      if (phone?.ok) {
        const hash = phoneHash(hashKey, phone.e164);
        or.push({ phoneHash: hash });
        // A look-up by number is a processing of personal data: logged, with the number hashed.
        await writeAudit(db, {
          actorId: currentUser(request).id,
          action: "search_by_phone",
          resource: "privacy-requests",
          after: { filter: "q", phone: auditPhone(hash) },
          ip: request.ip,
        });
      }
      where.push({ OR: or });
    }
    const overdue = booleanFilter(filter, "overdue");
    if (overdue === true) where.push(overdueWhere(now));
    if (overdue === false) where.push({ NOT: overdueWhere(now) });
    const dueSoon = booleanFilter(filter, "dueSoon");
    if (dueSoon === true) where.push(dueSoonWhere(now));
    if (dueSoon === false) where.push({ NOT: dueSoonWhere(now) });
    where.push({ state: codeFilter(filter, "state", PRIVACY_REQUEST_STATES) }, { kind: codeFilter(filter, "kind", PRIVACY_REQUEST_KINDS) });
    return where;
  }

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(PrivacyRequest) } } }, async (request, reply) => {
    const now = new Date();
    const rows = await listPage(request.query, reply, {
      resource: "privacy-requests",
      sortable: SORTABLE,
      defaultSort: ["receivedAt", "DESC"],
      where: async (filter): Promise<Prisma.DataSubjectRequestWhereInput> => ({ AND: await filterWhere(request, filter, now) }),
      count: (where) => db.dataSubjectRequest.count({ where }),
      page: (where, page) => db.dataSubjectRequest.findMany({ where, include: requestInclude, ...page }),
    });
    return rows.map((row) => presentRequest(row, now));
  });

  // Declared before /:id, which would not match "due" anyway (canonical ids only).
  fastify.get("/due", { schema: { response: { 200: PrivacyRequestsDue } } }, async () => {
    const now = new Date();
    const [overdue, dueSoon, rows] = await Promise.all([
      db.dataSubjectRequest.count({ where: overdueWhere(now) }),
      db.dataSubjectRequest.count({ where: dueSoonWhere(now) }),
      db.dataSubjectRequest.findMany({
        where: { OR: [overdueWhere(now), dueSoonWhere(now)] },
        include: requestInclude,
        orderBy: [{ completeBy: "asc" }, { id: "asc" }],
        take: 50,
      }),
    ]);
    const items = rows
      .map((row) => presentRequest(row, now))
      .map((r) => ({
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        state: r.state,
        overdue: r.overdue,
        dueDate: r.acknowledgedAt ? r.completeBy : r.acknowledgeBy,
      }))
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate))
      .slice(0, 5);
    return { overdue, dueSoon, items };
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: PrivacyRequestDetail } } }, async (request) => {
    const exists = await db.dataSubjectRequest.findUnique({ where: { id: request.params.id }, select: { id: true } });
    if (!exists) throw invalidField("id", "not_found", "No such request", 404);
    return requestDetail(db, request.params.id, new Date());
  });

  fastify.post(
    "/",
    {
      preValidation: refuseUnknownFields(keysOf(PrivacyRequestCreate)),
      schema: { body: PrivacyRequestCreate, response: { 200: PrivacyRequestDetail } },
    },
    async (request) => {
      const created = await createRequest(db, hashKey, actorOf(request), request.body);
      return requestDetail(db, created.id, new Date());
    },
  );

  fastify.put(
    "/:id",
    {
      preValidation: refuseUnknownFields([...keysOf(PrivacyRequestUpdate), ...RECORD_KEYS]),
      schema: { params: IdParams, body: PrivacyRequestUpdate, response: { 200: PrivacyRequestDetail } },
    },
    async (request) => {
      await updateRequest(db, actorOf(request), request.params.id, request.body);
      return requestDetail(db, request.params.id, new Date());
    },
  );

  const action = (name: "acknowledge" | "start") =>
    fastify.post(
      `/:id/${name}`,
      { preValidation: refuseUnknownFields([]), schema: { params: IdParams, response: { 200: PrivacyRequestDetail } } },
      async (request) => {
        await moveRequest(db, actorOf(request), request.params.id, { type: name });
        return requestDetail(db, request.params.id, new Date());
      },
    );
  action("acknowledge");
  action("start");

  fastify.post(
    "/:id/complete",
    {
      preValidation: refuseUnknownFields(keysOf(PrivacyRequestComplete)),
      schema: { params: IdParams, body: PrivacyRequestComplete, response: { 200: PrivacyRequestDetail } },
    },
    async (request) => {
      await moveRequest(db, actorOf(request), request.params.id, { type: "complete", outcome: request.body.outcome });
      return requestDetail(db, request.params.id, new Date());
    },
  );

  fastify.post(
    "/:id/reject",
    {
      preValidation: refuseUnknownFields(keysOf(PrivacyRequestReject)),
      schema: { params: IdParams, body: PrivacyRequestReject, response: { 200: PrivacyRequestDetail } },
    },
    async (request) => {
      await moveRequest(db, actorOf(request), request.params.id, { type: "reject", reason: request.body.reason });
      return requestDetail(db, request.params.id, new Date());
    },
  );
};

export default privacyRequestRoutes;
