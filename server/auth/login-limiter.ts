// Failed-login limit per account and per client address, kept in Redis so it holds across
// server processes. Counting only failures means a user who logs in correctly is never slowed.
import type { Redis } from "ioredis";

export interface LoginLimiter {
  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(username: string, ip: string): Promise<number>;
  recordFailure(username: string, ip: string): Promise<void>;
  recordSuccess(username: string): Promise<void>;
}

export function createLoginLimiter(redis: Redis, prefix: string, maxFailures: number, windowSeconds: number): LoginLimiter {
  const keys = (username: string, ip: string) => [
    `${prefix}:login-failures:account:${username.toLowerCase()}`,
    `${prefix}:login-failures:ip:${ip}`,
  ];
  return {
    async retryAfter(username, ip) {
      const pipeline = redis.pipeline();
      for (const key of keys(username, ip)) pipeline.get(key).ttl(key);
      const results = (await pipeline.exec()) ?? [];
      let wait = 0;
      for (let i = 0; i < results.length; i += 2) {
        const count = Number(results[i]?.[1] ?? 0);
        const ttl = Number(results[i + 1]?.[1] ?? 0);
        if (count >= maxFailures) wait = Math.max(wait, ttl > 0 ? ttl : windowSeconds);
      }
      return wait;
    },
    async recordFailure(username, ip) {
      const pipeline = redis.pipeline();
      for (const key of keys(username, ip)) pipeline.incr(key).expire(key, windowSeconds, "NX");
      await pipeline.exec();
    },
    async recordSuccess(username) {
      await redis.del(`${prefix}:login-failures:account:${username.toLowerCase()}`);
    },
  };
}
