import type { ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";

const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2000);

/**
 * Connection for request handlers: fails fast while Redis is down (no offline queue, one try),
 * so /readyz and logins answer at once instead of hanging, and reconnects by itself.
 */
export function createCommandRedis(url: string): Redis {
  return new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy });
}

/**
 * For queues the HTTP process adds jobs to: while Redis is unreachable a call fails at once instead
 * of waiting in ioredis' offline queue for the whole outage (a request must never hang on Redis).
 * Not lazy: BullMQ waits for it to be ready.
 */
export function createFailFastRedis(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy });
}

/** What BullMQ workers require: blocking commands must never give up while Redis restarts. */
export function bullConnectionOptions(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null, retryStrategy };
}
