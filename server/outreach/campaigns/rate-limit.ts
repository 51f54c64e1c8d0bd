// A token bucket per sender in Redis, shared by every worker process: a sender's messages per
// second hold however many workers run. Redis's own clock (TIME) is the reference, so processes
// with drifting clocks agree. A rate of 0 or less turns the limit off.
import type { Redis } from "ioredis";

export interface RateLimiter {
  /** Resolves when one message of this sender may go out. */
  acquire(senderId: number, perSecond: number): Promise<void>;
}

// KEYS[1] bucket; ARGV[1] rate per second; ARGV[2] burst. Returns 0 (take it) or ms to wait.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return wait
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function redisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async acquire(senderId, perSecond) {
      if (!(perSecond > 0)) return;
      // A burst of one second's worth at most: a sliding second never carries more than ~2× the rate.
      const burst = Math.max(1, perSecond);
      for (;;) {
        const wait = Number(await redis.eval(TAKE, 1, `${prefix}:sms-rate:${senderId}`, perSecond, burst));
        if (wait <= 0) return;
        await sleep(wait);
      }
    },
  };
}

export const noRateLimit: RateLimiter = { acquire: async () => {} };
