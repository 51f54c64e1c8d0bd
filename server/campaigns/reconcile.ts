// The worker's reconciler: PostgreSQL says which campaigns need a dispatcher; Redis may have lost it
// (restart without persistence), never received it (the launch was committed while Redis was down,
// or the server was killed between commit and enqueue), or failed it for good. Every running
// campaign gets its dispatcher and every requested launch its delayed job, both idempotent by job id,
// and the "dispatch pending" marks the API left are cleared once that is done.
import type { Queue } from "bullmq";
import type { Db } from "../db/client.js";
import { scheduleDispatch, scheduleLaunch } from "./jobs.js";
import { campaignsToResume } from "./service.js";

export interface ReconcileResult {
  dispatchers: number;
  launches: number;
  /** Campaigns whose launch had been committed without a dispatcher and now has one. */
  pendingStarted: number[];
}

export async function reconcileCampaigns(db: Db, queue: Queue, now = new Date()): Promise<ReconcileResult> {
  const resume = await campaignsToResume(db);
  for (const id of resume.running) await scheduleDispatch(queue, id);
  for (const { id, at } of resume.launches) await scheduleLaunch(queue, id, at.getTime() - now.getTime());
  // Only marks set before this pass read the campaigns: a newer one gets its dispatcher next pass.
  const cleared = await db.$queryRaw<{ id: number }[]>`
    UPDATE campaigns SET dispatch_pending_since = NULL WHERE dispatch_pending_since <= ${now} RETURNING id`;
  return { dispatchers: resume.running.length, launches: resume.launches.length, pendingStarted: cleared.map((c) => c.id) };
}
