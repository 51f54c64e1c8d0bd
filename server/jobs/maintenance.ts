// Housekeeping that must happen whether or not anyone uses the console.
import type { Job, Queue } from "bullmq";
import type { Db } from "../db/client.js";

export const PURGE_SESSIONS = "purge-expired-sessions";

/** Registers the repeating jobs; upserting keeps one schedule however many workers start. */
export async function scheduleMaintenance(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(PURGE_SESSIONS, { every: 60 * 60 * 1000 }, { name: PURGE_SESSIONS });
}

export function maintenanceProcessor(db: Db) {
  return async (job: Job): Promise<{ purged: number }> => {
    switch (job.name) {
      case PURGE_SESSIONS: {
        const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
        return { purged: count };
      }
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
