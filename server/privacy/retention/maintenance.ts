// Housekeeping that must happen whether or not anyone uses the console.
import type { Job, Queue } from "bullmq";
import {
  ESCALATE_CASES,
  ESCALATION_EVERY_MS,
  type EscalationResult,
  escalateOverdueCases,
  requeueMissingCaseSms,
} from "../../hotline/cases/escalation.js";
import {
  type MonthlyResult,
  PREPARE_MONTHLY_REPORT,
  PREPARE_MONTHLY_REPORT_PATTERN,
  prepareMonthlyReport,
} from "../../hotline/reports/periodic/job.js";
import type { Db } from "../../platform/db/client.js";
import { applyRetention, type RetentionDeps, type RetentionResult } from "./purge.js";

export const PURGE_SESSIONS = "purge-expired-sessions";
/** Deletes recordings and calls past their retention periods (server/privacy/retention). */
export const APPLY_RETENTION = "apply-retention";

/** Registers the repeating jobs; upserting keeps one schedule however many workers start. */
export async function scheduleMaintenance(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(PURGE_SESSIONS, { every: 60 * 60 * 1000 }, { name: PURGE_SESSIONS });
  // Nightly, when nobody is listening to recordings.
  await queue.upsertJobScheduler(APPLY_RETENTION, { pattern: "0 30 2 * * *", tz: "Asia/Ho_Chi_Minh" }, { name: APPLY_RETENTION });
  // Overdue cases and their escalation (server/hotline/cases/escalation.ts).
  await queue.upsertJobScheduler(ESCALATE_CASES, { every: ESCALATION_EVERY_MS }, { name: ESCALATE_CASES });
  // Last month's periodic report, on the province's first working day (server/hotline/reports/periodic/job.ts).
  await queue.upsertJobScheduler(
    PREPARE_MONTHLY_REPORT,
    { pattern: PREPARE_MONTHLY_REPORT_PATTERN, tz: "Asia/Ho_Chi_Minh" },
    { name: PREPARE_MONTHLY_REPORT },
  );
}

export interface MaintenanceDeps extends Omit<RetentionDeps, "db"> {
  /** Where the escalation sweep re-queues case SMS that never reached Redis; without it, none are. */
  casesQueue?: Queue;
}

export function maintenanceProcessor(db: Db, deps: MaintenanceDeps = {}) {
  const { casesQueue, ...retention } = deps;
  return async (job: Job): Promise<{ purged: number } | RetentionResult | EscalationResult | MonthlyResult> => {
    switch (job.name) {
      case PURGE_SESSIONS: {
        const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
        return { purged: count };
      }
      case APPLY_RETENTION:
        return applyRetention({ db, ...retention });
      case ESCALATE_CASES: {
        const now = retention.now?.() ?? new Date();
        const raised = await escalateOverdueCases(db, now);
        const smsRequeued = casesQueue ? await requeueMissingCaseSms(db, casesQueue, now) : 0;
        return { ...raised, smsRequeued };
      }
      case PREPARE_MONTHLY_REPORT:
        return prepareMonthlyReport(db, { now: new Date() });
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
