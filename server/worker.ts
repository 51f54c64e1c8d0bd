// Entry point of the worker process: BullMQ workers for every queue.
import "dotenv/config";
import { Worker } from "bullmq";
import pino from "pino";
import { loadConfigOrExit } from "./config.js";
import { createDb } from "./db/client.js";
import { maintenanceProcessor, scheduleMaintenance } from "./jobs/maintenance.js";
import { MAINTENANCE_QUEUE, maintenanceQueue, queueOptions, SURVEYS_QUEUE } from "./jobs/queues.js";
import { onShutdown } from "./lifecycle.js";
import { createSmsProvider } from "./sms/registry.js";
import { twilioClientFromConfig } from "./sms/twilio.js";
import { surveysProcessor } from "./surveys/sms-job.js";

const config = loadConfigOrExit();
const log = pino({ level: config.LOG_LEVEL, base: { process: "worker" } });
const db = createDb(config.DATABASE_URL);
const queue = maintenanceQueue(config);
const twilio = twilioClientFromConfig(config);
const sms = createSmsProvider(config, { db, log, twilioClient: twilio });
if (config.NODE_ENV === "production" && sms.name === "sink") log.warn("SMS_PROVIDER=sink: SMS are recorded but never sent");

const workers = [
  new Worker(MAINTENANCE_QUEUE, maintenanceProcessor(db, { twilio, log }), { ...queueOptions(config), concurrency: 1 }),
  new Worker(SURVEYS_QUEUE, surveysProcessor({ db, provider: sms, publicBaseUrl: config.PUBLIC_BASE_URL }), {
    ...queueOptions(config),
    concurrency: 5,
  }),
];
for (const worker of workers) {
  worker.on("completed", (job, result) => log.info({ queue: worker.name, jobId: job.id, job: job.name, result }, "job completed"));
  worker.on("failed", (job, error) => log.warn({ queue: worker.name, jobId: job?.id, job: job?.name, err: error.message }, "job failed"));
  worker.on("error", (error) => log.error({ queue: worker.name, err: error.message }, "worker error"));
}

onShutdown(log, async () => {
  // Worker.close() waits for the jobs in progress to finish before closing its connections.
  await Promise.all(workers.map((worker) => worker.close()));
  await queue.close();
  await db.$disconnect();
});

await scheduleMaintenance(queue);
log.info({ queues: workers.map((w) => w.name) }, "worker ready");
