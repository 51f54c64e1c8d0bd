// Advertising through a gateway that takes many numbers per request (SmsProvider.batch, eSMS):
// exactly once without a per-message send. The order of steps is the design:
//
//  1. decide   One transaction for the whole batch: claim every recipient, take their numbers'
//              advisory locks (in one order, so two batches cannot deadlock), load their facts in one
//              statement, decide each exactly as one by one (window, cap, consent, DNC, erasure),
//              write the skips and deferrals, and write the cleared recipients' message rows with the
//              sms_batches row, already 'recorded'. It commits whole or not at all: a worker killed
//              here leaves every recipient pending, and the job's retry (or the next pass) decides the
//              same batch again, never a fragment of it too small for the gateway.
//  2. send     The gateway gets the numbers with the batch's request id.
//  3. settle   The answer → the batch 'sent' (the messages and recipients with it) or 'failed'.
//
// After a crash (or no answer) a 'recorded' batch is settled by sending it again under the same
// request id: the gateway refuses a repeat (eSMS 124) and sends nothing twice.
//
// Fewer cleared recipients than the gateway's minimum per request (after skips) are not sent through
// another route: they wait for the next pass (deferred, not an attempt), and if nothing else of the
// campaign is left to join them they are skipped as below_batch_minimum.

import { Prisma } from "../../generated/prisma/client.js";
import { type SmsBatchCapability, SmsSendError } from "../../messaging/provider.js";
import { statusesBelow } from "../../messaging/status.js";
import type { Db } from "../../platform/db/client.js";
import { applyLinks } from "../links/shortener.js";
import { backoffMs, CAMPAIGN_PURPOSE, claimRecipients, decideClaimed, type SendContext } from "./send.js";
import { contactVariables } from "./variables.js";

/** The gateway's message id recorded per message of a batch (provider_message_id is unique). */
export const batchMessageId = (providerBatchId: string, messageId: number) => `${providerBatchId}#${messageId}`;

/**
 * A batch holds one advisory lock per number for its transaction; PostgreSQL's shared lock table
 * holds about max_locks_per_transaction × max_connections (6,400 by default) for everyone, so a
 * batch stays well below it whatever the gateway's own maximum.
 */
export const MAX_NUMBERS_PER_LOCKED_BATCH = 1_000;

/** The most numbers one batch of this gateway carries here. */
export const batchCeiling = (batchApi: SmsBatchCapability) => Math.min(batchApi.maxNumbers, MAX_NUMBERS_PER_LOCKED_BATCH);

type BatchDecision = { kind: "recorded"; batchId: number; count: number } | { kind: "held"; count: number } | { kind: "none" };

export async function sendAdvertisingBatch(
  ctx: SendContext,
  batchApi: SmsBatchCapability,
  recipientIds: number[],
  tally: Record<string, number>,
): Promise<void> {
  const ids = recipientIds.slice(0, batchCeiling(batchApi));
  const decided = await decideBatch(ctx, batchApi, ids, tally);
  if (decided.kind === "held") tally.held = (tally.held ?? 0) + decided.count;
  if (decided.kind !== "recorded") return;
  const outcome = await sendRecordedBatch(ctx.db, ctx.now, batchApi, decided.batchId);
  tally[outcome] = (tally[outcome] ?? 0) + decided.count;
}

/** Step 1: the whole batch decided and recorded in one transaction (see the top of this file). */
async function decideBatch(
  ctx: SendContext,
  batchApi: SmsBatchCapability,
  ids: number[],
  tally: Record<string, number>,
): Promise<BatchDecision> {
  const { db, campaign } = ctx;
  const now = ctx.now();
  // Made before the transaction; a link made for a batch that is then held back is used by the next.
  const links = ctx.links ? await ctx.links.prepare(campaign.id, campaign.body) : null;
  return db.$transaction(
    async (tx) => {
      const claimed = await claimRecipients(tx, ids, now);
      tally.not_claimed = (tally.not_claimed ?? 0) + ids.length - claimed.length;
      if (claimed.length === 0) return { kind: "none" } as const;
      // One text for every number: per-recipient link codes cannot ride in a batch, so the campaign's own are used.
      const template = links && ctx.links ? applyLinks(campaign.body, links, { ...ctx.links.options, perRecipient: false }) : campaign.body;
      const cleared = (await decideClaimed(tx, ctx, claimed, now, tally)).map(({ recipient, facts }) => ({
        recipient,
        body: ctx.gate.compose(template, contactVariables(facts), campaign.unaccented),
      }));
      // Contacts' variables could still make texts differ (a launch refuses {{variables}}): the odd ones wait.
      const body = cleared[0]?.body;
      const same = cleared.filter((c) => c.body === body);
      const odd = cleared.filter((c) => c.body !== body).map((c) => c.recipient.id);
      if (odd.length > 0) {
        await tx.$executeRaw`UPDATE campaign_recipients SET status = 'failed', attempts = attempts - 1,
            last_error = 'batch_body_differs: a batch carries one text for every number', updated_at = ${now}
          WHERE id = ANY(${odd}::int[]) AND status = 'sending'`;
        tally.failed = (tally.failed ?? 0) + odd.length;
      }
      if (same.length === 0) return { kind: "none" } as const;
      if (same.length < batchApi.minNumbers) {
        await holdBack(
          tx,
          ctx,
          same.map((c) => c.recipient.id),
          batchApi.minNumbers,
          now,
        );
        return { kind: "held", count: same.length } as const;
      }
      // Stamped now, not when the decision began: the reconciler's wait starts when the request may leave.
      const recordedAt = ctx.now();
      const [batch] = await tx.$queryRaw<{ id: number }[]>`
        WITH n AS (SELECT nextval(pg_get_serial_sequence('sms_batches', 'id'))::int AS id)
        INSERT INTO sms_batches (id, campaign_id, request_id, status, created_at, updated_at)
        SELECT id, ${campaign.id}, 'tthc-b' || id, 'recorded', ${recordedAt}, ${recordedAt} FROM n RETURNING id`;
      const batchId = (batch as { id: number }).id;
      const text = body as string;
      await tx.$executeRaw`INSERT INTO sms_messages
          (provider, recipient, body, purpose, status, campaign_id, recipient_id, segments, batch_id, created_at, updated_at)
        SELECT ${ctx.provider.name}, x.phone, ${text}, ${CAMPAIGN_PURPOSE}, 'queued', ${campaign.id}, x.id, ${ctx.gate.segments(text)},
          ${batchId}, ${now}, ${now}
        FROM unnest(${same.map((c) => c.recipient.id)}::int[], ${same.map((c) => c.recipient.phone)}::text[]) AS x(id, phone)
        ORDER BY x.id`;
      return { kind: "recorded", batchId, count: same.length } as const;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * Sends a recorded batch under its request id and settles it from the answer. Also the crash
 * recovery: a repeat is refused by the gateway, so this never sends a number twice.
 */
export async function sendRecordedBatch(
  db: Db,
  now: () => Date,
  batchApi: SmsBatchCapability,
  batchId: number,
): Promise<"sent" | "failed" | "unsettled"> {
  const row = await db.smsBatch.findUnique({ where: { id: batchId }, select: { requestId: true, status: true } });
  if (row?.status !== "recorded") return "unsettled";
  const messages = await db.smsMessage.findMany({
    where: { batchId },
    select: { id: true, recipient: true, body: true },
    orderBy: { id: "asc" },
  });
  const first = messages[0];
  if (!first) {
    await db.smsBatch.updateMany({
      where: { id: batchId, status: "recorded" },
      data: { status: "failed", errorCode: "empty", updatedAt: now() },
    });
    return "failed";
  }
  try {
    const sent = await batchApi.send({ to: messages.map((m) => m.recipient), body: first.body, requestId: row.requestId });
    await recordBatchSent(db, now(), batchId, sent.providerBatchId);
    return "sent";
  } catch (error) {
    const failure = error instanceof SmsSendError ? error : new SmsSendError(String(error), true, "unknown", { cause: error });
    const code = failure.code.slice(0, 64);
    if (failure.transient || failure.outcomeUnknown) {
      // Maybe at the gateway: stays 'recorded'; the reconciler asks again under the same request id.
      await db.smsBatch.updateMany({ where: { id: batchId, status: "recorded" }, data: { errorCode: code, updatedAt: now() } });
      return "unsettled";
    }
    const at = now();
    const claimed = await db.smsBatch.updateMany({
      where: { id: batchId, status: "recorded" },
      data: { status: "failed", errorCode: code, updatedAt: at },
    });
    if (claimed.count > 0) {
      const rows = await db.smsMessage.findMany({ where: { batchId, status: "queued" }, select: { id: true, recipientId: true } });
      await failMessages(
        db,
        at,
        rows.map((r) => ({ messageId: r.id, recipient: { id: r.recipientId ?? 0 } })),
        code,
        `${code}: ${failure.message}`,
      );
    }
    return "failed";
  }
}

/** The gateway took the batch: every message and recipient of it is sent, in one transaction. */
async function recordBatchSent(db: Db, at: Date, batchId: number, providerBatchId: string): Promise<void> {
  const below = statusesBelow("sent");
  await db.$transaction([
    db.$executeRaw`UPDATE sms_batches SET status = 'sent', provider_batch_id = COALESCE(provider_batch_id, ${providerBatchId}),
      error_code = NULL, updated_at = ${at} WHERE id = ${batchId} AND status = 'recorded'`,
    db.$executeRaw`UPDATE sms_messages SET provider_message_id = ${providerBatchId} || '#' || id, updated_at = ${at}
      WHERE batch_id = ${batchId} AND provider_message_id IS NULL`,
    db.$executeRaw`UPDATE sms_messages SET status = 'sent', sent_at = COALESCE(sent_at, ${at}), updated_at = ${at}
      WHERE batch_id = ${batchId} AND status IN (${Prisma.join(below)})`,
    db.$executeRaw`UPDATE campaign_recipients r SET status = 'sent', sent_at = ${at}, last_error = NULL, updated_at = ${at}
      FROM sms_messages m WHERE m.batch_id = ${batchId} AND m.recipient_id = r.id AND r.status = 'sending'`,
  ]);
}

async function failMessages(
  db: Db,
  at: Date,
  rows: { messageId: number; recipient: { id: number } }[],
  code: string,
  error: string,
): Promise<void> {
  if (rows.length === 0) return;
  const messageIds = rows.map((r) => r.messageId);
  const recipientIds = rows.map((r) => r.recipient.id);
  await db.$transaction([
    db.$executeRaw`UPDATE sms_messages SET status = 'failed', error_code = ${code}, updated_at = ${at}
      WHERE id IN (${Prisma.join(messageIds)}) AND status = 'queued'`,
    db.$executeRaw`UPDATE campaign_recipients SET status = 'failed', last_error = ${error.slice(0, 500)}, updated_at = ${at}
      WHERE id IN (${Prisma.join(recipientIds)}) AND status = 'sending'`,
  ]);
}

/**
 * Too few to send: no batch is made (so nothing reaches the gateway and nothing counts against the
 * daily cap); the recipients wait for the next pass, or are skipped when nothing else of the
 * campaign is left to make up a batch with them.
 */
async function holdBack(tx: Prisma.TransactionClient, ctx: SendContext, ids: number[], minimum: number, now: Date): Promise<void> {
  const [others] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM campaign_recipients
    WHERE campaign_id = ${ctx.campaign.id} AND status IN ('pending', 'sending') AND NOT (id = ANY(${ids}::int[]))`;
  if ((others as { n: number }).n === 0) {
    await tx.$executeRaw`UPDATE campaign_recipients SET status = 'skipped', skip_reason = 'below_batch_minimum', attempts = GREATEST(attempts - 1, 0),
        last_error = ${`fewer than ${minimum} numbers left for the gateway's advertising batch`}, updated_at = ${now}
        WHERE id = ANY(${ids}::int[]) AND status = 'sending'`;
    return;
  }
  const retryAt = new Date(now.getTime() + backoffMs(ctx.settings, 1));
  await tx.$executeRaw`UPDATE campaign_recipients SET status = 'pending', not_before = ${retryAt}, attempts = GREATEST(attempts - 1, 0),
      last_error = 'deferred: below the gateway''s batch minimum', updated_at = ${now}
      WHERE id = ANY(${ids}::int[]) AND status = 'sending'`;
}

/** The reconciler's part: batches of this campaign recorded by a worker that died before settling them. */
export async function settleStaleBatches(
  db: Db,
  now: () => Date,
  settings: { reconcileAfterMs: number },
  batchApi: SmsBatchCapability | undefined,
  campaignId: number,
): Promise<number> {
  if (!batchApi) return 0;
  // A batch is recorded just before its request: while a live worker may still await the answer,
  // asking again would only race it (harmless under the request id, but noise at the gateway).
  const before = new Date(now().getTime() - Math.max(settings.reconcileAfterMs, 2 * batchApi.answerWithinMs));
  const stale = await db.smsBatch.findMany({
    where: { campaignId, status: "recorded", updatedAt: { lt: before } },
    select: { id: true, updatedAt: true },
    orderBy: { id: "asc" },
    take: 20,
  });
  for (const b of stale) {
    // Taken only if still untouched: two reconcilers do not both ask.
    const taken = await db.smsBatch.updateMany({
      where: { id: b.id, status: "recorded", updatedAt: b.updatedAt },
      data: { updatedAt: now() },
    });
    if (taken.count > 0) await sendRecordedBatch(db, now, batchApi, b.id);
  }
  return stale.length;
}
