// /api/cases (ra-data-simple-rest): the list with its filters, one case with its history, creation,
// edits and the actions (transfer, answer, close, reopen, link a call). Each change is written with
// its event and audit entry (service.ts, create.ts); the SMS it calls for is queued once committed,
// fire and forget: the maintenance sweep re-queues one that never reached Redis (escalation.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import type { SessionUser } from "../../access/auth/sessions.js";
import { vietnamClock } from "../../clock/vietnam-time.js";
import { CASE_KINDS, CASE_STATES } from "../../contract/enums.js";
import {
  Case,
  CaseAnswer,
  CaseCreate,
  CaseDetail,
  CaseLinkCall,
  CaseReason,
  CaseTransfer,
  CaseUpdate,
} from "../../contract/hotline/cases.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { checkedPhoneSearch } from "../../platform/audit/phone-lookups.js";
import { invalidField } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, codeFilter, idsWhere, integerFilter, listQuerystring, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { callerPhoneAccess } from "../call-log/access.js";
import { parseCaseCode } from "./code.js";
import { createCase } from "./create.js";
import { overdueWhere } from "./lifecycle.js";
import type { CaseSmsPurpose } from "./messages.js";
import { caseDetail, caseInclude, presentCase } from "./present.js";
import { caseScope, escalatedToWhere, findVisibleCase } from "./scope.js";
import { answerCase, type CaseActor, closeCase, linkCall, reopenCase, transferCase, updateCase } from "./service.js";
import { scheduleCaseSms } from "./sms-job.js";

const SORTABLE = ["createdAt", "updatedAt", "dueAt", "code", "state", "kind", "id"] as const;

/** Keys of the records the console holds (it sends them back on PUT): accepted and ignored. */
const RECORD_KEYS = [...Object.keys(Case.properties), "agency", "events", "calls", "sms", "workable"];

/**
 * The server strips unknown body fields (ajv removeAdditional); here a body naming a field the route
 * does not know is refused instead, naming it, so a typo ("anwser") is not silently dropped. PUT also
 * takes the record's own keys back, as react-admin sends the whole record.
 */
function refuseUnknownFields(allowed: readonly string[]) {
  return async (request: FastifyRequest) => {
    const body = request.body;
    if (body === null || typeof body !== "object" || Array.isArray(body)) return;
    const unknown = Object.keys(body).find((key) => !allowed.includes(key));
    if (unknown !== undefined) throw invalidField(unknown.slice(0, 64), "invalid", `unknown field ${JSON.stringify(unknown.slice(0, 64))}`);
  };
}
const keysOf = (schema: { properties: object }) => Object.keys(schema.properties);

async function filterWhere(
  user: SessionUser,
  filter: Record<string, unknown>,
  now: Date,
  ctx: Parameters<typeof checkedPhoneSearch>[0],
): Promise<Prisma.CaseWhereInput[]> {
  const access = callerPhoneAccess(user);
  const where: Prisma.CaseWhereInput[] = [idsWhere(filter)];

  const q = stringFilter(filter, "q")?.trim();
  if (q) {
    const code = parseCaseCode(q, Number(vietnamClock(now).date.slice(0, 4)));
    const search = await checkedPhoneSearch(ctx, access, "q", q, { alsoText: true }).catch((error) => {
      // A masked reader's number-like q still finds a case by its code.
      if (code) return { kind: "none" as const };
      throw error;
    });
    where.push({
      OR: [
        ...(code ? [{ code }] : []),
        { code: { contains: q.toUpperCase() } },
        { question: { contains: q, mode: "insensitive" as const } },
        ...(search.kind === "exact" ? [{ phone: search.e164 }] : []),
        ...(search.kind === "digits" ? [{ phone: { contains: search.digits } }] : []),
      ],
    });
  }
  const phone = stringFilter(filter, "phone");
  if (phone !== undefined) {
    const search = await checkedPhoneSearch(ctx, access, "phone", phone, { alsoText: false });
    if (search.kind !== "exact") throw invalidField("phone", "phone_complete_required", "filter phone must be a complete phone number");
    where.push({ phone: search.e164 });
  }
  const overdue = booleanFilter(filter, "overdue");
  if (overdue === true) where.push(overdueWhere(now));
  if (overdue === false) where.push({ NOT: overdueWhere(now) });
  if (booleanFilter(filter, "escalated")) where.push(escalatedToWhere(user));
  const assignee = stringFilter(filter, "assignee");
  if (assignee !== undefined) {
    if (assignee !== "me") throw invalidField("assignee", "filter", 'filter assignee must be "me"');
    where.push({ assigneeId: user.id });
  }
  const callId = integerFilter(filter, "callId");
  if (callId !== undefined) where.push({ OR: [{ callId }, { calls: { some: { callId } } }] });
  where.push(
    { state: codeFilter(filter, "state", CASE_STATES) },
    { kind: codeFilter(filter, "kind", CASE_KINDS) },
    { agencyId: integerFilter(filter, "agencyId") },
  );
  return where;
}

const caseRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("cases:read"));
  const writers = fastify.allow("cases:write");
  const actorOf = (request: FastifyRequest): CaseActor => ({ user: currentUser(request), ip: request.ip });

  const queueSms = (caseId: number, purpose: CaseSmsPurpose) => {
    scheduleCaseSms(fastify.queues.cases, caseId, purpose).catch((error: unknown) =>
      fastify.log.error({ caseId, purpose, err: error instanceof Error ? error.message : String(error) }, "could not queue the case SMS"),
    );
  };
  const detail = (request: FastifyRequest, id: number) => caseDetail(db, id, currentUser(request), new Date());

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(Case) } } }, async (request, reply) => {
    const user = currentUser(request);
    const now = new Date();
    const ctx = {
      db,
      redis: fastify.redis,
      redisPrefix: fastify.config.REDIS_PREFIX,
      actorId: user.id,
      ip: request.ip,
      resource: "cases" as const,
    };
    const rows = await listPage(request.query, reply, {
      resource: "cases",
      sortable: SORTABLE,
      defaultSort: ["createdAt", "DESC"],
      where: async (filter): Promise<Prisma.CaseWhereInput> => ({
        AND: [await caseScope(db, user), ...(await filterWhere(user, filter, now, ctx))],
      }),
      count: (where) => db.case.count({ where }),
      page: (where, page) => db.case.findMany({ where, include: caseInclude, ...page }),
    });
    return rows.map((row) => presentCase(row, user, now));
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: CaseDetail } } }, async (request) => {
    await findVisibleCase(db, currentUser(request), request.params.id);
    return detail(request, request.params.id);
  });

  fastify.post(
    "/",
    {
      preValidation: refuseUnknownFields(keysOf(CaseCreate)),
      preHandler: writers,
      schema: { body: CaseCreate, response: { 200: CaseDetail } },
    },
    async (request) => {
      const created = await createCase(db, actorOf(request), request.body);
      queueSms(created.id, "case_created");
      return detail(request, created.id);
    },
  );

  fastify.put(
    "/:id",
    {
      preValidation: refuseUnknownFields([...keysOf(CaseUpdate), ...RECORD_KEYS]),
      preHandler: writers,
      schema: { params: IdParams, body: CaseUpdate, response: { 200: CaseDetail } },
    },
    async (request) => {
      await findVisibleCase(db, currentUser(request), request.params.id);
      await updateCase(db, actorOf(request), request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );

  fastify.post(
    "/:id/transfer",
    {
      preValidation: refuseUnknownFields(keysOf(CaseTransfer)),
      preHandler: writers,
      schema: { params: IdParams, body: CaseTransfer, response: { 200: CaseDetail } },
    },
    async (request) => {
      await findVisibleCase(db, currentUser(request), request.params.id);
      await transferCase(db, actorOf(request), request.params.id, request.body);
      // The agency that passed it on still reads it (scope.ts).
      return detail(request, request.params.id);
    },
  );

  fastify.post(
    "/:id/answer",
    {
      preValidation: refuseUnknownFields(keysOf(CaseAnswer)),
      preHandler: writers,
      schema: { params: IdParams, body: CaseAnswer, response: { 200: CaseDetail } },
    },
    async (request) => {
      await findVisibleCase(db, currentUser(request), request.params.id);
      await answerCase(db, actorOf(request), request.params.id, request.body.answer);
      queueSms(request.params.id, "case_answered");
      return detail(request, request.params.id);
    },
  );

  fastify.post(
    "/:id/close",
    {
      preValidation: refuseUnknownFields(keysOf(CaseReason)),
      preHandler: writers,
      schema: { params: IdParams, body: Type.Optional(CaseReason), response: { 200: CaseDetail } },
    },
    async (request) => {
      await findVisibleCase(db, currentUser(request), request.params.id);
      const closed = await closeCase(db, actorOf(request), request.params.id, request.body?.reason);
      if (closed?.after.answeredAt) queueSms(request.params.id, "case_survey");
      return detail(request, request.params.id);
    },
  );

  fastify.post(
    "/:id/reopen",
    {
      preValidation: refuseUnknownFields(keysOf(CaseReason)),
      preHandler: writers,
      schema: { params: IdParams, body: Type.Optional(CaseReason), response: { 200: CaseDetail } },
    },
    async (request) => {
      await findVisibleCase(db, currentUser(request), request.params.id);
      await reopenCase(db, actorOf(request), request.params.id, request.body?.reason);
      return detail(request, request.params.id);
    },
  );

  fastify.post(
    "/:id/calls",
    {
      preValidation: refuseUnknownFields(keysOf(CaseLinkCall)),
      preHandler: writers,
      schema: { params: IdParams, body: CaseLinkCall, response: { 200: CaseDetail } },
    },
    async (request) => {
      await findVisibleCase(db, currentUser(request), request.params.id);
      await linkCall(db, actorOf(request), request.params.id, request.body.callId);
      return detail(request, request.params.id);
    },
  );
};

export default caseRoutes;
