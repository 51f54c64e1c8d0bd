// Overdue cases and their escalation, run every 15 minutes by the maintenance worker. An open case
// past its dueAt gets level 1 (the owning agency's supervisors); `escalate_after_days` working days
// later, level 2 (the parent agency's supervisors too). Idempotent: each raise is a conditional update
// on the level, so a repeated or concurrent run raises nothing twice; a run that missed a day raises
// straight to the level due, with one event per level.
// Also re-queues any service SMS a case should have had but whose job never reached Redis (an outage
// at the moment the case was created, answered or closed): the send itself is at most once.
import type { Queue } from "bullmq";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { escalationAt } from "./deadline.js";
import { OPEN_STATES } from "./lifecycle.js";
import type { CaseSmsPurpose } from "./messages.js";
import { loadSchedules } from "./schedules.js";
import { scheduleCaseSms } from "./sms-job.js";

export const ESCALATE_CASES = "escalate-cases";
export const ESCALATION_EVERY_MS = 15 * 60 * 1000;

export interface EscalationResult {
  level1: number;
  level2: number;
  smsRequeued: number;
}

/** Raises every overdue open case to the level due at `now`. */
export async function escalateOverdueCases(db: Db, now: Date): Promise<Omit<EscalationResult, "smsRequeued">> {
  const candidates = await db.case.findMany({
    where: { state: { in: [...OPEN_STATES] }, dueAt: { lte: now }, escalationLevel: { lt: 2 } },
    select: { id: true, kind: true, agencyId: true, dueDate: true, escalationLevel: true },
    orderBy: { id: "asc" },
  });
  if (candidates.length === 0) return { level1: 0, level2: 0 };
  const levels = new Map((await db.caseServiceLevel.findMany()).map((level) => [level.kind, level.escalateAfterDays]));
  const earliest = new Date(Math.min(...candidates.map((c) => c.dueDate.getTime())));
  const schedules = await loadSchedules(db, earliest);
  let level1 = 0;
  let level2 = 0;
  for (const candidate of candidates) {
    const dueDate = candidate.dueDate.toISOString().slice(0, 10);
    const secondAt = escalationAt(schedules(candidate.agencyId), dueDate, levels.get(candidate.kind) ?? 2);
    const target = now >= secondAt ? 2 : 1;
    if (target <= candidate.escalationLevel) continue;
    const raised = await raise(db, candidate.id, candidate.escalationLevel, target, now);
    if (raised.includes(1)) level1++;
    if (raised.includes(2)) level2++;
  }
  return { level1, level2 };
}

/** One case from `from` to `to`, if nobody (another run, an answer) moved it meanwhile. Returns the levels reached. */
async function raise(db: Db, id: number, from: number, to: number, now: Date): Promise<number[]> {
  return auditedWrite(db, {
    actorId: null,
    resource: "cases",
    action: "escalate",
    write: async (tx) => {
      const { count } = await tx.case.updateMany({
        where: { id, escalationLevel: from, state: { in: [...OPEN_STATES] }, dueAt: { lte: now } },
        data: { escalationLevel: to, escalatedAt: now },
      });
      if (count === 0) return [];
      const reached: number[] = [];
      for (let level = from + 1; level <= to; level++) reached.push(level);
      const events: Prisma.CaseEventCreateManyInput[] = reached.map((level) => ({
        caseId: id,
        type: "escalated",
        data: { level },
        createdAt: now,
      }));
      await tx.caseEvent.createMany({ data: events });
      return reached;
    },
    audit: (reached) => (reached.length > 0 ? { resourceId: id, before: { escalationLevel: from }, after: { escalationLevel: to } } : null),
  });
}

/** How far back the sweep looks for a service SMS that was never queued. */
const SMS_SWEEP_WINDOW_MS = 2 * 24 * 3600 * 1000;
/** Leaves the job queued by the request itself time to run before the sweep doubles it (harmless anyway). */
const SMS_SWEEP_GRACE_MS = 5 * 60 * 1000;

/** Queues the service SMS that recent cases should have had and have no message row for. */
export async function requeueMissingCaseSms(db: Db, queue: Queue, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SMS_SWEEP_WINDOW_MS);
  const before = new Date(now.getTime() - SMS_SWEEP_GRACE_MS);
  const missing = (purpose: CaseSmsPurpose): Prisma.CaseWhereInput => ({ smsMessages: { none: { purpose } } });
  const sweeps: [CaseSmsPurpose, Prisma.CaseWhereInput][] = [
    ["case_created", { createdAt: { gte: since, lt: before }, ...missing("case_created") }],
    ["case_answered", { state: { in: ["answered", "closed"] }, answeredAt: { gte: since, lt: before }, ...missing("case_answered") }],
    ["case_survey", { state: "closed", answeredAt: { not: null }, closedAt: { gte: since, lt: before }, ...missing("case_survey") }],
  ];
  let queued = 0;
  for (const [purpose, where] of sweeps) {
    const rows = await db.case.findMany({ where, select: { id: true }, take: 500 });
    for (const row of rows) await scheduleCaseSms(queue, row.id, purpose);
    queued += rows.length;
  }
  return queued;
}
