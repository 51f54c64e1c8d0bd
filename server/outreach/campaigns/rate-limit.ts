// A sender's messages per second, shared by every worker process: a sliding-window log per sender in
// Redis. Each grant is logged with Redis's own clock (TIME), so processes with drifting clocks agree,
// and a grant is made only while the grants of the last window leave room: no window of the
// sender's sends ever holds more than its rate. Grants are taken in bulk (a batch asks for as many as
// it is about to send), so the log holds a few entries a second, not one per message.
//
// The window is a little longer than a second: a grant is sent right after it is made, but not in
// the same millisecond, and one grant may reach the gateway a few milliseconds later than the one a
// second after it. The margin keeps every second as the gateway sees it within the rate, for about
// 2% of throughput. A rate of 0 or less turns the limit off.
import type { Redis } from "ioredis";

export interface RateLimiter {
  /**
   * Resolves with how many messages of this sender may go out now: at least 1, at most `want`.
   * Waits while the sender's window is full.
   */
  take(senderId: number, perSecond: number, want: number): Promise<number>;
}

/** How much longer than a second the window is, in ms (see the top of this file). */
export const WINDOW_MARGIN_MS = 15;

/** The grants that fit in one window: a rate below 1 becomes one message per 1/rate seconds. */
export function windowOf(perSecond: number): { limit: number; windowMs: number } {
  if (perSecond >= 1) return { limit: Math.floor(perSecond), windowMs: 1000 + WINDOW_MARGIN_MS };
  return { limit: 1, windowMs: Math.ceil(1000 / perSecond) + WINDOW_MARGIN_MS };
}

// KEYS[1] the log (a list of "ms:count", oldest first). ARGV: limit, want, window ms.
// Returns {granted, wait ms}: granted > 0, or 0 and how long until the oldest grant leaves the window.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local limit = tonumber(ARGV[1])
local want = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local used = 0
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
local expired = 0
local oldest = nil
for i, entry in ipairs(entries) do
  local sep = string.find(entry, ':', 1, true)
  local at = tonumber(string.sub(entry, 1, sep - 1))
  if at <= now - window then
    expired = i
  else
    if oldest == nil then oldest = at end
    used = used + tonumber(string.sub(entry, sep + 1))
  end
end
if expired > 0 then redis.call('LTRIM', KEYS[1], expired, -1) end
local free = limit - used
if free >= 1 then
  local granted = math.min(want, free)
  redis.call('RPUSH', KEYS[1], string.format('%.3f', now) .. ':' .. granted)
  redis.call('PEXPIRE', KEYS[1], math.ceil(window) * 2)
  return {granted, 0}
end
return {0, math.max(1, math.ceil(oldest + window - now))}
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function redisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async take(senderId, perSecond, want) {
      const wanted = Math.max(1, Math.floor(want));
      if (!(perSecond > 0)) return wanted;
      const { limit, windowMs } = windowOf(perSecond);
      for (;;) {
        const [granted, wait] = (await redis.eval(TAKE, 1, `${prefix}:sms-rate-log:${senderId}`, limit, wanted, windowMs)) as [
          number,
          number,
        ];
        if (granted > 0) return granted;
        await sleep(wait);
      }
    },
  };
}

export const noRateLimit: RateLimiter = { take: async (_senderId, _perSecond, want) => Math.max(1, Math.floor(want)) };
