// Entry point of the worker process: BullMQ workers for every queue.
import "dotenv/config";
import { Worker } from "bullmq";
import pino from "pino";
import { settingsFromConfig } from "./campaigns/dispatch.js";
import { campaignSendProcessor, campaignsProcessor, scheduleDispatch, scheduleLaunch } from "./campaigns/jobs.js";
import { loadGate } from "./campaigns/ports.js";
import { redisRateLimiter } from "./campaigns/rate-limit.js";
import { senderProviders } from "./campaigns/senders.js";
import { campaignsToResume } from "./campaigns/service.js";
import { loadConfigOrExit } from "./config.js";
import { createDb, poolSettings } from "./db/client.js";
import { maintenanceProcessor, scheduleMaintenance } from "./jobs/maintenance.js";
import {
  CAMPAIGN_SEND_QUEUE,
  CAMPAIGNS_QUEUE,
  campaignSendQueue,
  campaignsQueue,
  MAINTENANCE_QUEUE,
  maintenanceQueue,
  queueOptions,
  SURVEYS_QUEUE,
} from "./jobs/queues.js";
import { onShutdown } from "./lifecycle.js";
import { createCommandRedis } from "./redis.js";
import { createSmsProvider } from "./sms/registry.js";
import { twilioClientFromConfig } from "./sms/twilio.js";
import { surveysProcessor } from "./surveys/sms-job.js";

const config = loadConfigOrExit();
const log = pino({ level: config.LOG_LEVEL, base: { process: "worker" } });
const db = createDb(config.DATABASE_URL, poolSettings(config));
const queue = maintenanceQueue(config);
const twilio = twilioClientFromConfig(config);
const sms = createSmsProvider(config, { db, log, twilioClient: twilio });
if (config.NODE_ENV === "production" && sms.name === "sink") log.warn("SMS_PROVIDER=sink: SMS are recorded but never sent");

const campaigns = campaignsQueue(config);
const campaignSend = campaignSendQueue(config);
const rateRedis = createCommandRedis(config.REDIS_URL);
rateRedis.on("error", (error) => log.warn({ err: error.message }, "rate-limit Redis connection error"));
await rateRedis.connect().catch(() => {});
const campaignDeps = {
  db,
  clock: () => new Date(),
  providers: senderProviders(config, { db, log, twilioClient: twilio }),
  loadGate,
  rateLimiter: redisRateLimiter(rateRedis, config.REDIS_PREFIX),
  settings: settingsFromConfig(config),
  publicBaseUrl: config.PUBLIC_BASE_URL,
  log,
};

let watchdog: NodeJS.Timeout | undefined;
const workers = [
  new Worker(MAINTENANCE_QUEUE, maintenanceProcessor(db, { twilio, log }), { ...queueOptions(config), concurrency: 1 }),
  new Worker(SURVEYS_QUEUE, surveysProcessor({ db, provider: sms, publicBaseUrl: config.PUBLIC_BASE_URL }), {
    ...queueOptions(config),
    concurrency: 5,
  }),
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
  await campaigns.close();
  await campaignSend.close();
  rateRedis.disconnect();
  await db.$disconnect();
});

await scheduleMaintenance(queue);
// After a crash or a Redis loss: every running campaign gets its dispatcher back, every requested
// launch its delayed job (both idempotent by job id); the recipients themselves are in PostgreSQL.
// The same every 30 s as a watchdog: a dispatcher lost with Redis or failed for good comes back.
async function resumeCampaigns() {
  const resume = await campaignsToResume(db);
  for (const id of resume.running) await scheduleDispatch(campaigns, id);
  for (const { id, at } of resume.launches) await scheduleLaunch(campaigns, id, at.getTime() - Date.now());
}
await resumeCampaigns();
watchdog = setInterval(() => {
  resumeCampaigns().catch((error: unknown) => log.warn({ err: String(error) }, "campaign watchdog failed"));
}, 30_000);
watchdog.unref();
log.info({ queues: workers.map((w) => w.name) }, "worker ready");
