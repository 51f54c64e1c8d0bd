// Advertising through a gateway that takes many numbers per request (SmsProvider.batch, eSMS):
// exactly once without a per-message send. The order of steps is the design:
//
//  1. open     An sms_batches row (status 'collecting', request id tthc-b<id>).
//  2. decide   Each recipient exactly as one by one (send.ts decideRecipient: claim, then window, cap,
//              consent and DNC right before sending); a cleared recipient's queued message row names
//              the batch. Nothing has gone to the gateway, so a crash here is undone (rollback below).
//  3. record   One conditional UPDATE 'collecting' → 'recorded': from now on the batch may be at the
//              gateway, and its list of messages never changes.
//  4. send     The gateway gets the numbers with the batch's request id.
//  5. settle   The answer → the batch 'sent' (the messages and recipients with it) or 'failed'.
//
// After a crash (or no answer) a 'recorded' batch is settled by sending it again under the same
// request id: the gateway refuses a repeat (eSMS 124) and sends nothing twice. A 'collecting' batch
// left behind is abandoned: its messages fail as never sent and its recipients are pending again.
//
// Fewer cleared recipients than the gateway's minimum per request (the tail of a pass, after skips)
// are not sent through another route: they wait for the next pass (deferred, not an attempt), and if
// nothing else of the campaign is left to join them they are skipped as below_batch_minimum.

import { Prisma } from "../../generated/prisma/client.js";
import { type SmsBatchCapability, SmsSendError } from "../../messaging/provider.js";
import { statusesBelow } from "../../messaging/status.js";
import type { Db } from "../../platform/db/client.js";
import { backoffMs, type Decided, decideRecipient, type SendContext } from "./send.js";

/** The gateway's message id recorded per message of a batch (provider_message_id is unique). */
export const batchMessageId = (providerBatchId: string, messageId: number) => `${providerBatchId}#${messageId}`;

/** How often a collecting batch shows it is alive (the reconciler abandons silent ones). */
const HEARTBEAT_EVERY = 25;

export async function sendAdvertisingBatch(
  ctx: SendContext,
  batchApi: SmsBatchCapability,
  recipientIds: number[],
  tally: Record<string, number>,
  stop: () => Promise<boolean>,
): Promise<void> {
  const { db } = ctx;
  const [batch] = await db.$queryRaw<{ id: number }[]>`
    WITH n AS (SELECT nextval(pg_get_serial_sequence('sms_batches', 'id'))::int AS id)
    INSERT INTO sms_batches (id, campaign_id, request_id, status, created_at, updated_at)
    SELECT id, ${ctx.campaign.id}, 'tthc-b' || id, 'collecting', ${ctx.now()}, ${ctx.now()} FROM n RETURNING id`;
  const batchId = (batch as { id: number }).id;
  const cleared: Decided[] = [];
  let seen = 0;
  for (const id of recipientIds.slice(0, batchApi.maxNumbers)) {
    const outcome = await decideRecipient(ctx, id, batchId);
    if (outcome.kind === "send") cleared.push(outcome);
    else tally[outcome.kind] = (tally[outcome.kind] ?? 0) + 1;
    if (++seen % HEARTBEAT_EVERY === 0) {
      await db.$executeRaw`UPDATE sms_batches SET updated_at = ${ctx.now()} WHERE id = ${batchId} AND status = 'collecting'`;
      if (outcome.kind === "not_claimed" && (await stop())) break;
    }
  }
  const body = cleared[0]?.body;
  // One text for every number: a personalised message cannot go in a batch (refused at launch too).
  const odd = cleared.filter((d) => d.body !== body);
  if (odd.length > 0) {
    // Out of the batch first: a recorded batch's messages are exactly the numbers sent.
    await db.$executeRaw`UPDATE sms_messages SET batch_id = NULL WHERE id IN (${Prisma.join(odd.map((d) => d.messageId))})`;
    await failMessages(db, ctx.now(), odd, "batch_body_differs", "batch_body_differs: a batch carries one text for every number");
    tally.failed = (tally.failed ?? 0) + odd.length;
  }
  const same = cleared.filter((d) => d.body === body);
  if (same.length < batchApi.minNumbers) {
    await holdBack(ctx, batchId, same, batchApi.minNumbers);
    tally.held = (tally.held ?? 0) + same.length;
    return;
  }
  const recorded = await db.$executeRaw`UPDATE sms_batches SET status = 'recorded', updated_at = ${ctx.now()}
    WHERE id = ${batchId} AND status = 'collecting'`;
  if (recorded === 0) {
    // The reconciler took this batch for dead while it was collecting: never send it, undo what is left.
    await abandonBatch(db, ctx.now(), batchId);
    return;
  }
  const outcome = await sendRecordedBatch(db, ctx.now, batchApi, batchId);
  tally[outcome] = (tally[outcome] ?? 0) + same.length;
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
 * Too few to send: the batch is dropped (never recorded, so never at the gateway) with its message
 * rows, which must not count against the daily cap; the recipients wait for the next pass, or are
 * skipped when nothing else of the campaign is left to make up a batch with them.
 */
async function holdBack(ctx: SendContext, batchId: number, held: Decided[], minimum: number): Promise<void> {
  const { db } = ctx;
  const now = ctx.now();
  const ids = held.map((d) => d.recipient.id);
  const [others] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM campaign_recipients
    WHERE campaign_id = ${ctx.campaign.id} AND status IN ('pending', 'sending')
      ${ids.length > 0 ? Prisma.sql`AND id NOT IN (${Prisma.join(ids)})` : Prisma.empty}`;
  const alone = (others as { n: number }).n === 0;
  const retryAt = new Date(now.getTime() + backoffMs(ctx.settings, 1));
  await db.$transaction([
    db.$executeRaw`DELETE FROM sms_messages WHERE batch_id = ${batchId} AND status = 'queued'`,
    db.$executeRaw`DELETE FROM sms_batches WHERE id = ${batchId} AND status = 'collecting'`,
    ...(ids.length === 0
      ? []
      : alone
        ? [
            db.$executeRaw`UPDATE campaign_recipients SET status = 'skipped', skip_reason = 'below_batch_minimum', attempts = GREATEST(attempts - 1, 0),
                last_error = ${`fewer than ${minimum} numbers left for the gateway's advertising batch`}, updated_at = ${now}
                WHERE id IN (${Prisma.join(ids)}) AND status = 'sending'`,
          ]
        : [
            db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', not_before = ${retryAt}, attempts = GREATEST(attempts - 1, 0),
                last_error = 'deferred: below the gateway''s batch minimum', updated_at = ${now}
                WHERE id IN (${Prisma.join(ids)}) AND status = 'sending'`,
          ]),
  ]);
}

/** A batch that was never recorded: its messages fail as never sent, its recipients are pending again. */
export async function abandonBatch(db: Db, at: Date, batchId: number): Promise<void> {
  await db.$transaction([
    db.$executeRaw`UPDATE sms_batches SET status = 'abandoned', updated_at = ${at} WHERE id = ${batchId} AND status IN ('collecting', 'abandoned')`,
    db.$executeRaw`UPDATE campaign_recipients r SET status = 'pending', attempts = GREATEST(r.attempts - 1, 0), updated_at = ${at}
      FROM sms_messages m WHERE m.batch_id = ${batchId} AND m.status = 'queued' AND m.recipient_id = r.id AND r.status = 'sending'`,
    db.$executeRaw`UPDATE sms_messages SET status = 'failed', error_code = 'not_sent_crash', updated_at = ${at}
      WHERE batch_id = ${batchId} AND status = 'queued'`,
  ]);
}

/** The reconciler's part: batches of this campaign left collecting or recorded by a worker that died. */
export async function settleStaleBatches(
  db: Db,
  now: () => Date,
  settings: { reconcileAfterMs: number },
  batchApi: SmsBatchCapability | undefined,
  campaignId: number,
): Promise<number> {
  const before = new Date(now().getTime() - settings.reconcileAfterMs);
  const stale = await db.smsBatch.findMany({
    where: { campaignId, status: { in: ["collecting", "recorded"] }, updatedAt: { lt: before } },
    select: { id: true, status: true, updatedAt: true },
    orderBy: { id: "asc" },
    take: 20,
  });
  for (const b of stale) {
    if (b.status === "collecting") {
      // Taken only if still silent: a live worker's heartbeat moves updated_at.
      const taken = await db.smsBatch.updateMany({
        where: { id: b.id, status: "collecting", updatedAt: b.updatedAt },
        data: { status: "abandoned", updatedAt: now() },
      });
      if (taken.count > 0) await abandonBatch(db, now(), b.id);
    } else if (batchApi) {
      await db.smsBatch.updateMany({ where: { id: b.id, status: "recorded", updatedAt: b.updatedAt }, data: { updatedAt: now() } });
      await sendRecordedBatch(db, now, batchApi, b.id);
    }
  }
  return stale.length;
}
