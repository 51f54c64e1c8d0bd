// Failed-login limits, kept in Redis so they hold across server processes. Only failures count, so
// someone who types the right password is never slowed by their own past. Three counters:
// - per (account, address): an address that keeps guessing one account is refused for that account,
//   while the owner, elsewhere, still logs in: a stranger cannot lock an official out;
// - per address across accounts: one address cannot sweep through many accounts;
// - per account across addresses: past a high ceiling, each further failure closes the account for
//   a doubling delay, so guesses spread over many addresses stay slow without a fixed lockout.
// The account is the user whatever identifier was typed (username or e-mail); an identifier that
// names nobody is counted under its normalised form, so guessing unknown names is limited too.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { addressKey } from "../http/address-key.js";

export interface LoginLimits {
  perAccountAndAddress: number;
  perAddress: number;
  perAccount: number;
  windowSeconds: number;
}

export interface LoginLimiter {
  /** Seconds before this address may try this account again, or 0. */
  retryAfter(account: string, ip: string): Promise<number>;
  recordFailure(account: string, ip: string): Promise<void>;
  /** Forgets the owner's own typos from this address. */
  recordSuccess(account: string, ip: string): Promise<void>;
}

/** The account a login attempt counts against: the user's id, or the identifier that matched nobody. */
export function loginAccount(userId: number | undefined, identifier: string): string {
  if (userId !== undefined) return `user:${userId}`;
  // Hashed: the key stays short and free of whatever bytes the client sent.
  return `name:${createHash("sha256").update(identifier.normalize("NFKC").toLowerCase()).digest("hex")}`;
}

export function createLoginLimiter(redis: Redis, prefix: string, limits: LoginLimits): LoginLimiter {
  const keys = (account: string, ip: string) => {
    const address = addressKey(ip);
    return {
      pair: `${prefix}:login:pair:${account}:${address}`,
      address: `${prefix}:login:address:${address}`,
      account: `${prefix}:login:account:${account}`,
      closed: `${prefix}:login:account-closed:${account}`,
    };
  };
  const { windowSeconds } = limits;

  return {
    async retryAfter(account, ip) {
      const k = keys(account, ip);
      const results = (await redis.pipeline().get(k.pair).ttl(k.pair).get(k.address).ttl(k.address).pttl(k.closed).exec()) ?? [];
      const [pairCount, pairTtl, addressCount, addressTtl, closedMs] = results.map(([error, value]) => {
        if (error) throw error;
        return Number(value ?? 0);
      }) as [number, number, number, number, number];
      const remaining = (ttl: number) => (ttl > 0 ? ttl : windowSeconds);
      let wait = 0;
      if (pairCount >= limits.perAccountAndAddress) wait = Math.max(wait, remaining(pairTtl));
      if (addressCount >= limits.perAddress) wait = Math.max(wait, remaining(addressTtl));
      if (closedMs > 0) wait = Math.max(wait, Math.ceil(closedMs / 1000));
      return wait;
    },

    async recordFailure(account, ip) {
      const k = keys(account, ip);
      const pipeline = redis.pipeline();
      for (const key of [k.pair, k.address, k.account]) pipeline.incr(key).expire(key, windowSeconds, "NX");
      const results = (await pipeline.exec()) ?? [];
      const accountFailures = Number(results[4]?.[1] ?? 0);
      const beyond = accountFailures - limits.perAccount;
      if (beyond >= 0) {
        // 1 s, 2 s, 4 s… capped at the window: a refusal answered with Retry-After, never a sleep.
        const delay = Math.min(2 ** Math.min(beyond, 30), windowSeconds);
        await redis.set(k.closed, "1", "EX", delay);
      }
    },

    async recordSuccess(account, ip) {
      await redis.del(keys(account, ip).pair);
    },
  };
}
