// Entry point of the worker process: BullMQ workers for every queue.
import "dotenv/config";
import { Worker } from "bullmq";
import pino from "pino";
import { loadConfigOrExit } from "./config.js";
import { caseSmsProcessor } from "./hotline/cases/sms-job.js";
import { surveysProcessor } from "./hotline/surveys/sms-job.js";
import { registerMessagingHooks } from "./messaging/hooks.js";
import { createServiceSmsProvider } from "./messaging/registry.js";
import { queuedSinkReceipts, sinkReceiptProcessor } from "./messaging/sink-receipts.js";
import { twilioClientFromConfig } from "./messaging/vendors/twilio.js";
import { settingsFromConfig } from "./outreach/campaigns/dispatch.js";
import { campaignSendProcessor, campaignsProcessor } from "./outreach/campaigns/jobs.js";
import { loadGate } from "./outreach/campaigns/ports.js";
import { redisRateLimiter } from "./outreach/campaigns/rate-limit.js";
import { reconcileCampaigns } from "./outreach/campaigns/reconcile.js";
import { senderProviders } from "./outreach/campaigns/senders.js";
import { DEFAULT_ZNS_POLICY, parseZnsPolicy } from "./outreach/compliance/zns-policy.js";
import { registerErasedHashKey } from "./outreach/consent/erased/erased.js";
import { outreachMessagingHooks } from "./outreach/messaging-hooks.js";
import { createDb, poolSettings } from "./platform/db/client.js";
import {
  CAMPAIGN_SEND_QUEUE,
  CAMPAIGNS_QUEUE,
  CASES_QUEUE,
  campaignSendQueue,
  campaignsQueue,
  casesQueue,
  MAINTENANCE_QUEUE,
  maintenanceQueue,
  PRIVACY_QUEUE,
  queueOptions,
  SINK_RECEIPTS_QUEUE,
  SURVEYS_QUEUE,
  sinkReceiptsQueue,
} from "./platform/jobs/queues.js";
import { onShutdown } from "./platform/lifecycle.js";
import { createCommandRedis } from "./platform/redis.js";
import { privacyProcessor } from "./privacy/erasure/job.js";
import { maintenanceProcessor, scheduleMaintenance } from "./privacy/retention/maintenance.js";

const config = loadConfigOrExit();
// The sink's receipts move campaign recipients; carrier unsubscribes become opt-outs.
registerMessagingHooks(outreachMessagingHooks);
// Erased numbers are kept as hashes under this key; launch and send check them (Law 91/2025).
registerErasedHashKey(config.PRIVACY_HASH_KEY);
const log = pino({ level: config.LOG_LEVEL, base: { process: "worker" } });
const db = createDb(config.DATABASE_URL, poolSettings(config));
const queue = maintenanceQueue(config);
const twilio = twilioClientFromConfig(config);
const receipts = sinkReceiptsQueue(config);
const sinkReceipts = queuedSinkReceipts(receipts);
// Survey links and case notifications: the service sender (SMS_SERVICE_SENDER) or SMS_PROVIDER.
const sms = await createServiceSmsProvider(config, { sinkReceipts, log, twilioClient: twilio }, db);
if (config.NODE_ENV === "production" && sms.name === "sink") log.warn("SMS_PROVIDER=sink: SMS are recorded but never sent");

const cases = casesQueue(config);
const campaigns = campaignsQueue(config);
const campaignSend = campaignSendQueue(config);
const rateRedis = createCommandRedis(config.REDIS_URL);
rateRedis.on("error", (error) => log.warn({ err: error.message }, "rate-limit Redis connection error"));
await rateRedis.connect().catch(() => {});
const campaignDeps = {
  db,
  clock: () => new Date(),
  providers: senderProviders(config, { sinkReceipts, log, twilioClient: twilio }),
  loadGate,
  rateLimiter: redisRateLimiter(rateRedis, config.REDIS_PREFIX),
  settings: settingsFromConfig(config),
  publicBaseUrl: config.PUBLIC_BASE_URL,
  trackedLinkHosts: config.TRACKED_LINK_HOSTS,
  trackedLinkPerRecipient: config.TRACKED_LINK_PER_RECIPIENT === "true",
  zns: {
    policy: config.ZNS_POLICY ? parseZnsPolicy(config.ZNS_POLICY) : DEFAULT_ZNS_POLICY,
    outcomeWaitMs: config.ZNS_OUTCOME_WAIT_SECONDS * 1000,
  },
  log,
};

let watchdog: NodeJS.Timeout | undefined;
const workers = [
  new Worker(MAINTENANCE_QUEUE, maintenanceProcessor(db, { twilio, log, casesQueue: cases }), { ...queueOptions(config), concurrency: 1 }),
  new Worker(SURVEYS_QUEUE, surveysProcessor({ db, provider: sms, publicBaseUrl: config.PUBLIC_BASE_URL }), {
    ...queueOptions(config),
    concurrency: 5,
  }),
  new Worker(
    CASES_QUEUE,
    caseSmsProcessor({ db, provider: sms, publicBaseUrl: config.PUBLIC_BASE_URL, hotlineNumber: config.HOTLINE_NUMBER }),
    { ...queueOptions(config), concurrency: 5 },
  ),
  new Worker(CAMPAIGNS_QUEUE, campaignsProcessor(campaignDeps, campaignSend, campaigns), {
    ...queueOptions(config),
    concurrency: 10,
    // Short locks: a killed worker's job is taken over within seconds, not half a minute. Steps are
    // idempotent, so a job stalled by several crashes is simply taken over again.
    lockDuration: 10_000,
    stalledInterval: 5_000,
    maxStalledCount: 1000,
  }),
  new Worker(CAMPAIGN_SEND_QUEUE, campaignSendProcessor(campaignDeps), {
    ...queueOptions(config),
    concurrency: config.CAMPAIGN_SEND_CONCURRENCY,
    lockDuration: 10_000,
    stalledInterval: 5_000,
    // Claims make a re-run batch harmless (claimed recipients are skipped).
    maxStalledCount: 1000,
  }),
  // One erasure at a time: it walks every table of personal data, and the pool is shared with calls.
  new Worker(PRIVACY_QUEUE, privacyProcessor(db, { twilio }), { ...queueOptions(config), concurrency: 1 }),
  new Worker(SINK_RECEIPTS_QUEUE, sinkReceiptProcessor(db), { ...queueOptions(config), concurrency: 20 }),
];
for (const worker of workers) {
  worker.on("completed", (job, result) => log.info({ queue: worker.name, jobId: job.id, job: job.name, result }, "job completed"));
  worker.on("failed", (job, error) => log.warn({ queue: worker.name, jobId: job?.id, job: job?.name, err: error.message }, "job failed"));
  worker.on("error", (error) => log.error({ queue: worker.name, err: error.message }, "worker error"));
}

onShutdown(log, async () => {
  // Worker.close() waits for the jobs in progress to finish before closing its connections.
  clearInterval(watchdog);
  await Promise.all(workers.map((worker) => worker.close()));
  await queue.close();
  await cases.close();
  await campaigns.close();
  await campaignSend.close();
  await receipts.close();
  rateRedis.disconnect();
  await db.$disconnect();
});

await scheduleMaintenance(queue);
// The reconciler (server/outreach/campaigns/reconcile.ts): at start, every 30 s as a watchdog, and as soon as
// Redis is reachable again after an outage, so a launch committed meanwhile starts within seconds.
// One pass at a time: while Redis is down a pass waits for it, and ticks must not pile up.
let reconciling = false;
async function reconcile(why: string) {
  if (reconciling) return;
  reconciling = true;
  try {
    const result = await reconcileCampaigns(db, campaigns);
    if (result.pendingStarted.length > 0) log.info({ why, campaignIds: result.pendingStarted }, "pending campaign dispatch started");
  } catch (error) {
    log.warn({ why, err: String(error) }, "campaign reconciler failed");
  } finally {
    reconciling = false;
  }
}
await reconcile("start");
watchdog = setInterval(() => void reconcile("watchdog"), 30_000);
watchdog.unref();
// The rate limiter's connection is the worker's plain command connection: its "ready" after an
// outage is the moment the queue is reachable again.
let redisWasDown = false;
rateRedis.on("close", () => {
  redisWasDown = true;
});
rateRedis.on("ready", () => {
  if (!redisWasDown) return;
  redisWasDown = false;
  void reconcile("redis back");
});
log.info({ queues: workers.map((w) => w.name) }, "worker ready");
