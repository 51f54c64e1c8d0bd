// The sink's simulated delivery receipts go through a queue job, not a timer in the sending process:
// a worker killed with SIGKILL or stopped with SIGTERM, or PostgreSQL down when the receipt is due,
// no longer loses it. The job is delayed by the sink's receipt delay, retried with backoff until the
// database takes it, and applied by the worker through the same code as a real provider's receipt,
// so development and tests see the same eventual 'delivered' or 'undelivered'.
import type { Job, Queue } from "bullmq";
import type { Db } from "../db/client.js";
import { withinDeadline } from "../jobs/deadline.js";
import { applyMessageStatus } from "./messages.js";

export const SINK_RECEIPT_JOB = "sink-receipt";

/** Ids only: the number stays in sms_messages. */
export interface SinkReceiptJobData {
  /** Our sms_messages row, when the send carried a status callback URL. */
  messageId?: number;
  providerMessageId: string;
  status: "delivered" | "undelivered";
  errorCode?: string;
}

export interface SinkReceipts {
  /** Queues the receipt to be applied after `delayMs`. Resolves once Redis holds the job. */
  schedule(receipt: SinkReceiptJobData, delayMs: number): Promise<void>;
}

/** Custom job ids must not contain ':'; one job per accepted message, however often it is scheduled. */
export const sinkReceiptJobId = (providerMessageId: string) => `sink-receipt-${providerMessageId}`;

/** How long a send waits for Redis to take its receipt before going on without it (logged). */
const SCHEDULE_DEADLINE_MS = 2000;

export function queuedSinkReceipts(queue: Queue): SinkReceipts {
  return {
    async schedule(receipt, delayMs) {
      await withinDeadline(
        "sink receipt",
        queue.add(SINK_RECEIPT_JOB, receipt, {
          jobId: sinkReceiptJobId(receipt.providerMessageId),
          delay: Math.max(0, delayMs),
          // PostgreSQL down for a while: 1 s, 2 s, 4 s … about 68 minutes in all.
          attempts: 12,
          backoff: { type: "exponential", delay: 1000 },
          removeOnComplete: true,
          removeOnFail: { count: 1000 },
        }),
        SCHEDULE_DEADLINE_MS,
      );
    },
  };
}

export function sinkReceiptProcessor(db: Db) {
  return async (job: Job<SinkReceiptJobData>): Promise<{ applied: boolean }> => {
    const { messageId, providerMessageId, status, errorCode } = job.data;
    // When the receipt was due, however late a database outage lets it be applied.
    const at = new Date(job.timestamp + (job.opts.delay ?? 0));
    // A repeated receipt changes nothing (applyMessageStatus only moves a message forward).
    const applied = await applyMessageStatus(db, { messageId, providerMessageId, status, errorCode, at });
    if (!applied) {
      // Re-queued after a crash (by provider id only): the row gets that id when the reconciler
      // records the accepted message, perhaps a moment later. Until then, retry with backoff.
      const known = await db.smsMessage.count({ where: messageId !== undefined ? { id: messageId } : { providerMessageId } });
      if (known === 0) throw new Error("sink receipt: message not recorded yet");
    }
    return { applied };
  };
}
