// A campaign launched while Redis is down: a private redis-server is killed (SIGKILL) under a running
// app and a real worker process, and a campaign manager launches through the API. The launch is
// committed and answers within a second, saying dispatch waits for the queue; when Redis is back
// (empty), the worker's reconciler starts the dispatcher and the campaign completes with every
// recipient sent exactly once (the sink's own journal says so).
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

const RECIPIENTS = 200;

let t: TestApp;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let dir: string;
let worker: Proc | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
  t = await startTestApp({ REDIS_URL: redis.url });
  dir = mkdtempSync(join(tmpdir(), "tthc-redis-down-"));
});
afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await t?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("answers a launch within a second while Redis is down, then completes exactly once when it is back", { timeout: 180_000 }, async () => {
  const { cookies } = await seedCampaignPeople(t.db, t.app);
  // After the seed, which saves the lawful 07:00–22:00 policy: the test must pass at any hour.
  await openSendingRoundTheClock(t.db);
  const sender = await createSender(t.db);
  const list = await createList(t.db, "redis down", 0, RECIPIENTS);
  const id = await approvedCampaign(t.app, cookies, { name: "redis down", senderId: sender.id, listIds: [list] });

  const journal = join(dir, "sink.jsonl");
  // LOG_LEVEL info: the test waits for the worker's "worker ready" line.
  worker = startCampaignWorker(t.config, journal, { LOG_LEVEL: "info" });
  const w = worker;
  await w.waitFor("worker ready", 30_000);

  await redis.stop();
  const started = Date.now();
  const launched = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.manager } });
  const answeredInMs = Date.now() - started;
  expect(launched.statusCode, launched.body).toBe(200);
  expect(answeredInMs).toBeLessThan(1000);
  const body = launched.json();
  expect(body.status).toBe("running");
  expect(body.counts.total).toBe(RECIPIENTS);
  expect(body.dispatchPendingSince).not.toBeNull();
  // What the console polls says so too, and nothing has been sent.
  const progress = await t.app.inject({ method: "GET", url: `/api/campaigns/${id}/progress`, headers: { cookie: cookies.manager } });
  expect(progress.json()).toMatchObject({ status: "running", dispatchPendingSince: body.dispatchPendingSince });
  await sleep(1000);
  expect(readSinkJournal(journal)).toHaveLength(0);

  // Back, empty (no persistence): the worker's reconciler sees it and starts the dispatcher.
  redis = await startPrivateRedis(redis.port);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const c = await t.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true, dispatchPendingSince: true } });
    if (c.status === "completed") {
      expect(c.dispatchPendingSince).toBeNull();
      break;
    }
    if (c.status !== "running") throw new Error(`campaign ${c.status}`);
    if (w.child.exitCode !== null) throw new Error(`worker exited: ${w.output()}`);
    if (Date.now() > deadline) throw new Error(`not completed (${readSinkJournal(journal).length} sent); worker output:\n${w.output()}`);
    await sleep(200);
  }
  expect(w.output()).toContain("pending campaign dispatch started");
  w.child.kill("SIGTERM");
  await w.exited();

  const perNumber = new Map<string, number>();
  for (const e of readSinkJournal(journal)) perNumber.set(e.to, (perNumber.get(e.to) ?? 0) + 1);
  expect([...perNumber.entries()].filter(([, n]) => n > 1)).toEqual([]);
  expect(perNumber.size).toBe(RECIPIENTS);
  for (let i = 0; i < RECIPIENTS; i += 17) expect(perNumber.get(phoneOf(i))).toBe(1);
  const after = await t.app.inject({ method: "GET", url: `/api/campaigns/${id}`, headers: { cookie: cookies.manager } });
  expect(after.json()).toMatchObject({ status: "completed", dispatchPendingSince: null });
  expect(after.json().counts.sent + after.json().counts.delivered).toBe(RECIPIENTS);
});
