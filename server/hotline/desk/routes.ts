// The staff desk (/api/desk), for staff who take calls and their supervisors: the softphone's access
// token, the desk's state (calls ringing them, the call they are on) once and as a stream of
// server-sent events (`event: desk`), a call's screen-pop context, and the desk's lists (my calls,
// my agency's callback requests and waiting callers, my open cases and, for supervisors, the overdue
// cases escalated to them). Everything is about the signed-in user only.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { findSessionUser, SESSION_COOKIE } from "../../access/auth/sessions.js";
import { clientIdentityOf } from "../../agencies/staff/answer-on.js";
import { CallContext, DeskCall, DeskLists, DeskState, DeskToken } from "../../contract/hotline/desk.js";
import { rolesHold } from "../../contract/permissions.js";
import { WITHHELD_CALLER } from "../../phone/caller-id.js";
import { listen } from "../../platform/db/notifications.js";
import { streamEvents } from "../../platform/http/event-stream.js";
import { IdParams } from "../../platform/http/schemas.js";
import { callerPhoneAccess } from "../call-log/access.js";
import { escalatedCasesFor, myOpenCases } from "../cases/desk-lists.js";
import { callContext } from "./context.js";
import { DESK_CHANNEL, DeskHub } from "./hub.js";
import { deskStateOf, offersFor } from "./offers.js";
import { softphoneConfigured, voiceToken } from "./token.js";

export interface DeskRouteOptions {
  /** Test knobs; production uses the defaults. */
  debounceMs?: number;
  refreshMs?: number;
}

const LIST_LIMIT = 20;

const deskRoutes: FastifyPluginAsyncTypebox<DeskRouteOptions> = async (fastify, options) => {
  const { db, config } = fastify;
  fastify.addHook("preHandler", fastify.allow("desk:use"));

  const hub = new DeskHub({
    read: (userId) => deskStateOf(db, userId),
    listen: (onNotify) =>
      listen(config.DATABASE_URL, DESK_CHANNEL, onNotify, {
        onError: (error) => fastify.log.warn({ err: error.message }, "desk: the LISTEN connection failed; reconnecting"),
      }),
    debounceMs: options.debounceMs,
    refreshMs: options.refreshMs,
    onError: (error) => fastify.log.error({ err: error instanceof Error ? error.message : String(error) }, "desk: could not read"),
  });
  fastify.addHook("preClose", async () => {
    await hub.close();
  });

  // Only for the signed-in user's own identity: nothing in the request names whose token it is.
  fastify.post("/token", { schema: { response: { 200: DeskToken } } }, async (request) => {
    const identity = clientIdentityOf(currentUser(request).id);
    if (!softphoneConfigured(config)) return { mode: "simulated" as const, identity };
    const { token, expiresAt } = voiceToken(config, identity, new Date());
    return { mode: "twilio" as const, token, identity, expiresAt };
  });

  fastify.get("/current", { schema: { response: { 200: DeskState } } }, async (request) => deskStateOf(db, currentUser(request).id));

  fastify.get("/offers", { schema: { response: { 200: Type.Array(DeskCall) } } }, async (request) =>
    offersFor(db, currentUser(request).id),
  );

  fastify.get("/calls/:id/context", { schema: { params: IdParams, response: { 200: CallContext } } }, async (request) =>
    callContext(db, currentUser(request), request.params.id, new Date()),
  );

  fastify.get("/lists", { schema: { response: { 200: DeskLists } } }, async (request) => {
    const user = currentUser(request);
    const phones = callerPhoneAccess(user);
    const now = new Date();
    const [calls, callbacks, waiting, myCases, escalatedCases] = await Promise.all([
      // Calls they are on now or took at some point (one passed on to another agency stays theirs too).
      db.call.findMany({
        where: { OR: [{ staffId: user.id }, { legs: { some: { staffId: user.id, answeredAt: { not: null } } } }] },
        orderBy: { startedAt: "desc" },
        take: LIST_LIMIT,
        select: {
          id: true,
          startedAt: true,
          caller: true,
          topic: true,
          talkSeconds: true,
          termination: true,
          _count: { select: { notes: true } },
        },
      }),
      // Theirs (claimed), then the agency's unclaimed ones, due first: nobody else's claim is shown as work.
      db.callbackRequest.findMany({
        where: { status: "open", OR: [{ claimedById: user.id }, { agencyId: user.agency.id, claimedById: null }] },
        orderBy: [{ claimedById: { sort: "asc", nulls: "last" } }, { dueAt: "asc" }, { placedAt: "asc" }],
        take: LIST_LIMIT,
        select: { id: true, phone: true, status: true, dueAt: true, claimedById: true, agency: { select: { name: true } } },
      }),
      db.queueEntry.findMany({
        where: { agencyId: user.agency.id, outcome: "waiting", call: { endedAt: null } },
        orderBy: { enqueuedAt: "asc" },
        take: LIST_LIMIT,
        select: { id: true, staffId: true, enqueuedAt: true, agency: { select: { name: true } }, call: { select: { topic: true } } },
      }),
      myOpenCases(db, user, now, LIST_LIMIT),
      escalatedCasesFor(db, user, now, LIST_LIMIT),
    ]);
    return {
      myCalls: calls.map(({ _count, caller, ...call }) => ({
        ...call,
        caller: phones.show(caller ?? WITHHELD_CALLER),
        notes: _count.notes,
      })),
      callbacks: callbacks.map(({ agency, phone, claimedById, ...request }) => ({
        ...request,
        phone: phones.show(phone),
        agencyName: agency.name,
        claimedByMe: claimedById === user.id,
      })),
      waiting: waiting.map((entry) => ({
        entryId: entry.id,
        agencyName: entry.agency.name,
        topic: entry.call.topic,
        enqueuedAt: entry.enqueuedAt,
        connecting: entry.staffId !== null,
      })),
      myCases,
      escalatedCases,
    };
  });

  // Hijacked after the guards ran, like the live board's stream (server/hotline/board/routes.ts).
  fastify.get("/stream", async (request, reply) => {
    const user = currentUser(request);
    const token = request.cookies[SESSION_COOKIE] ?? "";
    await streamEvents(request, reply, "desk", (sink) =>
      hub.subscribe({
        userId: user.id,
        ...sink,
        stillAllowed: async () => {
          const current = token ? await findSessionUser(db, token, fastify.sessionTtlMs) : null;
          return current?.id === user.id && rolesHold(current.roles, "desk:use");
        },
      }),
    );
  });
};

export default deskRoutes;
