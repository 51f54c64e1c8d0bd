// The call log for the console (ra-data-simple-rest): list with filters, one call with its timeline,
// recordings (never Twilio's media URL), survey answers, notes and callback; staff notes.
// Viewing is not audited (it would drown the log); finishing a note is, and so are playback and exports.
// Notes themselves: note-routes.ts.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import type { SessionUser } from "../../access/auth/sessions.js";
import { isScoped } from "../../agencies/scope.js";
import { CALL_TERMINATIONS, type CallTermination, NOTE_KINDS, QUEUE_OUTCOMES, type QueueOutcome } from "../../contract/enums.js";
import { CallDetail, CallSummary } from "../../contract/hotline/call-log.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { WITHHELD_CALLER } from "../../phone/caller-id.js";
import { checkedPhoneSearch, type PhoneSearchContext } from "../../platform/audit/phone-lookups.js";
import { badRequest, invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, codeFilter, idsFilter, integerFilter, listQuerystring, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { flowVersion } from "../flows/versions.js";
import { boundOf } from "../reports/period.js";
import { assertCanSeeCall, callerPhoneAccess, callScope, canAddNote } from "./access.js";
import noteRoutes from "./note-routes.js";
import { noteInclude, presentNote } from "./notes.js";
import { buildTimeline, enteredSurvey, referencedIds } from "./timeline.js";
import { countedByDay, totalByDay } from "./total.js";

const TERMINATIONS: readonly string[] = CALL_TERMINATIONS;
const SORTABLE = ["startedAt", "id"] as const;

const summaryInclude = {
  agency: { select: { name: true } },
  staff: { select: { name: true } },
  surveyAnswers: { select: { question: true, value: true } },
  _count: { select: { recordings: true } },
} as const;
type SummaryRow = Prisma.CallGetPayload<{ include: typeof summaryInclude }>;

function present(row: SummaryRow, user: SessionUser) {
  const answer = (question: string) => row.surveyAnswers.find((a) => a.question === question)?.value ?? null;
  return {
    id: row.id,
    callSid: row.callSid,
    // Report readers (viewers) see a masked number; staff handling calls need it to call back.
    // An erased caller (Law 91/2025: caller NULL) shows as withheld: the number is gone.
    caller: callerPhoneAccess(user).show(row.caller ?? WITHHELD_CALLER),
    hotline: row.hotline,
    simulated: row.simulated,
    status: row.status,
    topic: row.topic,
    agencyId: row.agencyId,
    agencyName: row.agency?.name ?? null,
    staffId: row.staffId,
    staffName: row.staff?.name ?? null,
    startedAt: row.startedAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    ivrSeconds: row.ivrSeconds,
    ringSeconds: row.ringSeconds,
    talkSeconds: row.talkSeconds,
    termination: row.termination,
    queueSeconds: row.queueSeconds,
    queueOutcome: row.queueOutcome,
    satisfaction: answer("satisfaction"),
    resolved: answer("resolved"),
    recordingCount: row._count.recordings,
  };
}

/** 1, "1" or a list of them, each one of `allowed`. */
function valuesFilter(filter: Record<string, unknown>, key: string, allowed: number[]): number[] | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === "") return undefined;
  const list = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" && /^\d$/.test(v) ? Number(v) : v));
  if (list.length === 0 || !list.every((v): v is number => typeof v === "number" && allowed.includes(v))) {
    throw badRequest(`filter ${key} must be one of ${allowed.join(", ")} or a list of them`, { [key]: "tthc.validation.filter" });
  }
  return list;
}

function dateFilter(filter: Record<string, unknown>, key: "from" | "to") {
  const value = stringFilter(filter, key);
  if (value === undefined) return undefined;
  const bound = boundOf(value, key);
  if (!bound) throw invalidField(key, "filter", `filter ${key} must be a date YYYY-MM-DD or an ISO 8601 time`);
  return bound;
}

/**
 * Callers are stored in E.164: any way of writing the number finds them, and staff may give part of
 * one. Who may filter by caller at all is decided with who sees the number (callerPhoneAccess).
 */
async function callerWhere(ctx: PhoneSearchContext, user: SessionUser, filter: Record<string, unknown>): Promise<Prisma.CallWhereInput> {
  const value = stringFilter(filter, "caller");
  if (value === undefined) return {};
  const search = await checkedPhoneSearch(ctx, callerPhoneAccess(user), "caller", value, { alsoText: false });
  if (search.kind === "exact") return { caller: search.e164 };
  if (search.kind === "digits") return { caller: { contains: search.digits } };
  return { caller: value.trim() };
}

export function callWhere(filter: Record<string, unknown>): Prisma.CallWhereInput[] {
  const termination = stringFilter(filter, "termination");
  if (termination && !TERMINATIONS.includes(termination)) {
    throw invalidField("termination", "filter", `filter termination must be one of ${TERMINATIONS.join(", ")}`);
  }
  const queueOutcome = stringFilter(filter, "queueOutcome");
  if (queueOutcome && !(QUEUE_OUTCOMES as string[]).includes(queueOutcome)) {
    throw invalidField("queueOutcome", "filter", `filter queueOutcome must be one of ${QUEUE_OUTCOMES.join(", ")}`);
  }
  const satisfaction = valuesFilter(filter, "satisfaction", [1, 2, 3]);
  const resolved = valuesFilter(filter, "resolved", [1, 2]);
  const answered = booleanFilter(filter, "answered");
  const ids = idsFilter(filter.id);
  // Calls by what their (final) notes say they were about: a category's code, or a kind (complaints…).
  const noteCategory = stringFilter(filter, "noteCategory");
  const noteKind = codeFilter(filter, "noteKind", NOTE_KINDS);
  return [
    ids ? { id: { in: ids } } : {},
    { startedAt: dateFilter(filter, "from") },
    { startedAt: dateFilter(filter, "to") },
    { agencyId: integerFilter(filter, "agencyId") },
    { staffId: integerFilter(filter, "staffId") },
    { termination: termination as CallTermination | undefined },
    { queueOutcome: queueOutcome as QueueOutcome | undefined },
    { simulated: booleanFilter(filter, "simulated") },
    { topic: stringFilter(filter, "topic") },
    answered === undefined ? {} : answered ? { answeredAt: { not: null } } : { answeredAt: null },
    satisfaction ? { surveyAnswers: { some: { question: "satisfaction", value: { in: satisfaction } } } } : {},
    resolved ? { surveyAnswers: { some: { question: "resolved", value: { in: resolved } } } } : {},
    noteCategory ? { notes: { some: { state: "final", category: noteCategory } } } : {},
    noteKind ? { notes: { some: { state: "final", categoryRow: { kind: noteKind } } } } : {},
  ];
}

const callRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  // Who may annotate which call is decided call by call (canAddNote).
  fastify.addHook("preHandler", fastify.allow("calls:read"));
  await fastify.register(noteRoutes);

  async function loadVisibleCall(request: Parameters<typeof currentUser>[0], id: number) {
    const call = await db.call.findUnique({ where: { id }, select: { id: true, agencyId: true, staffId: true } });
    if (!call) throw notFound("No such call");
    await assertCanSeeCall(db, currentUser(request), call);
    return call;
  }

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(CallSummary) } } }, async (request, reply) => {
    const user = currentUser(request);
    const ctx = {
      db,
      redis: fastify.redis,
      redisPrefix: fastify.config.REDIS_PREFIX,
      actorId: user.id,
      ip: request.ip,
      resource: "calls" as const,
    };
    const rows = await listPage(request.query, reply, {
      resource: "calls",
      sortable: SORTABLE,
      defaultSort: ["startedAt", "DESC"],
      where: async (filter): Promise<Prisma.CallWhereInput> => ({
        AND: [await callScope(db, user), await callerWhere(ctx, user, filter), ...callWhere(filter)],
      }),
      // A period (with the kind and the agency) seen whole is summed from the day counts (total.ts).
      count: async (where, filter) =>
        (!isScoped(user) && countedByDay(filter) ? await totalByDay(db, filter) : null) ?? db.call.count({ where }),
      page: (where, page) => db.call.findMany({ where, include: summaryInclude, ...page }),
    });
    return rows.map((row) => present(row, user));
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: CallDetail } } }, async (request) => {
    const user = currentUser(request);
    await loadVisibleCall(request, request.params.id);
    const call = await db.call.findUniqueOrThrow({
      where: { id: request.params.id },
      include: {
        ...summaryInclude,
        flowVersion: { select: { version: true } },
        events: { select: { id: true, kind: true, at: true, data: true }, orderBy: { id: "asc" } },
        recordings: { orderBy: { id: "asc" } },
        surveyAnswers: { orderBy: { id: "asc" } },
        // Final notes for everyone who sees the call; a draft only for its author (myDraft).
        notes: { where: { OR: [{ state: "final" }, { authorId: user.id }] }, include: noteInclude, orderBy: { id: "asc" } },
        callbackRequest: { include: { agency: { select: { name: true } }, _count: { select: { attempts: true } } } },
        surveyLink: { select: { id: true } },
        legs: { include: { staff: { select: { name: true } }, agency: { select: { name: true } } }, orderBy: { id: "asc" } },
      },
    });
    const ids = referencedIds(call.events);
    const [agencies, staff, flow] = await Promise.all([
      db.agency.findMany({ where: { id: { in: ids.agencies } }, select: { id: true, name: true } }),
      db.user.findMany({ where: { id: { in: ids.staff } }, select: { id: true, name: true } }),
      call.flowVersionId === null ? null : flowVersion(db, call.flowVersionId),
    ]);
    const agencyNames = new Map(agencies.map((a) => [a.id, a.name]));
    const staffNames = new Map(staff.map((s) => [s.id, s.name]));
    const timeline = buildTimeline(call.events, {
      agency: (id) => (id == null ? null : (agencyNames.get(id) ?? null)),
      staff: (id) => (id == null ? null : (staffNames.get(id) ?? null)),
      // Versions stored before titles existed, or hand-made ones, may lack any part of the path.
      node: (flowId, node) => flow?.bundle?.flows?.[flowId]?.nodes?.[node]?.title ?? null,
    });
    const callback = call.callbackRequest;
    const draft = call.notes.find((note) => note.state === "draft");
    return {
      ...present(call, user),
      flowVersion: call.flowVersion?.version ?? null,
      ringStartedAt: call.ringStartedAt,
      bridgeEndedAt: call.bridgeEndedAt,
      canAddNote: await canAddNote(db, user, call),
      timeline,
      legs: call.legs.map((leg) => ({
        id: leg.id,
        role: leg.role,
        staffId: leg.staffId,
        staffName: leg.staff?.name ?? null,
        agencyId: leg.agencyId,
        agencyName: leg.agency?.name ?? null,
        rungAt: leg.rungAt,
        answeredAt: leg.answeredAt,
        endedAt: leg.endedAt,
        fromLegId: leg.fromLegId,
        transfer: leg.transfer === "cold" || leg.transfer === "warm" ? (leg.transfer as "cold" | "warm") : null,
        reason: leg.reason,
      })),
      recordings: call.recordings.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        durationSeconds: r.durationSeconds,
        channels: r.channels,
        deleted: r.deletedAt !== null,
        createdAt: r.createdAt,
      })),
      surveyAnswers: call.surveyAnswers.map(({ question, value, channel, createdAt }) => ({ question, value, channel, createdAt })),
      surveyOffered: call.surveyAnswers.length > 0 || call.surveyLink !== null || enteredSurvey(timeline),
      notes: call.notes.filter((note) => note.state === "final").map(presentNote),
      myDraft: draft ? presentNote(draft) : null,
      callback: callback
        ? {
            id: callback.id,
            status: callback.status,
            dueAt: callback.dueAt,
            agencyId: callback.agencyId,
            agencyName: callback.agency.name,
            attempts: callback._count.attempts,
          }
        : null,
    };
  });
};

export default callRoutes;
