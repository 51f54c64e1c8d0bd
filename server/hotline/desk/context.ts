// The screen-pop's content for one call: who is calling, what they chose in the IVR, how long they
// have waited, and what this number asked before, within what the user may see (the call log's
// scoping, server/hotline/call-log/access.ts). Staff who handle calls see numbers in full
// (callerPhoneAccess), so reading this history is no look-up behind a mask and, as in the call log,
// is not audited (platform/audit/phone-lookups.ts audits only those).

import type { SessionUser } from "../../access/auth/sessions.js";
import { visibleAgencyIds } from "../../agencies/scope.js";
import type { CallContextValue as CallContext } from "../../contract/hotline/desk.js";
import { WITHHELD_CALLER } from "../../phone/caller-id.js";
import type { Db } from "../../platform/db/client.js";
import { forbidden, notFound } from "../../platform/http/errors.js";
import { callerPhoneAccess, callScope, canSeeCall } from "../call-log/access.js";
import { noteInclude, presentNote } from "../call-log/notes.js";
import { flowVersion } from "../flows/versions.js";
import type { Effect } from "../ivr/types.js";

const HISTORY_LIMIT = 20;

/** Whether the user is rung for the call now (a consult or listen too) or took it: they see the caller in full. */
async function isRungOrOn(db: Db, userId: number, callId: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ hit: boolean }[]>`
    SELECT (c.staff_id = ${userId} OR (c.answered_at IS NULL AND c.state->'ivr'->'route'->'dialing' @> to_jsonb(${userId}::int))
            OR EXISTS (SELECT 1 FROM call_legs l WHERE l.call_id = c.id AND l.staff_id = ${userId} AND l.ended_at IS NULL)) AS hit
    FROM calls c WHERE c.id = ${callId}`;
  return rows[0]?.hit === true;
}

export async function callContext(db: Db, user: SessionUser, callId: number, now: Date): Promise<CallContext> {
  const call = await db.call.findUnique({
    where: { id: callId },
    select: {
      id: true,
      caller: true,
      topic: true,
      agencyId: true,
      staffId: true,
      startedAt: true,
      answeredAt: true,
      flowVersionId: true,
      agency: { select: { name: true } },
      events: { select: { data: true }, orderBy: { id: "asc" } },
    },
  });
  if (!call) throw notFound("No such call");
  const rung = await isRungOrOn(db, user.id, call.id);
  if (!rung && !(await canSeeCall(db, user, call))) throw forbidden("This call is outside your agency");
  const supervisesIt = user.roles.includes("admin") || (user.roles.includes("supervisor") && (await supervises(db, user, call.agencyId)));
  // An erased caller (Law 91/2025: caller NULL) is as unknown as a withheld one.
  const withheld = call.caller === WITHHELD_CALLER || call.caller === null;
  const caller =
    withheld || rung || supervisesIt ? (call.caller ?? WITHHELD_CALLER) : callerPhoneAccess(user).show(call.caller ?? WITHHELD_CALLER);

  const flow = call.flowVersionId === null ? null : await flowVersion(db, call.flowVersionId);
  const ivrPath: CallContext["ivrPath"] = [];
  for (const event of call.events) {
    const data = event.data as { effects?: Effect[] } | null;
    for (const effect of Array.isArray(data?.effects) ? data.effects : []) {
      if (effect.type === "node" && (effect.kind === "menu" || effect.kind === "route")) {
        ivrPath.push({
          type: "node",
          node: effect.node,
          title: flow?.bundle?.flows?.[effect.flow]?.nodes?.[effect.node]?.title ?? null,
          digits: null,
        });
      } else if (effect.type === "key" && effect.digits !== "") {
        ivrPath.push({ type: "key", node: effect.node, title: null, digits: effect.digits });
      }
    }
  }

  const scope = await callScope(db, user);
  const [history, callbacks] = withheld
    ? [[], []]
    : await Promise.all([
        db.call.findMany({
          where: { AND: [scope, { caller: call.caller, id: { not: call.id }, startedAt: { lt: call.startedAt } }] },
          orderBy: { startedAt: "desc" },
          take: HISTORY_LIMIT,
          select: {
            id: true,
            startedAt: true,
            topic: true,
            termination: true,
            agency: { select: { name: true } },
            staff: { select: { name: true } },
            notes: { where: { state: "final" }, include: noteInclude, orderBy: { id: "asc" } },
            surveyAnswers: { select: { question: true, value: true }, orderBy: { id: "asc" } },
          },
        }),
        callbackRequestsOf(db, user, call.caller ?? WITHHELD_CALLER),
      ]);
  const until = call.answeredAt ?? now;
  return {
    callId: call.id,
    caller: withheld ? WITHHELD_CALLER : caller,
    withheld,
    topic: call.topic,
    agencyName: call.agency?.name ?? null,
    startedAt: call.startedAt,
    waitedSeconds: Math.max(0, Math.round((until.getTime() - call.startedAt.getTime()) / 1000)),
    ivrPath,
    history: history.map((h) => ({
      id: h.id,
      startedAt: h.startedAt,
      agencyName: h.agency?.name ?? null,
      topic: h.topic,
      termination: h.termination,
      staffName: h.staff?.name ?? null,
      notes: h.notes.map(presentNote),
      surveyAnswers: h.surveyAnswers,
    })),
    callbacks,
  };
}

async function supervises(db: Db, user: SessionUser, agencyId: number | null): Promise<boolean> {
  if (agencyId === null) return false;
  const visible = await visibleAgencyIds(db, user);
  return visible === null || visible.includes(agencyId);
}

async function callbackRequestsOf(db: Db, user: SessionUser, phone: string): Promise<CallContext["callbacks"]> {
  const visible = await visibleAgencyIds(db, user);
  const rows = await db.callbackRequest.findMany({
    where: { phone, status: "open", ...(visible ? { agencyId: { in: visible } } : {}) },
    orderBy: { dueAt: "asc" },
    take: 10,
    select: { id: true, status: true, dueAt: true, claimedById: true, agency: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    dueAt: r.dueAt,
    agencyName: r.agency.name,
    claimedByMe: r.claimedById === user.id,
  }));
}
