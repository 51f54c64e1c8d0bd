// A sender's messages per second, shared by every worker process: a sliding-window log per sender in
// Redis. A grant is made only while the grants of the last window leave room, and the window of a
// grant counts from when its messages went out (the worker says so, `sent`), not from when it was
// granted: however long the sends took, the next messages in that room leave at least a window after
// the last of them. So no second of the sender's sends, as the gateway sees them, holds more than the
// rate. Redis's own clock (TIME) is the reference, so processes with drifting clocks agree. Grants
// are small (a tenth of a second's worth), so a worker sends a few and says so, and the log holds a
// few entries a second, not one per message. A rate of 0 or less turns the limit off.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

export interface Grant {
  /** How many messages may go out: at least 1. */
  count: number;
  /**
   * `n` of them (all, when not given) went out: from now on the window counts those, and the rest
   * (recipients skipped, or none claimed) go back to the sender.
   */
  sent(n?: number): Promise<void>;
}

export interface RateLimiter {
  /** Waits while the sender's window is full; then grants at least 1 message and at most `want`. */
  take(senderId: number, perSecond: number, want: number): Promise<Grant>;
}

/**
 * How much longer than a second the window is, in ms: the gateway's timestamps are whole
 * milliseconds, so two sends a window apart must not round into one second.
 */
const WINDOW_MARGIN_MS = 3;

/** The grants that fit in one window: a rate below 1 becomes one message per 1/rate seconds. */
function windowOf(perSecond: number): { limit: number; windowMs: number; grantAtMost: number } {
  if (perSecond >= 1) {
    const limit = Math.floor(perSecond);
    return { limit, windowMs: 1000 + WINDOW_MARGIN_MS, grantAtMost: Math.max(1, Math.ceil(limit / 10)) };
  }
  return { limit: 1, windowMs: Math.ceil(1000 / perSecond) + WINDOW_MARGIN_MS, grantAtMost: 1 };
}

// An entry of the log: "<ms>:<count>:<token>", oldest first.
// TAKE: KEYS[1] the log; ARGV limit, want, window ms, token. Returns {granted, wait ms, entry}:
// granted > 0, or 0 and how long until the oldest entry leaves the window.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local limit = tonumber(ARGV[1])
local want = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local used = 0
local expired = 0
local oldest = nil
for i, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local a = string.find(entry, ':', 1, true)
  local b = string.find(entry, ':', a + 1, true)
  local at = tonumber(string.sub(entry, 1, a - 1))
  if at <= now - window then
    expired = i
  else
    if oldest == nil then oldest = at end
    used = used + tonumber(string.sub(entry, a + 1, b - 1))
  end
end
if expired > 0 then redis.call('LTRIM', KEYS[1], expired, -1) end
local free = limit - used
if free >= 1 then
  local granted = math.min(want, free)
  local entry = string.format('%.3f', now) .. ':' .. granted .. ':' .. ARGV[4]
  redis.call('RPUSH', KEYS[1], entry)
  redis.call('PEXPIRE', KEYS[1], math.ceil(window) * 2)
  return {granted, 0, entry}
end
return {0, math.max(1, math.ceil(oldest + window - now)), ''}
`;

// SENT: KEYS[1] the log; ARGV the entry, how many went out and the token. The entry moves to the
// end with that count, stamped now (every entry's stamp is at most now, so the log stays in order);
// none went out: it is gone.
const SENT = `
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return 0 end
if tonumber(ARGV[2]) == 0 then return 1 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('RPUSH', KEYS[1], string.format('%.3f', now) .. ':' .. ARGV[2] .. ':' .. ARGV[3])
return 1
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unlimited = (want: number): Grant => ({ count: Math.max(1, Math.floor(want)), sent: async () => {} });

export function redisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async take(senderId, perSecond, want) {
      if (!(perSecond > 0)) return unlimited(want);
      const { limit, windowMs, grantAtMost } = windowOf(perSecond);
      const key = `${prefix}:sms-rate-log:${senderId}`;
      const token = randomBytes(6).toString("hex");
      const wanted = Math.max(1, Math.min(Math.floor(want), grantAtMost));
      for (;;) {
        const [granted, wait, entry] = (await redis.eval(TAKE, 1, key, limit, wanted, windowMs, token)) as [number, number, string];
        if (granted > 0) {
          // Without Redis the grant keeps the moment it was made: the sends are recorded all the same.
          const sent = (n = granted) =>
            redis.eval(SENT, 1, key, entry, Math.max(0, Math.min(n, granted)), token).then(
              () => {},
              () => {},
            );
          return { count: granted, sent };
        }
        await sleep(wait);
      }
    },
  };
}

export const noRateLimit: RateLimiter = { take: async (_senderId, _perSecond, want) => unlimited(want) };
