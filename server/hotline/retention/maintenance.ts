// Housekeeping that must happen whether or not anyone uses the console.
import type { Job, Queue } from "bullmq";
import type { Db } from "../../platform/db/client.js";
import {
  type MonthlyResult,
  PREPARE_MONTHLY_REPORT,
  PREPARE_MONTHLY_REPORT_PATTERN,
  prepareMonthlyReport,
} from "../reports/periodic/job.js";
import { applyRetention, type RetentionDeps, type RetentionResult } from "./purge.js";

export const PURGE_SESSIONS = "purge-expired-sessions";
/** Deletes recordings and calls past their retention periods (server/hotline/retention). */
export const APPLY_RETENTION = "apply-retention";

/** Registers the repeating jobs; upserting keeps one schedule however many workers start. */
export async function scheduleMaintenance(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(PURGE_SESSIONS, { every: 60 * 60 * 1000 }, { name: PURGE_SESSIONS });
  // Nightly, when nobody is listening to recordings.
  await queue.upsertJobScheduler(APPLY_RETENTION, { pattern: "0 30 2 * * *", tz: "Asia/Ho_Chi_Minh" }, { name: APPLY_RETENTION });
  // Last month's periodic report, on the province's first working day (server/hotline/reports/periodic/job.ts).
  await queue.upsertJobScheduler(
    PREPARE_MONTHLY_REPORT,
    { pattern: PREPARE_MONTHLY_REPORT_PATTERN, tz: "Asia/Ho_Chi_Minh" },
    { name: PREPARE_MONTHLY_REPORT },
  );
}

export interface MaintenanceDeps extends Omit<RetentionDeps, "db"> {
  /** The satisfaction report's service level threshold (SERVICE_LEVEL_SECONDS), for the periodic report's reads. */
  serviceLevelSeconds?: number;
}

export function maintenanceProcessor(db: Db, deps: MaintenanceDeps = {}) {
  const { serviceLevelSeconds = 20, ...retention } = deps;
  return async (job: Job): Promise<{ purged: number } | RetentionResult | MonthlyResult> => {
    switch (job.name) {
      case PURGE_SESSIONS: {
        const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
        return { purged: count };
      }
      case APPLY_RETENTION:
        return applyRetention({ db, ...retention });
      case PREPARE_MONTHLY_REPORT:
        return prepareMonthlyReport(db, { now: new Date(), serviceLevelSeconds });
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
