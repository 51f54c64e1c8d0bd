// Callback requests left by callers through the IVR voicemail, worked by the agency's staff: due
// first, each attempt recorded, and a bounded number of tries (Amazon Connect's "maximum attempts"
// with a retry gap). Staff see and work the requests of the agencies they can see; the number to call
// is personal data, so it never leaves this scope.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import type { SessionUser } from "../../access/auth/sessions.js";
import { nextOpeningOf } from "../../agencies/hours/agency-hours.js";
import { visibleAgencyIds } from "../../agencies/scope.js";
import { CALLBACK_OUTCOMES, CALLBACK_STATUSES as STATUSES } from "../../contract/enums.js";
import { CallbackRequest, CallbackRequestDetail } from "../../contract/hotline/callbacks.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { forbidden, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, codeFilter, idsWhere, integerFilter, listQuerystring } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { nextAfterAttempt } from "./attempts.js";
import { startPlacedCallback } from "./placed/start.js";
import { lockCallbackRequest, refuseIfClaimedByOther, refuseUnlessWorkable } from "./workable.js";

const AttemptInput = Type.Object(
  { outcome: Type.Enum(CALLBACK_OUTCOMES), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);
const StatusInput = Type.Object({ status: Type.Enum(STATUSES) }, { additionalProperties: false });

const SORTABLE = ["placedAt", "dueAt", "id", "createdAt", "status", "agencyId"] as const;

const withAttempts = {
  agency: { select: { id: true, code: true, name: true } },
  claimedBy: { select: { name: true } },
  attempts: { orderBy: { id: "asc" }, include: { user: { select: { name: true } } } },
} as const satisfies Prisma.CallbackRequestInclude;
type Row = Prisma.CallbackRequestGetPayload<{ include: typeof withAttempts }>;

const presentAttempts = (row: Row) =>
  row.attempts.map((a) => ({
    id: a.id,
    userId: a.userId,
    userName: a.user.name,
    outcome: a.outcome,
    note: a.note,
    placed: a.placed,
    state: a.state,
    callId: a.callId,
    durationSeconds: a.durationSeconds,
    endedAt: a.endedAt,
    createdAt: a.createdAt,
  }));
const present = (row: Row) => ({
  id: row.id,
  callId: row.callId,
  agencyId: row.agencyId,
  phone: row.phone,
  status: row.status,
  dueAt: row.dueAt,
  placedAt: row.placedAt,
  claimedById: row.claimedById,
  claimedByName: row.claimedBy?.name ?? null,
  claimedAt: row.claimedAt,
  attemptCount: row.attempts.length,
  lastAttemptAt: row.attempts.at(-1)?.createdAt ?? null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
const presentFull = (row: Row) => ({ ...present(row), agency: row.agency, attempts: presentAttempts(row) });
/** The audit keeps the state of the request, not the caller's number. */
const auditable = (row: { id: number; agencyId: number; status: string; dueAt: Date; attempts: unknown[] }) => ({
  id: row.id,
  agencyId: row.agencyId,
  status: row.status,
  dueAt: row.dueAt,
  attemptCount: row.attempts.length,
});

/** Overdue: still open and past its due time (the supervisor's home counts them). */
function overdueWhere(overdue: boolean | undefined): Prisma.CallbackRequestWhereInput {
  if (overdue === undefined) return {};
  const now = new Date();
  return overdue ? { status: "open", dueAt: { lt: now } } : { NOT: { status: "open", dueAt: { lt: now } } };
}

async function findVisible(db: Db, user: SessionUser, id: number): Promise<Row> {
  const row = await db.callbackRequest.findUnique({ where: { id }, include: withAttempts });
  if (!row) throw notFound("No such callback request");
  const visible = await visibleAgencyIds(db, user);
  if (visible && !visible.includes(row.agencyId)) throw forbidden("This callback request is outside your agency");
  return row;
}

/** Supervisors (and administrators) may take a claim back from a colleague who left it. */
const mayReleaseOthers = (user: SessionUser) => user.roles.includes("admin") || user.roles.includes("supervisor");

const callbackRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  // Those who return calls: staff of the agencies and their supervisors (and administrators).
  fastify.addHook("preHandler", fastify.allow("callback-requests:read"));
  const workers = fastify.allow("callback-requests:work");

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(CallbackRequest) } } }, async (request, reply) => {
    const rows = await listPage(request.query, reply, {
      resource: "callback-requests",
      sortable: SORTABLE,
      // First come, first served: a callback chosen while waiting keeps the place its caller had in line.
      defaultSort: ["placedAt", "ASC"],
      where: async (filter): Promise<Prisma.CallbackRequestWhereInput> => {
        const visible = await visibleAgencyIds(db, currentUser(request));
        return {
          AND: [
            visible ? { agencyId: { in: visible } } : {},
            idsWhere(filter),
            { agencyId: integerFilter(filter, "agencyId") },
            // "Mine": the requests the signed-in staff member claimed (their desk's list).
            booleanFilter(filter, "mine") ? { claimedById: currentUser(request).id } : {},
            { status: codeFilter(filter, "status", STATUSES) },
            overdueWhere(booleanFilter(filter, "overdue")),
          ],
        };
      },
      count: (where) => db.callbackRequest.count({ where }),
      page: (where, page) => db.callbackRequest.findMany({ where, include: withAttempts, ...page }),
    });
    return rows.map(present);
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: CallbackRequestDetail } } }, async (request) =>
    presentFull(await findVisible(db, currentUser(request), request.params.id)),
  );

  fastify.post(
    "/:id/attempts",
    { preHandler: workers, schema: { params: IdParams, body: AttemptInput, response: { 200: CallbackRequestDetail } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      await findVisible(db, user, id);
      const { outcome } = request.body;
      const note = request.body.note?.trim() || null;
      const { after } = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "callback-requests",
        action: "callback_attempt",
        write: async (tx) => {
          // One attempt at a time per request, so two staff recording at once cannot both count as the third.
          await lockCallbackRequest(tx, id);
          const before = await tx.callbackRequest.findUniqueOrThrow({ where: { id }, include: withAttempts });
          refuseUnlessWorkable(before, user);
          const now = new Date();
          const next = nextAfterAttempt(
            before.attempts.map((a) => a.outcome),
            outcome,
            now,
          );
          // A retry falls due in the agency's opening hours, not at night or on a holiday.
          if (next.dueAt) next.dueAt = (await nextOpeningOf(tx, before.agencyId, next.dueAt)) ?? next.dueAt;
          await tx.callbackAttempt.create({ data: { requestId: id, userId: user.id, outcome, note } });
          const after = await tx.callbackRequest.update({ where: { id }, data: next, include: withAttempts });
          return { before, after };
        },
        audit: ({ before, after }) => ({ resourceId: id, before: auditable(before), after: { ...auditable(after), outcome } }),
      });
      return presentFull(after);
    },
  );

  // Claim: "I am calling this citizen". Row-locked, so of two staff claiming at once one wins.
  fastify.post(
    "/:id/claim",
    { preHandler: workers, schema: { params: IdParams, response: { 200: CallbackRequestDetail } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      await findVisible(db, user, id);
      const { after } = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "callback-requests",
        action: "claim",
        write: async (tx) => {
          await lockCallbackRequest(tx, id);
          const before = await tx.callbackRequest.findUniqueOrThrow({ where: { id }, include: withAttempts });
          refuseUnlessWorkable(before, user);
          if (before.claimedById === user.id) return { before, after: before };
          const after = await tx.callbackRequest.update({
            where: { id },
            data: { claimedById: user.id, claimedAt: new Date() },
            include: withAttempts,
          });
          return { before, after };
        },
        // Claiming one's own request again changes nothing, so nothing is audited.
        audit: ({ before, after }) =>
          before.claimedById === after.claimedById
            ? null
            : { resourceId: id, before: { claimedById: before.claimedById }, after: { claimedById: after.claimedById } },
      });
      return presentFull(after);
    },
  );

  fastify.delete(
    "/:id/claim",
    { preHandler: workers, schema: { params: IdParams, response: { 200: CallbackRequestDetail } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const before = await findVisible(db, user, id);
      if (before.claimedById === null) return presentFull(before);
      if (before.claimedById !== user.id && !mayReleaseOthers(user)) refuseIfClaimedByOther(before, user);
      const after = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "callback-requests",
        action: "release",
        write: (tx) => tx.callbackRequest.update({ where: { id }, data: { claimedById: null, claimedAt: null }, include: withAttempts }),
        audit: () => ({ resourceId: id, before: { claimedById: before.claimedById }, after: { claimedById: null } }),
      });
      return presentFull(after);
    },
  );

  // "Gọi lại": the hotline rings the staff member, then the citizen from the hotline's number.
  fastify.post(
    "/:id/call",
    { preHandler: workers, schema: { params: IdParams, response: { 200: CallbackRequestDetail } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      await findVisible(db, user, id);
      const { config, voiceApis } = fastify;
      const started = await startPlacedCallback(
        {
          db,
          baseUrl: config.PUBLIC_BASE_URL,
          hotlineNumber: config.HOTLINE_NUMBER,
          placerFor: (simulated) => voiceApis.forCall({ simulated }),
          twilioConfigured: Boolean(config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN),
        },
        user,
        id,
      );
      await writeAudit(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "callback-requests",
        resourceId: id,
        action: "place_call",
        after: { attemptId: started.attemptId, placed: started.placed },
      });
      return presentFull(await findVisible(db, user, id));
    },
  );

  fastify.put(
    "/:id",
    { preHandler: workers, schema: { params: IdParams, body: StatusInput, response: { 200: CallbackRequestDetail } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const before = await findVisible(db, user, id);
      const after = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "callback-requests",
        action: "update",
        write: (tx) => tx.callbackRequest.update({ where: { id }, data: { status: request.body.status }, include: withAttempts }),
        audit: (after) => ({ resourceId: id, before: auditable(before), after: auditable(after) }),
      });
      return presentFull(after);
    },
  );
};

export default callbackRoutes;
