// Handing a committed launch, resume or resend to the job queue from an HTTP request. PostgreSQL
// already holds the decision, so a Redis outage must neither hang the request nor undo it: the queue
// gets a short deadline, and when it cannot take the job the campaign is marked "dispatch pending"
// (shown by the API and the console) for the worker's reconciler (reconcile.ts) to start later.
import type { Db } from "../db/client.js";
import { withinDeadline } from "../jobs/deadline.js";

export interface HandOverLog {
  warn(obj: object, msg: string): void;
}

/** Runs `enqueue` (idempotent by job id); returns true when dispatch is left pending. */
export async function handOverToQueue(
  db: Db,
  log: HandOverLog,
  campaignId: number,
  what: string,
  enqueue: () => Promise<void>,
): Promise<boolean> {
  try {
    await withinDeadline(what, enqueue());
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    log.warn({ campaignId, what, err: String(error), cause }, "job queue unreachable: campaign dispatch pending");
    await db.campaign.updateMany({ where: { id: campaignId, dispatchPendingSince: null }, data: { dispatchPendingSince: new Date() } });
    return true;
  }
  // Queued now: an earlier mark from an outage is obsolete.
  await db.campaign.updateMany({ where: { id: campaignId, dispatchPendingSince: { not: null } }, data: { dispatchPendingSince: null } });
  return false;
}
