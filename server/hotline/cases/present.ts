// Cases as the console reads them (server/contract/hotline/cases.ts): the phone masked for those who
// see callers' numbers masked, `overdue` computed against now, the detail with its history.
import type { SessionUser } from "../../access/auth/sessions.js";
import { rolesHold } from "../../contract/permissions.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { callerPhoneAccess } from "../call-log/access.js";
import { isOverdue } from "./lifecycle.js";
import { canWork } from "./scope.js";

export const caseInclude = {
  agency: { select: { id: true, code: true, name: true } },
  assignee: { select: { name: true } },
} as const;
export type CaseListRow = Prisma.CaseGetPayload<{ include: typeof caseInclude }>;

export function presentCase(row: CaseListRow, user: SessionUser, now: Date) {
  return {
    id: row.id,
    code: row.code,
    phone: callerPhoneAccess(user).show(row.phone),
    citizenName: row.citizenName,
    kind: row.kind,
    topic: row.topic,
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    question: row.question,
    agencyId: row.agencyId,
    agencyName: row.agency.name,
    assigneeId: row.assigneeId,
    assigneeName: row.assignee?.name ?? null,
    state: row.state,
    source: row.source,
    callId: row.callId,
    dueDate: row.dueDate.toISOString().slice(0, 10),
    dueAt: row.dueAt,
    overdue: isOverdue(row.state, row.dueAt, now),
    escalationLevel: row.escalationLevel,
    answer: row.answer,
    answeredAt: row.answeredAt,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** One case with its history, the calls about it and the service SMS sent. */
export async function caseDetail(db: Db, id: number, user: SessionUser, now: Date) {
  const row = await db.case.findUniqueOrThrow({
    where: { id },
    include: {
      ...caseInclude,
      call: { select: { id: true, startedAt: true } },
      events: { include: { actor: { select: { name: true } } }, orderBy: { id: "asc" } },
      calls: { include: { call: { select: { startedAt: true } } }, orderBy: { createdAt: "asc" } },
      smsMessages: { select: { purpose: true, status: true, createdAt: true }, orderBy: { id: "asc" } },
    },
  });
  const agencyIds = [...new Set(row.events.flatMap((e) => [e.fromAgencyId, e.toAgencyId]).filter((v): v is number => v !== null))];
  const agencies = new Map(
    (await db.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, code: true, name: true } })).map((a) => [a.id, a]),
  );
  const agencyOf = (agencyId: number | null) => (agencyId === null ? null : (agencies.get(agencyId) ?? null));
  const calls = [
    ...(row.call ? [{ callId: row.call.id, startedAt: row.call.startedAt, linkedAt: row.createdAt }] : []),
    ...row.calls
      .filter((c) => c.callId !== row.callId)
      .map((c) => ({ callId: c.callId, startedAt: c.call.startedAt, linkedAt: c.createdAt })),
  ];
  return {
    ...presentCase(row, user, now),
    agency: row.agency,
    events: row.events.map((event) => ({
      id: event.id,
      type: event.type,
      actorName: event.actor?.name ?? null,
      fromState: event.fromState,
      toState: event.toState,
      fromAgency: agencyOf(event.fromAgencyId),
      toAgency: agencyOf(event.toAgencyId),
      reason: event.reason,
      data:
        event.data !== null && typeof event.data === "object" && !Array.isArray(event.data)
          ? (event.data as Record<string, unknown>)
          : null,
      createdAt: event.createdAt,
    })),
    calls,
    sms: row.smsMessages,
    workable: rolesHold(user.roles, "cases:write") && (await canWork(db, user, row.agencyId)),
  };
}
