// The sink's simulated delivery receipts are durable: real worker processes send campaigns through
// the sink with receipts due seconds later. One worker is killed with SIGKILL while receipts are
// pending, and the database is cut (a TCP proxy drops every connection) while others come due: every
// accepted message still ends delivered or undelivered, as the sink decided when it accepted it, and
// its campaign recipient with it.
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
  seedCampaignPeople,
  startCampaignWorker,
} from "../../helpers/campaigns.js";
import type { Proc } from "../../helpers/processes.js";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy.js";

let t: TestApp;
let dir: string;
let proxy: TcpProxy;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"];
const workers: Proc[] = [];

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), "tthc-receipts-"));
  const db = new URL(t.config.DATABASE_URL);
  proxy = await startTcpProxy({ host: db.hostname, port: Number(db.port || 5432) });
  ({ cookies } = await seedCampaignPeople(t.db, t.app));
  // After the seed, which saves the lawful 07:00–22:00 policy: the test must pass at any hour.
  await openSendingRoundTheClock(t.db);
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await proxy?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startWorker(journal: string, env: Record<string, string> = {}): Proc {
  // Receipts at the sink's usual delay, a fifth of them undelivered.
  const w = startCampaignWorker(t.config, journal, { SMS_SINK_UNDELIVERED_RATE: "0.2", SMS_SINK_RECEIPT_DELAY_MS: "1000", ...env });
  workers.push(w);
  return w;
}

async function until(what: string, w: () => Proc, done: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (w().child.exitCode !== null) throw new Error(`worker exited: ${w().output()}`);
    if (Date.now() > deadline) throw new Error(`timed out: ${what}; worker output:\n${w().output()}`);
    await sleep(200);
  }
}

const campaignStatus = async (id: number) => (await t.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const awaitingReceipt = (id: number) => t.db.smsMessage.count({ where: { campaignId: id, status: { in: ["queued", "sent"] } } });

/** Every message the sink accepted has the final status it decided, and its recipient agrees. */
async function expectEveryReceiptApplied(id: number, journal: string, recipients: number) {
  const entries = readSinkJournal(journal);
  expect(new Set(entries.map((e) => e.to)).size).toBe(recipients);
  expect(entries).toHaveLength(recipients);
  const messages = await t.db.smsMessage.findMany({
    where: { campaignId: id, providerMessageId: { not: null } },
    select: { providerMessageId: true, status: true },
  });
  const stored = new Map(messages.map((m) => [m.providerMessageId, m.status]));
  expect(entries.filter((e) => stored.get(e.providerMessageId) !== e.receipt)).toEqual([]);
  const undelivered = entries.filter((e) => e.receipt === "undelivered").length;
  // The sink's rate (20 %), loosely: the point is that both kinds arrive.
  expect(undelivered).toBeGreaterThan(recipients * 0.05);
  expect(undelivered).toBeLessThan(recipients * 0.4);
  const rows = await t.db.$queryRaw<{ status: string; last_error: string | null; n: number }[]>`
    SELECT status::text, last_error, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${id} GROUP BY 1, 2 ORDER BY 1, 2`;
  expect(rows).toEqual([
    { status: "delivered", last_error: null, n: recipients - undelivered },
    { status: "failed", last_error: "undelivered: 30003", n: undelivered },
  ]);
}

it("delivers every receipt after the worker that sent the messages is killed", { timeout: 240_000 }, async () => {
  const RECIPIENTS = 300;
  const sender = await createSender(t.db, { messagesPerSecond: 60, brandname: "SoTTTT" });
  const list = await createList(t.db, "receipts kill", 0, RECIPIENTS);
  const id = await approvedCampaign(t.app, cookies, { name: "receipts kill", senderId: sender.id, listIds: [list] });
  const journal = join(dir, "kill.jsonl");
  // Receipts due 3 s after each send: when the worker dies, those of the last 3 s are pending.
  const env = { SMS_SINK_RECEIPT_DELAY_MS: "3000" };
  let w = startWorker(journal, env);
  await w.waitFor("worker ready", 30_000).catch(() => {});
  const launched = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.manager } });
  expect(launched.statusCode, launched.body).toBe(200);

  await until(
    "first messages",
    () => w,
    async () => readSinkJournal(journal).length >= 120,
    60_000,
  );
  w.child.kill("SIGKILL");
  await w.exited();
  // Pending receipts of the killed worker: with timers in its process they would be gone.
  expect(await awaitingReceipt(id)).toBeGreaterThan(20);

  w = startWorker(journal, env);
  await until(
    "campaign completed",
    () => w,
    async () => (await campaignStatus(id)) === "completed",
    120_000,
  );
  await until(
    "every receipt",
    () => w,
    async () => (await awaitingReceipt(id)) === 0,
    60_000,
  );
  w.child.kill("SIGTERM");
  await w.exited();
  await expectEveryReceiptApplied(id, journal, RECIPIENTS);
});

it("applies receipts that came due while PostgreSQL was unreachable", { timeout: 180_000 }, async () => {
  const RECIPIENTS = 100;
  const sender = await createSender(t.db, { brandname: "SoYTe" });
  const list = await createList(t.db, "receipts outage", 10_000, RECIPIENTS);
  const id = await approvedCampaign(t.app, cookies, { name: "receipts outage", senderId: sender.id, listIds: [list] });
  const journal = join(dir, "outage.jsonl");
  // The worker reaches PostgreSQL through the proxy; receipts come due 5 s after each send.
  const w = startWorker(journal, { DATABASE_URL: proxy.url(t.config.DATABASE_URL), SMS_SINK_RECEIPT_DELAY_MS: "5000" });
  await w.waitFor("worker ready", 30_000).catch(() => {});
  const launched = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.manager } });
  expect(launched.statusCode, launched.body).toBe(200);
  await until(
    "campaign sent",
    () => w,
    async () => (await campaignStatus(id)) === "completed",
    60_000,
  );
  expect(await awaitingReceipt(id)).toBeGreaterThan(0);

  // Cut for 10 s: the receipts come due meanwhile and fail.
  proxy.refuse();
  await sleep(10_000);
  expect(w.output()).toContain('"queue":"sink-receipts"');
  expect(await awaitingReceipt(id)).toBeGreaterThan(0);
  proxy.restore();

  await until(
    "every receipt",
    () => w,
    async () => (await awaitingReceipt(id)) === 0,
    90_000,
  );
  w.child.kill("SIGTERM");
  await w.exited();
  await expectEveryReceiptApplied(id, journal, RECIPIENTS);
});
