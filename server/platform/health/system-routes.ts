// GET /api/system/health, for administrators: readiness of PostgreSQL and Redis (as /readyz), and
// every job queue's backlog and failed jobs, the signs that the worker process is down or failing.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Queue } from "bullmq";
import { SystemHealth } from "../../contract/platform/system-health.js";
import { CAMPAIGN_SEND_QUEUE, CAMPAIGNS_QUEUE, MAINTENANCE_QUEUE, SINK_RECEIPTS_QUEUE, SURVEYS_QUEUE } from "../jobs/queues.js";
import { readiness, withTimeout } from "./readiness.js";

/** Every queue the worker consumes, including those only the worker adds to. */
const QUEUE_NAMES = [SURVEYS_QUEUE, CAMPAIGNS_QUEUE, CAMPAIGN_SEND_QUEUE, SINK_RECEIPTS_QUEUE, MAINTENANCE_QUEUE];
const BACKLOG = ["waiting", "delayed", "prioritized"] as const;

const systemRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook("preHandler", fastify.allow("system:health"));
  // Read-only handles on the request connection, which fails fast while Redis is down.
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: fastify.redis, prefix: fastify.config.REDIS_PREFIX }));
  fastify.addHook("onClose", async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  });

  fastify.get("/health", { schema: { response: { 200: SystemHealth } } }, async () => {
    const { down, checks } = await readiness(fastify);
    const figures = down.includes("redis")
      ? []
      : await withTimeout(
          Promise.all(
            queues.map(async (queue) => {
              const counts = await queue.getJobCounts(...BACKLOG, "active", "failed");
              const backlog = BACKLOG.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
              return { name: queue.name, backlog, active: counts.active ?? 0, failed: counts.failed ?? 0 };
            }),
          ),
          "redis",
        ).catch(() => []);
    return { status: down.length ? ("unavailable" as const) : ("ok" as const), checks, queues: figures, checkedAt: new Date() };
  });
};

export default systemRoutes;
