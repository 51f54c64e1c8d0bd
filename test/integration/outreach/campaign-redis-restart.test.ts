// Redis is lost mid-campaign: a private redis-server (no persistence) is killed with SIGKILL while a
// real worker process sends a rate-limited campaign, then started again, empty, on the same port.
// Every queued job is gone; the worker's reconciler re-creates the dispatcher from PostgreSQL and the
// campaign completes with every recipient sent exactly once (the sink's own journal says so).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readSinkJournal } from "../../../server/messaging/vendors/sink.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import {
  approvedCampaign,
  createList,
  createSender,
  openSendingRoundTheClock,
  phoneOf,
  seedCampaignPeople,
  startCampaignWorker,
} from "../../helpers/campaigns.js";
import { type Proc, startPrivateRedis } from "../../helpers/processes.js";

const RECIPIENTS = 300;
const PER_SECOND = 40;

let t: TestApp;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let dir: string;
let worker: Proc | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
  t = await startTestApp({ REDIS_URL: redis.url });
  dir = mkdtempSync(join(tmpdir(), "tthc-redis-"));
});
afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await t?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("completes a campaign after Redis lost every job, each recipient exactly once", { timeout: 240_000 }, async () => {
  const { cookies } = await seedCampaignPeople(t.db, t.app);
  // After the seed, which saves the lawful 07:00–22:00 policy: the test must pass at any hour.
  await openSendingRoundTheClock(t.db);
  const sender = await createSender(t.db, { messagesPerSecond: PER_SECOND });
  const list = await createList(t.db, "redis restart", 0, RECIPIENTS);
  const id = await approvedCampaign(t.app, cookies, { name: "redis restart", senderId: sender.id, listIds: [list] });

  const journal = join(dir, "sink.jsonl");
  worker = startCampaignWorker(t.config, journal);
  const w = worker;
  await w.waitFor("worker ready", 30_000).catch(() => {});
  const launched = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.manager } });
  expect(launched.statusCode).toBe(200);

  const sentSoFar = () => readSinkJournal(journal).length;
  const until = async (what: string, done: () => boolean | Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (w.child.exitCode !== null) throw new Error(`worker exited: ${w.output()}`);
      if (Date.now() > deadline) throw new Error(`timed out: ${what} (${sentSoFar()} sent); worker output:\n${w.output()}`);
      await sleep(20);
    }
  };

  // Mid-campaign: about a third sent, the rest waiting in Postgres, some batches queued in Redis.
  await until("first messages", () => sentSoFar() >= RECIPIENTS / 3, 60_000);
  await redis.stop();
  const atKill = sentSoFar();
  expect(atKill).toBeLessThan(RECIPIENTS);
  await sleep(1500);
  redis = await startPrivateRedis(redis.port);

  // The worker's reconciler (server/outreach/campaigns/reconcile.ts: when Redis is reachable again, and every
  // 30 s as a watchdog) brings the dispatcher back; the campaign then finishes. The budget allows four
  // watchdog ticks.
  await until(
    "campaign completed",
    async () => {
      const c = await t.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } });
      if (c.status !== "running" && c.status !== "completed") throw new Error(`campaign ${c.status}`);
      return c.status === "completed";
    },
    150_000,
  );
  w.child.kill("SIGTERM");
  await w.exited();

  const perNumber = new Map<string, number>();
  for (const e of readSinkJournal(journal)) perNumber.set(e.to, (perNumber.get(e.to) ?? 0) + 1);
  expect([...perNumber.entries()].filter(([, n]) => n > 1)).toEqual([]);
  expect(perNumber.size).toBe(RECIPIENTS);
  for (let i = 0; i < RECIPIENTS; i += 37) expect(perNumber.get(phoneOf(i))).toBe(1);
  // Work was really left for after the restart.
  expect(atKill).toBeLessThan(RECIPIENTS - PER_SECOND);

  const rows = await t.db.$queryRaw<{ status: string; n: number }[]>`
    SELECT status::text, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${id} GROUP BY 1 ORDER BY 1`;
  expect(rows.filter((r) => r.status !== "sent" && r.status !== "delivered")).toEqual([]);
  const [counted] = await t.db.$queryRaw<{ accepted: number; rows: number }[]>`
    SELECT count(*) FILTER (WHERE provider_message_id IS NOT NULL)::int AS accepted, count(*)::int AS rows
    FROM sms_messages WHERE campaign_id = ${id} AND status <> 'failed'`;
  expect(counted).toEqual({ accepted: RECIPIENTS, rows: RECIPIENTS });
});
