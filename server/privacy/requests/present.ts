// A request as the console receives it: its deadlines as Vietnam dates, whether it is overdue or due
// soon today, its handler's name, and (for one request) its history from the audit log.
import { addDays, vietnamClock } from "../../clock/vietnam-time.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { DUE_SOON_DAYS } from "./deadlines.js";
import { deadlineStatus, OPEN_REQUEST_STATES } from "./lifecycle.js";

export const requestInclude = { handler: { select: { name: true } } } as const;
export type RequestListRow = Prisma.DataSubjectRequestGetPayload<{ include: typeof requestInclude }>;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Today and the last day that counts as "due soon", Vietnam dates. */
export function dueWindow(now: Date): { today: string; soonLimit: string } {
  const today = vietnamClock(now).date;
  return { today, soonLimit: addDays(today, DUE_SOON_DAYS) };
}

export function presentRequest(row: RequestListRow, now: Date) {
  const { today, soonLimit } = dueWindow(now);
  const status = deadlineStatus(
    { state: row.state, acknowledgedAt: row.acknowledgedAt, acknowledgeBy: day(row.acknowledgeBy), completeBy: day(row.completeBy) },
    today,
    soonLimit,
  );
  return {
    id: row.id,
    reference: row.reference,
    phone: row.phone,
    requesterName: row.requesterName,
    identityCheck: row.identityCheck,
    kind: row.kind,
    channel: row.channel,
    state: row.state,
    receivedAt: row.receivedAt,
    acknowledgeBy: day(row.acknowledgeBy),
    completeBy: day(row.completeBy),
    acknowledgedAt: row.acknowledgedAt,
    completedAt: row.completedAt,
    ...status,
    handlerId: row.handlerId,
    handlerName: row.handler?.name ?? null,
    outcome: row.outcome,
    documents: row.documents,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Open requests past a pending deadline (the list's overdue filter and the home card). */
export function overdueWhere(now: Date): Prisma.DataSubjectRequestWhereInput {
  const today = new Date(`${dueWindow(now).today}T00:00:00Z`);
  return {
    state: { in: [...OPEN_REQUEST_STATES] },
    OR: [{ completeBy: { lt: today } }, { acknowledgedAt: null, acknowledgeBy: { lt: today } }],
  };
}

/** Open requests not overdue whose pending deadline falls within the next DUE_SOON_DAYS days. */
export function dueSoonWhere(now: Date): Prisma.DataSubjectRequestWhereInput {
  const limit = new Date(`${dueWindow(now).soonLimit}T00:00:00Z`);
  return {
    AND: [
      { state: { in: [...OPEN_REQUEST_STATES] } },
      { NOT: overdueWhere(now) },
      { OR: [{ completeBy: { lte: limit } }, { acknowledgedAt: null, acknowledgeBy: { lte: limit } }] },
    ],
  };
}

export async function requestDetail(db: Db, id: number, now: Date) {
  const row = await db.dataSubjectRequest.findUniqueOrThrow({ where: { id }, include: requestInclude });
  const entries = await db.auditLog.findMany({
    where: { resource: "privacy-requests", resourceId: String(id) },
    include: { actor: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  return {
    ...presentRequest(row, now),
    history: entries.map((entry) => ({
      id: entry.id,
      action: entry.action,
      actorName: entry.actor?.name ?? null,
      state: ((entry.after ?? {}) as { state?: string }).state ?? null,
      note: null,
      createdAt: entry.createdAt,
    })),
  };
}
