// A sender's rate limit as the gateway sees it: shared by every worker (one Redis log per sender),
// and measured on the sink's own journal of what it accepted, never more than N messages in any
// second, and close to N a second while there is work.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SmsProvider } from "../../../server/messaging/provider.js";
import { createSinkSmsProvider, readSinkJournal } from "../../../server/messaging/vendors/sink.js";
import { type BatchQueue, dispatchStep, processBatch } from "../../../server/outreach/campaigns/dispatch.js";
import { redisRateLimiter } from "../../../server/outreach/campaigns/rate-limit.js";
import { launchCampaign } from "../../../server/outreach/campaigns/service.js";
import { clearRedisPrefix, startTestApp, type TestApp } from "../../helpers/app.js";
import { approvedCampaign, createList, createSender, fakeClock, inProcessDeps, seedCampaignPeople } from "../../helpers/campaigns.js";

let t: TestApp;
let redis: Redis;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"];
const dir = mkdtempSync(join(tmpdir(), "tthc-rate-"));

beforeAll(async () => {
  t = await startTestApp();
  redis = new Redis(t.config.REDIS_URL);
  ({ cookies } = await seedCampaignPeople(t.db, t.app));
});
afterAll(async () => {
  redis?.disconnect();
  await clearRedisPrefix(t.config.REDIS_URL, t.config.REDIS_PREFIX);
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The most timestamps (ms) in any window [t, t + 1000). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

it("grants at most N a second between every limiter of a sender, counting each grant from when it was sent", async () => {
  const limiters = [redisRateLimiter(redis, t.config.REDIS_PREFIX), redisRateLimiter(redis, t.config.REDIS_PREFIX)];
  const sends: number[] = [];
  const started = Date.now();
  // Two "workers" send 60 messages of a 20-per-second sender between them; each grant's messages
  // take a while to go out (here 30 ms), and the window counts from the last of them.
  await Promise.all(
    limiters.map(async (limiter) => {
      let left = 30;
      while (left > 0) {
        const grant = await limiter.take(7, 20, left);
        expect(grant.count).toBeGreaterThanOrEqual(1);
        // Grants are a tenth of a second's worth at most: 2 of this sender's messages.
        expect(grant.count).toBeLessThanOrEqual(2);
        left -= grant.count;
        for (let i = 0; i < grant.count; i++) {
          await new Promise((r) => setTimeout(r, 30 / grant.count));
          sends.push(Date.now() - started);
        }
        await grant.sent();
      }
    }),
  );
  // 20 in the first second, 20 in the next, 20 in the third: over 2 s, and never 21 in a second.
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(2000);
  expect(elapsed).toBeLessThan(3500);
  expect(busiestSecond(sends)).toBe(20);
  // Another sender is not slowed down by this one, and 0 means no limit.
  const other = Date.now();
  for (let i = 0; i < 20; i++) await (await limiters[0]?.take(8, 20, 1))?.sent();
  expect((await limiters[0]?.take(9, 0, 1000))?.count).toBe(1000);
  expect(Date.now() - other).toBeLessThan(500);
});

it("sends a campaign at N messages a second as the gateway's journal shows: never more in any second, at least 0.97 N", async () => {
  const N = 10;
  const sender = await createSender(t.db, { messagesPerSecond: N });
  const listId = await createList(t.db, "rate", 90_000, 55);
  const id = await approvedCampaign(t.app, cookies, { name: "rate", senderId: sender.id, listIds: [listId] });
  const clock = fakeClock(new Date("2026-03-10T10:00:00+07:00"));
  const journal = join(dir, "sink.jsonl");
  const sink = createSinkSmsProvider({ receiptDelayMs: -1, journal });
  const deps = {
    ...inProcessDeps(t.db, clock, sink, { batchSize: 20, maxInFlight: 3 }),
    rateLimiter: redisRateLimiter(redis, t.config.REDIS_PREFIX),
  };
  await launchCampaign(t.db, clock.now(), id, null, null);
  // Three batches at once, as three workers would run them, each taking the sender's tokens.
  const running = new Set<Promise<unknown>>();
  const queue: BatchQueue = {
    async enqueue(campaignId, ids) {
      const batch: Promise<unknown> = processBatch(deps, campaignId, ids).finally(() => running.delete(batch));
      running.add(batch);
    },
    inFlight: async () => running.size,
  };
  for (;;) {
    const step = await dispatchStep(deps, id, queue);
    if (step.done) break;
    if (step.delayMs > 0) await Promise.race([new Promise((r) => setTimeout(r, Math.min(step.delayMs, 50))), ...running]);
  }
  const sent = readSinkJournal(journal).map((e) => Date.parse(e.at));
  expect(sent).toHaveLength(55);
  expect(busiestSecond(sent)).toBeLessThanOrEqual(N);
  // Four full seconds from the first message: at least 0.97 × 4 × N of them went out.
  const first = Math.min(...sent);
  expect(sent.filter((at) => at < first + 4000).length).toBeGreaterThanOrEqual(Math.ceil(0.97 * 4 * N));
  expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("completed");
});

it("stops a batch of a campaign paused mid-batch at once, without spending its sender's rate on the rest", async () => {
  const N = 5;
  const sender = await createSender(t.db, { messagesPerSecond: N, brandname: "UBND Paused" });
  const listId = await createList(t.db, "rate paused", 91_000, 40);
  const id = await approvedCampaign(t.app, cookies, { name: "rate paused", senderId: sender.id, listIds: [listId] });
  const clock = fakeClock(new Date("2026-03-10T10:00:00+07:00"));
  const journal = join(dir, "paused.jsonl");
  const sink = createSinkSmsProvider({ receiptDelayMs: -1, journal });
  let pausedAt = 0;
  // The manager pauses the campaign while its first message is going out.
  const pausing: SmsProvider = {
    ...sink,
    async send(message) {
      if (pausedAt === 0) {
        pausedAt = Date.now();
        const paused = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/pause`, headers: { cookie: cookies.manager } });
        expect(paused.json().status).toBe("paused");
      }
      return sink.send(message);
    },
  };
  const limiter = redisRateLimiter(redis, t.config.REDIS_PREFIX);
  const deps = { ...inProcessDeps(t.db, clock, pausing, { batchSize: 40 }), rateLimiter: limiter };
  await launchCampaign(t.db, clock.now(), id, null, null);
  const ids = (await t.db.campaignRecipient.findMany({ where: { campaignId: id }, select: { id: true } })).map((r) => r.id);
  await processBatch(deps, id, ids);
  // The other 39 at five a second would have held the batch (and the sender's window) for 8 s.
  expect(Date.now() - pausedAt).toBeLessThan(1000);
  expect(readSinkJournal(journal)).toHaveLength(1);
  expect(await t.db.campaignRecipient.count({ where: { campaignId: id, status: "pending" } })).toBe(39);
  // The sender's window has room for another campaign's messages right away.
  const next = Date.now();
  for (let i = 0; i < N - 1; i++) await (await limiter.take(sender.id, N, 1)).sent();
  expect(Date.now() - next).toBeLessThan(500);
});
