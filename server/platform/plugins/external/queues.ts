// BullMQ queues the HTTP process adds jobs to (the worker process consumes them). Job payloads are
// ids only. Closed on shutdown after the routes have drained.
import type { Queue } from "bullmq";
import fp from "fastify-plugin";
import { campaignsQueue, casesQueue, privacyQueue, sinkReceiptsQueue, surveysQueue } from "../../jobs/queues.js";
import { createFailFastRedis } from "../../redis.js";

export interface Queues {
  /** Post-call survey SMS: add jobs with scheduleSurveySms (server/hotline/surveys/sms-job.ts). */
  surveys: Queue;
  /** Service SMS about cases: add jobs with scheduleCaseSms (server/hotline/cases/sms-job.ts). */
  cases: Queue;
  /**
   * Campaign dispatchers and scheduled launches (server/outreach/campaigns/jobs.ts). Fails fast while Redis is
   * down: a launch answers at once and the worker's reconciler starts the dispatcher later.
   */
  campaigns: Queue;
  /** The sink provider's simulated receipts for messages this process sends (opt-out confirmations). */
  sinkReceipts: Queue;
  /** Erasures of data-subject requests (server/privacy/erasure/job.ts); fails fast: the officer is told at once. */
  privacy: Queue;
}

declare module "fastify" {
  interface FastifyInstance {
    queues: Queues;
  }
}

export default fp(
  async (fastify) => {
    // Ours, not BullMQ's: closing a queue makes BullMQ send QUIT on a connection it owns, which a
    // fail-fast connection cannot do while Redis is down; this one is simply dropped on shutdown.
    const failFast = createFailFastRedis(fastify.config.REDIS_URL);
    // Its outages are reported by the queues' own error listeners below and by /readyz.
    failFast.on("error", () => {});
    const queues: Queues = {
      surveys: surveysQueue(fastify.config),
      cases: casesQueue(fastify.config),
      campaigns: campaignsQueue(fastify.config, { connection: failFast }),
      sinkReceipts: sinkReceiptsQueue(fastify.config, { connection: failFast }),
      privacy: privacyQueue(fastify.config, { connection: failFast }),
    };
    for (const [name, queue] of Object.entries(queues)) {
      // Without a listener a Redis outage would surface as unhandled errors; /readyz reports it.
      let down = false;
      queue.on("error", (error: Error) => {
        if (!down) fastify.log.warn({ queue: name, err: error.message }, "queue cannot reach Redis; retrying");
        down = true;
      });
    }
    fastify.decorate("queues", queues);
    fastify.addHook("onClose", async () => {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      failFast.disconnect();
    });
  },
  { name: "queues", dependencies: ["config"] },
);
