// BullMQ side of campaigns. The dispatcher is one job per campaign (jobId campaign-dispatch-<id>)
// that re-delays itself between steps (moveToDelayed + DelayedError); the list of its send batches
// still queued lives in its own job data, which bounds Redis to maxInFlight batches per campaign.
// If Redis loses everything, resumeRunningCampaigns (at worker start) re-creates the dispatchers
// and the next pass finds every recipient still pending in PostgreSQL.
import { DelayedError, type Job, type Queue, UnrecoverableError } from "bullmq";
import { type BatchQueue, type CampaignDeps, dispatchStep, processBatch } from "./dispatch.js";
import { launchCampaign } from "./service.js";

export const DISPATCH_JOB = "dispatch";
export const LAUNCH_JOB = "launch";
export const SEND_BATCH_JOB = "send-batch";

export interface DispatchJobData {
  campaignId: number;
  /** Ids of send-batch jobs handed over and maybe not finished. */
  inflight?: string[];
}
export interface SendBatchJobData {
  campaignId: number;
  recipientIds: number[];
}

export const dispatchJobId = (campaignId: number) => `campaign-dispatch-${campaignId}`;
export const launchJobId = (campaignId: number) => `campaign-launch-${campaignId}`;

/** Starts (or wakes) the dispatcher of a campaign. Idempotent: one job per campaign. */
export async function scheduleDispatch(queue: Queue, campaignId: number): Promise<void> {
  const id = dispatchJobId(campaignId);
  const existing = await queue.getJob(id);
  if (existing) {
    const state = await existing.getState();
    if (state === "delayed") {
      await existing.promote().catch(() => {});
      return;
    }
    if (state === "active" || state === "waiting" || state === "prioritized") return;
    await existing.remove().catch(() => {});
  }
  const data: DispatchJobData = { campaignId };
  await queue.add(DISPATCH_JOB, data, {
    jobId: id,
    removeOnComplete: true,
    removeOnFail: { count: 100 },
    attempts: 1000,
    backoff: { type: "fixed", delay: 2000 },
  });
}

/** Launches at `at` (the campaign's scheduledAt): the worker materialises the audience then. */
export async function scheduleLaunch(queue: Queue, campaignId: number, delayMs: number): Promise<void> {
  await queue.add(LAUNCH_JOB, { campaignId }, { jobId: launchJobId(campaignId), delay: Math.max(0, delayMs), removeOnComplete: true });
}

export async function cancelScheduledLaunch(queue: Queue, campaignId: number): Promise<void> {
  const job = await queue.getJob(launchJobId(campaignId));
  if (job && (await job.getState()) === "delayed") await job.remove().catch(() => {});
}

const LIVE = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The campaigns queue: dispatcher steps and scheduled launches. */
export function campaignsProcessor(deps: CampaignDeps, sendQueue: Queue, campaignsQueue: Queue) {
  return async (job: Job, token?: string) => {
    const campaignId = Number((job.data as DispatchJobData).campaignId);
    if (job.name === LAUNCH_JOB) {
      // A job left behind when Redis could not take its removal: the launch was withdrawn (rejected,
      // launchedAt cleared) or moved later; the reconciler plans a moved one again.
      const requested = await deps.db.campaign.findUnique({ where: { id: campaignId }, select: { launchedAt: true } });
      const early = requested?.launchedAt ? requested.launchedAt.getTime() - deps.clock().getTime() : Number.POSITIVE_INFINITY;
      if (early > 60_000) return { ok: false, message: "launch not requested now" };
      const result = await launchCampaign(deps.db, deps.clock(), campaignId, null, null);
      if (result.ok) await scheduleDispatch(campaignsQueue, campaignId);
      return result;
    }
    if (job.name !== DISPATCH_JOB) throw new UnrecoverableError(`unknown campaigns job ${job.name}`);
    let inflight = [...((job.data as DispatchJobData).inflight ?? [])];
    const save = () => job.updateData({ campaignId, inflight });
    const batches: BatchQueue = {
      async enqueue(id, recipientIds) {
        const data: SendBatchJobData = { campaignId: id, recipientIds };
        const added = await sendQueue.add(SEND_BATCH_JOB, data, { removeOnComplete: true, removeOnFail: { count: 1000 }, attempts: 5 });
        if (added.id) inflight.push(added.id);
        await save();
      },
      async inFlight() {
        const states = await Promise.all(inflight.map((id) => sendQueue.getJobState(id)));
        const live = inflight.filter((_, i) => LIVE.has(states[i] as string));
        if (live.length !== inflight.length) {
          inflight = live;
          await save();
        }
        return inflight.length;
      },
    };
    // Run steps for a few seconds, sleeping through short waits, then hand the job back to Redis.
    const started = Date.now();
    // Stale recipients are looked for a few times per reconciler delay, not before every batch.
    const reconcileEveryMs = Math.min(5_000, deps.settings.reconcileAfterMs / 4);
    let reconciledAt = 0;
    for (;;) {
      const reconcile = Date.now() - reconciledAt >= reconcileEveryMs;
      if (reconcile) reconciledAt = Date.now();
      const step = await dispatchStep(deps, campaignId, batches, reconcile);
      if (step.done) return { result: step.reason };
      if (step.delayMs > 0 && (step.delayMs > 1000 || Date.now() - started > 5000)) {
        await job.moveToDelayed(Date.now() + step.delayMs, token);
        throw new DelayedError();
      }
      if (step.delayMs > 0) await sleep(step.delayMs);
    }
  };
}

export function campaignSendProcessor(deps: CampaignDeps) {
  return async (job: Job<SendBatchJobData>) => {
    if (job.name !== SEND_BATCH_JOB) throw new UnrecoverableError(`unknown campaign-send job ${job.name}`);
    return processBatch(deps, job.data.campaignId, job.data.recipientIds);
  };
}
