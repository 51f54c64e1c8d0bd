// Queue names and the options every queue shares. Job payloads carry ids only, never personal data.
import { Queue, type QueueOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Config } from "../../config.js";
import { bullConnectionOptions } from "../redis.js";

export const MAINTENANCE_QUEUE = "maintenance";
/** Post-call survey SMS: one job per call, payload { callId }. */
export const SURVEYS_QUEUE = "surveys";
/** Service SMS about cases: one job per case and purpose, payload { caseId, purpose }. */
export const CASES_QUEUE = "cases";

/** SMS campaigns: one dispatcher job per campaign (jobId campaign-dispatch-<id>) and delayed launches; payload { campaignId }. */
export const CAMPAIGNS_QUEUE = "campaigns";
/** The sink provider's simulated delivery receipts: payload { messageId, providerMessageId, status } (ids only). */
export const SINK_RECEIPTS_QUEUE = "sink-receipts";
/** Campaign send batches: payload { campaignId, recipientIds } (ids only; numbers stay in PostgreSQL). */
export const CAMPAIGN_SEND_QUEUE = "campaign-send";

/** Data-subject requests' long work: one erasure job per request, payload { requestId } (the number stays in PostgreSQL). */
export const PRIVACY_QUEUE = "privacy";

/**
 * `connection`: a client of the caller's own, such as the HTTP process's fail-fast one (its calls must
 * fail at once while Redis is down: server/platform/redis.ts); the caller closes it. Otherwise the queue opens
 * and closes its own.
 */
export interface QueueConnection {
  connection?: Redis;
}

export function queueOptions(config: Config, options: QueueConnection = {}): QueueOptions {
  return {
    connection: options.connection ?? bullConnectionOptions(config.REDIS_URL),
    prefix: config.REDIS_PREFIX,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 5_000 },
      // Bounded history: Redis must not grow with every job ever run.
      removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
      removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
    },
  };
}

export function maintenanceQueue(config: Config): Queue {
  return new Queue(MAINTENANCE_QUEUE, queueOptions(config));
}

export function surveysQueue(config: Config): Queue {
  return new Queue(SURVEYS_QUEUE, queueOptions(config));
}

export function casesQueue(config: Config): Queue {
  return new Queue(CASES_QUEUE, queueOptions(config));
}

export function campaignsQueue(config: Config, options: QueueConnection = {}): Queue {
  return new Queue(CAMPAIGNS_QUEUE, queueOptions(config, options));
}

export function campaignSendQueue(config: Config): Queue {
  return new Queue(CAMPAIGN_SEND_QUEUE, queueOptions(config));
}

export function sinkReceiptsQueue(config: Config, options: QueueConnection = {}): Queue {
  return new Queue(SINK_RECEIPTS_QUEUE, queueOptions(config, options));
}

export function privacyQueue(config: Config, options: QueueConnection = {}): Queue {
  return new Queue(PRIVACY_QUEUE, queueOptions(config, options));
}
