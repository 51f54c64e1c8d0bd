// Housekeeping that must happen whether or not anyone uses the console.
import type { Job, Queue } from "bullmq";
import type { Db } from "../../platform/db/client.js";
import { applyRetention, type RetentionDeps, type RetentionResult } from "./purge.js";

export const PURGE_SESSIONS = "purge-expired-sessions";
/** Deletes recordings and calls past their retention periods (server/hotline/retention). */
export const APPLY_RETENTION = "apply-retention";

/** Registers the repeating jobs; upserting keeps one schedule however many workers start. */
export async function scheduleMaintenance(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(PURGE_SESSIONS, { every: 60 * 60 * 1000 }, { name: PURGE_SESSIONS });
  // Nightly, when nobody is listening to recordings.
  await queue.upsertJobScheduler(APPLY_RETENTION, { pattern: "0 30 2 * * *", tz: "Asia/Ho_Chi_Minh" }, { name: APPLY_RETENTION });
}

export function maintenanceProcessor(db: Db, deps: Omit<RetentionDeps, "db"> = {}) {
  return async (job: Job): Promise<{ purged: number } | RetentionResult> => {
    switch (job.name) {
      case PURGE_SESSIONS: {
        const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
        return { purged: count };
      }
      case APPLY_RETENTION:
        return applyRetention({ db, ...deps });
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
