// The per-sender rate limit holds across limiter instances (as across worker processes): one Redis bucket.
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";
import { redisRateLimiter } from "../../../server/outreach/campaigns/rate-limit.js";
import { clearRedisPrefix, testConfig } from "../../helpers/app.js";

const config = testConfig();
const redis = new Redis(config.REDIS_URL);
afterAll(async () => {
  redis.disconnect();
  await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
});

it("lets through at most the configured messages per second, shared by every worker", async () => {
  const workers = [redisRateLimiter(redis, config.REDIS_PREFIX), redisRateLimiter(redis, config.REDIS_PREFIX)];
  const times: number[] = [];
  const started = Date.now();
  // Two "workers" take 60 tokens of a 20-per-second sender between them.
  await Promise.all(
    workers.map(async (limiter) => {
      for (let i = 0; i < 30; i++) {
        await limiter.acquire(7, 20);
        times.push(Date.now() - started);
      }
    }),
  );
  const elapsed = Date.now() - started;
  // The first second's burst (20), then 20 per second: 60 messages need at least 2 s.
  expect(elapsed).toBeGreaterThanOrEqual(1900);
  expect(elapsed).toBeLessThan(4000);
  // No sliding second after the initial burst carries more than the rate plus one.
  times.sort((a, b) => a - b);
  for (const t0 of times.filter((t) => t >= 1000)) expect(times.filter((t) => t >= t0 && t < t0 + 1000).length).toBeLessThanOrEqual(21);
  // Another sender is not slowed down by this one, and 0 means no limit.
  const other = Date.now();
  for (let i = 0; i < 20; i++) await workers[0]?.acquire(8, 20);
  for (let i = 0; i < 1000; i++) await workers[0]?.acquire(9, 0);
  expect(Date.now() - other).toBeLessThan(500);
});
