// The dispatcher of one campaign (listmonk's model): recipients stay in PostgreSQL and are pulled in
// batches `id > checkpoint ORDER BY id LIMIT n`; the checkpoint is saved with each batch. Send jobs
// carry a campaign id and recipient ids, nothing personal, and at most `maxInFlight` batches of a
// campaign wait in Redis at any time, so Redis memory does not grow with the audience.
//
// A pass walks the ids once. Recipients deferred (sending window, daily cap) or waiting for a retry
// keep status 'pending' with a notBefore; when a pass ends and its batches are done, the checkpoint
// goes back to 0 and the next pass starts at the earliest notBefore. The campaign completes only when
// no recipient is pending or sending, in one conditional UPDATE.

import type { SmsSender } from "../../generated/prisma/client.js";
import type { SmsProvider } from "../../messaging/provider.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { campaignLinks } from "../links/shortener.js";
import { batchCeiling, sendAdvertisingBatch, settleStaleBatches } from "./batch-send.js";
import { sendMessageBatch } from "./message-batch.js";
import type { ComplianceGate } from "./ports.js";
import type { RateLimiter } from "./rate-limit.js";
import { messageKey, ownedByAnotherMessage, recordAccepted, type SendSettings, UNANSWERED } from "./send.js";
import { DEFAULT_ZNS_OPTIONS, loadZnsCampaign, reconcileStaleZns, sendZnsPart, type ZnsOptions, znsOutcomesAwaited } from "./zns-send.js";

export interface CampaignSettings extends SendSettings {
  batchSize: number;
  /** Batches of one campaign queued or running at once. */
  maxInFlight: number;
  /** Auto-pause when more than this share of the last `errorWindow` sends failed… */
  errorThreshold: number;
  errorWindow: number;
  /** …and at least this many sends were made (a few early failures are not a trend). */
  errorMinSample: number;
  /** A recipient 'sending' for longer than this belongs to a worker that died: settle it. */
  reconcileAfterMs: number;
  /** The longest the dispatcher sleeps, so pause/resume and new deferrals are seen soon. */
  maxIdleMs: number;
}

export const DEFAULT_SETTINGS: CampaignSettings = {
  batchSize: 500,
  maxInFlight: 4,
  maxAttempts: 4,
  retryBaseMs: 30_000,
  errorThreshold: 0.2,
  errorWindow: 100,
  errorMinSample: 20,
  reconcileAfterMs: 60_000,
  maxIdleMs: 60_000,
};

export interface CampaignDeps {
  db: Db;
  clock: () => Date;
  providers: (sender: Pick<SmsSender, "id" | "provider" | "brandname" | "settings">) => SmsProvider;
  loadGate: (db: Db) => Promise<ComplianceGate>;
  rateLimiter: RateLimiter;
  settings: CampaignSettings;
  publicBaseUrl?: string;
  /** Hosts whose links are sent as tracked short links on publicBaseUrl (TRACKED_LINK_HOSTS); empty or absent: none. */
  trackedLinkHosts?: readonly string[];
  /** A code per recipient (TRACKED_LINK_PER_RECIPIENT): who clicked becomes known, personal data. */
  trackedLinkPerRecipient?: boolean;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Zalo ZNS campaigns: Zalo's policy and how long outcomes are awaited (zns-send.ts); absent: the defaults. */
  zns?: ZnsOptions;
}

/** How the dispatcher hands batches over: BullMQ in the worker, a direct call in tests. */
export interface BatchQueue {
  enqueue(campaignId: number, recipientIds: number[]): Promise<void>;
  /** Batches of this campaign handed over and not finished yet. */
  inFlight(campaignId: number): Promise<number>;
}

export type StepResult = { done: true; reason: string } | { done: false; delayMs: number };

/**
 * One step of the dispatcher: settle what dead workers left (unless `reconcile` is false: the job's
 * loop does that a few times per reconciler delay, not before every batch), then hand over the next
 * batch or see how the pass ends.
 */
export async function dispatchStep(deps: CampaignDeps, campaignId: number, queue: BatchQueue, reconcile = true): Promise<StepResult> {
  const { db, settings } = deps;
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true, checkpoint: true, sender: true } });
  if (!campaign) return { done: true, reason: "no_campaign" };
  const batchApi = deps.providers(campaign.sender).batch;
  if (campaign.status !== "running") return { done: true, reason: campaign.status };
  const now = deps.clock();
  if (reconcile) {
    await reconcileStaleZns(db, campaignId, now, settings.reconcileAfterMs);
    await reconcileStale(deps, campaignId);
  }

  if ((await queue.inFlight(campaignId)) >= settings.maxInFlight) return { done: false, delayMs: 50 };
  // A gateway that sends advertising in batches gets batches within its limits, and a pass's last
  // few recipients join the batch before them rather than make a batch too small to send.
  const size = batchApi
    ? Math.max(batchApi.minNumbers, Math.min(settings.batchSize, batchCeiling(batchApi) - batchApi.minNumbers + 1))
    : settings.batchSize;
  const extra = batchApi ? batchApi.minNumbers - 1 : 0;
  const found = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM campaign_recipients
    WHERE campaign_id = ${campaignId} AND id > ${campaign.checkpoint} AND status = 'pending'
      AND (not_before IS NULL OR not_before <= ${now})
    ORDER BY id LIMIT ${size + extra}`;
  const batch = found.length < size + extra ? found : found.slice(0, size);
  if (batch.length > 0) {
    const ids = batch.map((r) => r.id);
    // Enqueue, then save the checkpoint: a crash in between queues the batch twice, and the claim
    // makes the copy a no-op; the other order could lose the batch until the next pass.
    await queue.enqueue(campaignId, ids);
    await db.$executeRaw`UPDATE campaigns SET checkpoint = ${ids[ids.length - 1]}
      WHERE id = ${campaignId} AND checkpoint < ${ids[ids.length - 1]}`;
    return { done: false, delayMs: 0 };
  }

  // End of a pass. Let its batches finish before looking behind the checkpoint again.
  if ((await queue.inFlight(campaignId)) > 0) return { done: false, delayMs: 250 };
  const [left] = await db.$queryRaw<{ pending: number; sending: number; due: number; next: Date | null }[]>`
    SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
           count(*) FILTER (WHERE status = 'sending')::int AS sending,
           count(*) FILTER (WHERE status = 'pending' AND (not_before IS NULL OR not_before <= ${now}))::int AS due,
           min(not_before) FILTER (WHERE status = 'pending') AS next
    FROM campaign_recipients WHERE campaign_id = ${campaignId}`;
  const l = left as { pending: number; sending: number; due: number; next: Date | null };
  if (l.pending === 0 && l.sending === 0) {
    // ZNS campaigns: a "not on Zalo" receipt still due would send its recipient to SMS.
    if ((await znsOutcomesAwaited(db, campaignId, now, (deps.zns ?? DEFAULT_ZNS_OPTIONS).outcomeWaitMs)) > 0)
      return { done: false, delayMs: Math.min(1000, settings.maxIdleMs) };
    const completed = await completeIfDone(db, campaignId, now);
    return { done: true, reason: completed ? "completed" : "not_running" };
  }
  if (campaign.checkpoint > 0) await db.$executeRaw`UPDATE campaigns SET checkpoint = 0 WHERE id = ${campaignId}`;
  if (l.due > 0) return { done: false, delayMs: 0 };
  // Recipients in flight elsewhere or stuck 'sending': look again soon.
  if (l.sending > 0) return { done: false, delayMs: Math.min(1000, settings.maxIdleMs) };
  const wait = l.next ? l.next.getTime() - now.getTime() : settings.maxIdleMs;
  return { done: false, delayMs: Math.max(50, Math.min(wait, settings.maxIdleMs)) };
}

/** Completed only when no recipient is pending or sending, decided by the database in one statement. */
export async function completeIfDone(db: Db, campaignId: number, now: Date): Promise<boolean> {
  const count = await auditedWrite(db, {
    actorId: null,
    resource: "campaigns",
    action: "complete",
    write: (tx) => tx.$executeRaw`
      UPDATE campaigns SET status = 'completed', completed_at = ${now}, updated_at = ${now}
      WHERE id = ${campaignId} AND status = 'running'
        AND NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = ${campaignId} AND r.status IN ('pending', 'sending'))`,
    audit: (count) => (count > 0 ? { resourceId: campaignId } : null),
  });
  return count > 0;
}

/** Sends one batch. Stops early when the campaign is no longer running (pause, cancel, auto-pause). */
export async function processBatch(deps: CampaignDeps, campaignId: number, recipientIds: number[]): Promise<Record<string, number>> {
  const { db } = deps;
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { id: true, status: true, body: true, unaccented: true, sender: true },
  });
  const tally: Record<string, number> = {};
  if (campaign?.status !== "running") return tally;
  const provider = deps.providers(campaign.sender);
  const gate = await deps.loadGate(db);
  const ctx = {
    db,
    now: deps.clock,
    provider,
    gate,
    campaign: { id: campaign.id, body: campaign.body, unaccented: campaign.unaccented, brandname: campaign.sender.brandname },
    settings: deps.settings,
    publicBaseUrl: deps.publicBaseUrl,
    links:
      deps.publicBaseUrl && deps.trackedLinkHosts?.length
        ? campaignLinks(
            db,
            { hosts: deps.trackedLinkHosts, publicBaseUrl: deps.publicBaseUrl, perRecipient: deps.trackedLinkPerRecipient ?? false },
            deps.clock,
          )
        : undefined,
  };
  const zns = await loadZnsCampaign(db, campaignId);
  if (zns) {
    // ZNS first (zns-send.ts); what is left are the recipients on SMS, for the path below.
    const take = () => deps.rateLimiter.take(campaign.sender.id, campaign.sender.messagesPerSecond, 1);
    const opts = deps.zns ?? DEFAULT_ZNS_OPTIONS;
    recipientIds = await sendZnsPart(ctx, provider.zns, zns, opts, recipientIds, tally, take, provider.batch !== undefined);
    if (recipientIds.length === 0) return tally;
  }
  if (provider.batch) {
    await sendAdvertisingBatch(ctx, provider.batch, recipientIds, tally);
    if ((tally.failed ?? 0) > 0) await checkErrorRate(deps, campaignId);
    return tally;
  }
  await sendMessageBatch(ctx, recipientIds, tally, {
    take: (want) => deps.rateLimiter.take(campaign.sender.id, campaign.sender.messagesPerSecond, want),
    pauseIfFailing: () => checkErrorRate(deps, campaignId),
    stillRunning: async () => (await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true } }))?.status === "running",
    sendWithinMs: deps.settings.reconcileAfterMs / 2,
  });
  return tally;
}

/** Pauses the campaign when too many of its recent sends failed; true when it did. */
export async function checkErrorRate(deps: CampaignDeps, campaignId: number): Promise<boolean> {
  const { db, settings } = deps;
  const [stats] = await db.$queryRaw<{ failed: number; total: number; top: string | null }[]>`
    SELECT count(*) FILTER (WHERE status = 'failed' OR error_code LIKE ${`${UNANSWERED}%`})::int AS failed, count(*)::int AS total,
      mode() WITHIN GROUP (ORDER BY error_code) FILTER (WHERE status = 'failed' OR error_code LIKE ${`${UNANSWERED}%`}) AS top
    FROM (SELECT status, error_code FROM sms_messages WHERE campaign_id = ${campaignId} ORDER BY id DESC LIMIT ${settings.errorWindow}) recent`;
  const s = stats as { failed: number; total: number; top: string | null };
  if (s.total < settings.errorMinSample || s.failed / s.total <= settings.errorThreshold) return false;
  const reason =
    `Tự động tạm dừng: ${s.failed}/${s.total} tin gần nhất bị lỗi (ngưỡng ${Math.round(settings.errorThreshold * 100)}%)` +
    `${s.top ? `, lỗi thường gặp nhất: ${s.top}` : ""}. Automatically paused: ${s.failed} of the last ${s.total} sends failed` +
    `${s.top ? ` (mostly ${s.top})` : ""}.`;
  const now = deps.clock();
  const count = await auditedWrite(db, {
    actorId: null,
    resource: "campaigns",
    action: "auto_pause",
    write: (tx) => tx.$executeRaw`UPDATE campaigns SET status = 'paused', paused_reason = ${reason}, updated_at = ${now}
      WHERE id = ${campaignId} AND status = 'running'`,
    audit: (count) => (count > 0 ? { resourceId: campaignId, after: { pausedReason: reason } } : null),
  });
  if (count > 0) deps.log?.warn({ campaignId, failed: s.failed, total: s.total, top: s.top }, "campaign paused by its error rate");
  return true;
}

interface Stale {
  id: number;
  phone: string;
  updated_at: Date;
  message_id: number | null;
  message_status: string | null;
  provider_message_id: string | null;
  message_created_at: Date | null;
  message_body: string | null;
}

/**
 * Settles recipients left 'sending' by a worker that died (SIGKILL, power loss, Redis restart under
 * a running job). Never a blind resend:
 *  - no message row of this attempt: the worker died before the provider was called → pending again;
 *  - the row has the vendor's id or a receipt moved it on → sent;
 *  - otherwise ask the vendor by our key: found → sent; not found → the vendor never had it →
 *    pending again; the vendor cannot say → failed "unknown_outcome" (an operator may resend).
 */
export async function reconcileStale(deps: CampaignDeps, campaignId: number): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const before = new Date(now.getTime() - deps.settings.reconcileAfterMs);
  const owner = await db.campaign.findUnique({ where: { id: campaignId }, select: { sender: true } });
  const batchApi = owner ? deps.providers(owner.sender).batch : undefined;
  const batches = await settleStaleBatches(db, deps.clock, deps.settings, batchApi, campaignId);
  const stale = await db.$queryRaw<Stale[]>`
    SELECT r.id, r.phone, r.updated_at, m.id AS message_id, m.status AS message_status,
      m.provider_message_id, m.created_at AS message_created_at, m.body AS message_body
    FROM campaign_recipients r
    LEFT JOIN LATERAL (SELECT id, status, provider_message_id, created_at, body, batch_id FROM sms_messages
      WHERE recipient_id = r.id ORDER BY id DESC LIMIT 1) m ON true
    WHERE r.campaign_id = ${campaignId} AND r.status = 'sending' AND r.updated_at < ${before}
      -- A recipient of an advertising batch is settled with its batch (above), never on its own.
      AND NOT (m.batch_id IS NOT NULL AND m.created_at >= r.updated_at)
    ORDER BY r.id LIMIT 500`;
  if (stale.length === 0) return batches;
  const sender = await db.campaign.findUnique({ where: { id: campaignId }, select: { sender: true } });
  const provider = sender ? deps.providers(sender.sender) : undefined;
  for (const r of stale) {
    const thisAttempt = r.message_id !== null && r.message_created_at !== null && r.message_created_at >= r.updated_at;
    if (!thisAttempt || r.message_id === null) {
      await db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', attempts = GREATEST(attempts - 1, 0), updated_at = ${now}
        WHERE id = ${r.id} AND status = 'sending' AND updated_at = ${r.updated_at}`;
      continue;
    }
    if (r.message_status === "failed") {
      // The failure was recorded for the message but not for the recipient.
      await db.$executeRaw`UPDATE campaign_recipients SET status = 'failed', last_error = 'failed (settled after a restart)', updated_at = ${now}
        WHERE id = ${r.id} AND status = 'sending'`;
      continue;
    }
    if (r.provider_message_id !== null || r.message_status !== "queued") {
      await recordAccepted(db, {
        recipientId: r.id,
        messageId: r.message_id,
        providerMessageId: r.provider_message_id,
        status: "sent",
        at: now,
      });
      continue;
    }
    const asked = provider?.lookup
      ? await provider.lookup(messageKey(r.message_id), {
          to: r.phone,
          sentAfter: r.message_created_at ?? r.updated_at,
          body: r.message_body ?? undefined,
        })
      : ({ found: "unknown" } as const);
    const found =
      asked.found === true && (await ownedByAnotherMessage(db, asked.providerMessageId, r.message_id)) ? { found: false as const } : asked;
    if (found.found === true) {
      await recordAccepted(db, {
        recipientId: r.id,
        messageId: r.message_id,
        providerMessageId: found.providerMessageId,
        status: "sent",
        at: now,
      });
    } else if (found.found === false) {
      await db.$transaction([
        db.$executeRaw`UPDATE sms_messages SET status = 'failed', error_code = 'not_sent_crash', updated_at = ${now} WHERE id = ${r.message_id} AND status = 'queued'`,
        db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', attempts = GREATEST(attempts - 1, 0), updated_at = ${now}
          WHERE id = ${r.id} AND status = 'sending'`,
      ]);
    } else {
      await db.$executeRaw`UPDATE campaign_recipients SET status = 'failed',
        last_error = 'unknown_outcome: the worker stopped between handing the message to the provider and recording its answer; not resent automatically',
        updated_at = ${now} WHERE id = ${r.id} AND status = 'sending'`;
    }
    deps.log?.info({ campaignId, recipientId: r.id, found: found.found }, "stale recipient settled");
  }
  return stale.length;
}

/** The dispatcher's settings from the configuration. */
export function settingsFromConfig(config: {
  CAMPAIGN_BATCH_SIZE: number;
  CAMPAIGN_MAX_ATTEMPTS: number;
  CAMPAIGN_RETRY_BASE_SECONDS: number;
  CAMPAIGN_ERROR_PAUSE_RATE: number;
  CAMPAIGN_ERROR_WINDOW: number;
  CAMPAIGN_RECONCILE_AFTER_SECONDS: number;
  CAMPAIGN_SEND_CONCURRENCY: number;
}): CampaignSettings {
  return {
    ...DEFAULT_SETTINGS,
    batchSize: config.CAMPAIGN_BATCH_SIZE,
    // A batch waiting behind each one a send slot runs: a slot that finishes starts the next batch at
    // once instead of idling until the dispatcher's next look.
    maxInFlight: 2 * config.CAMPAIGN_SEND_CONCURRENCY,
    maxAttempts: config.CAMPAIGN_MAX_ATTEMPTS,
    retryBaseMs: config.CAMPAIGN_RETRY_BASE_SECONDS * 1000,
    errorThreshold: config.CAMPAIGN_ERROR_PAUSE_RATE,
    errorWindow: config.CAMPAIGN_ERROR_WINDOW,
    errorMinSample: Math.min(20, config.CAMPAIGN_ERROR_WINDOW),
    reconcileAfterMs: config.CAMPAIGN_RECONCILE_AFTER_SECONDS * 1000,
  };
}
