// Campaign SMS through a gateway that takes one message per request (Twilio, SNS, the sink), a
// part of a batch at a time. The order of steps is the design (send.ts has the shared pieces):
//
//  0. rate    The sender's tokens for the part, before anything is claimed: while the sender's
//             window is full (or Redis cannot be reached) nobody is 'sending'.
//  1. decide  One transaction per part: claim the recipients, take their numbers' advisory locks,
//             load their facts in one statement, apply the policy to each, write the skips and
//             deferrals, and insert the cleared recipients' message rows (queued) in one statement.
//             The cap count and the rows commit together, so two campaigns cannot both take a
//             number's third message; a worker killed here leaves every recipient pending.
//  2. send    Each message on its own request, under the row's key (tthc-m<row id>) with a status
//             callback naming the row, a few requests at a time; then the rate limiter is told they
//             went, so the sender's window counts from the last of them (rate-limit.ts). No request
//             starts after the sending window the decision was made in closes, or once half the
//             reconciler's delay has passed since the decision.
//  3. record  The answers of the part in one transaction: the messages with the vendor's ids, the
//             recipients sent; a refusal or a send without an answer as one message's failure.
//
// A crash between 2 and 3 leaves the part's recipients 'sending' with 'queued' rows and no vendor id;
// reconcileStale() settles them from what the vendor knows (lookup by key), never by resending
// blindly. A send that got no answer leaves its row 'queued' marked `unanswered:<code>`; the
// recipient's retry asks the vendor first (settleDoubtful), one recipient at a time.
//
// Parts start at one message and double while nothing fails (halving when something does), so a
// worker that dies, or a gateway that refuses everything, takes few messages with it before the
// error rate pauses the campaign, while a healthy campaign soon goes out a whole batch per part. With
// a rate limit a part is what the sender's window grants at once (a tenth of a second's worth at
// most). The claim checks that the campaign runs, so a pause or a cancel stops the batch at the next
// part.

import { smsStatusCallbackUrl } from "../../messaging/messages.js";
import type { SmsSendResult } from "../../messaging/provider.js";
import { applyLinks, recipientCodes } from "../links/shortener.js";
import type { Grant } from "./rate-limit.js";
import {
  CAMPAIGN_PURPOSE,
  type Claimed,
  claimRecipients,
  decideClaimed,
  messageKey,
  recordAcceptedMany,
  recordFailure,
  releaseDoubtful,
  type SendContext,
  settleDoubtful,
} from "./send.js";
import { contactVariables } from "./variables.js";

/** The largest part: one decision transaction holds at most this many numbers' advisory locks. */
const MAX_PART = 500;

/**
 * The part size each campaign reached in this process, so the next batch starts there instead of at
 * one: a healthy campaign then sends whole batches in one decision and one record. A process that
 * starts (after a crash too) starts at one. A number per campaign this process has sent.
 */
const partSizes = new Map<number, number>();

/** Requests to the gateway in flight at once, per batch. */
const REQUESTS_IN_FLIGHT = 16;

export interface MessageBatchControls {
  /** How many messages may go out now (the sender's rate): at least 1, at most `want`; `sent` once they went. */
  take(want: number): Promise<Grant>;
  /** After a part with failures: true when the campaign paused itself (the rest is not sent). */
  pauseIfFailing(): Promise<boolean>;
  /** After a part that claimed nobody: false when the campaign stopped running (paused, cancelled). */
  stillRunning(): Promise<boolean>;
  /**
   * No request of a part starts later than this after its decision: well before the reconciler takes
   * a recipient still 'sending' for one whose worker died (half its delay).
   */
  sendWithinMs: number;
}

interface Decided {
  messageId: number;
  body: string;
  recipient: Claimed;
}

export async function sendMessageBatch(
  ctx: SendContext,
  recipientIds: number[],
  tally: Record<string, number>,
  controls: MessageBatchControls,
): Promise<void> {
  const queue = [...recipientIds];
  let size = partSizes.get(ctx.campaign.id) ?? 1;
  while (queue.length > 0) {
    // The rate's tokens before the claim: while the sender's window is full (or Redis cannot be
    // reached) nobody is 'sending', and a part is as large as the rate allows right now.
    const grant = await controls.take(Math.min(size, queue.length));
    const ids = queue.splice(0, grant.count);
    const { decided, doubtful, decidedAt, claimed } = await decideMessages(ctx, ids, tally);
    // A stopped campaign claims nobody: the rest of the batch is not worth the sender's tokens.
    if (claimed === 0) {
      await grant.sent(0);
      if (!(await controls.stillRunning())) return;
      continue;
    }
    for (const id of doubtful) {
      const settled = await settleDoubtful(ctx, id);
      // The vendor never had the last attempt: a new one goes out in a later part.
      if (settled === "resend") queue.push(id);
      else tally[settled.kind] = (tally[settled.kind] ?? 0) + 1;
    }
    const closesAt = ctx.gate.windowClosesAt(decidedAt);
    const sendBy = new Date(Math.min(closesAt?.getTime() ?? Number.POSITIVE_INFINITY, decidedAt.getTime() + controls.sendWithinMs));
    const { failures, late } = await sendPart(ctx, decided, closesAt, sendBy, tally);
    // Only the requests made count against the sender: skipped, deferred and late ones give theirs back.
    await grant.sent(decided.length - late.length);
    if (late.length > 0) {
      // Not sent in time (the sending window closed, or the gateway is too slow): pending again; the
      // next decision defers them to the window's opening, or sends them.
      await releaseUnsent(ctx, late);
      return;
    }
    if (failures > 0 && (await controls.pauseIfFailing())) return;
    size = failures > 0 ? Math.max(1, Math.floor(size / 2)) : Math.min(size * 2, MAX_PART);
    partSizes.set(ctx.campaign.id, size);
  }
}

/** Step 1 for a part (see the top of this file). Doubtful retries are released for settleDoubtful. */
async function decideMessages(
  ctx: SendContext,
  ids: number[],
  tally: Record<string, number>,
): Promise<{ decided: Decided[]; doubtful: Set<number>; decidedAt: Date; claimed: number }> {
  const { db, campaign } = ctx;
  const now = ctx.now();
  // The campaign's short links, made before the transaction: a link made for a message that is then
  // skipped or deferred is simply used by the next one.
  const links = ctx.links ? await ctx.links.prepare(campaign.id, campaign.body) : null;
  return db.$transaction(
    async (tx) => {
      const claimed = await claimRecipients(tx, ids, now);
      tally.not_claimed = (tally.not_claimed ?? 0) + ids.length - claimed.length;
      const doubtful = await releaseDoubtful(tx, claimed, now);
      const cleared = await decideClaimed(
        tx,
        ctx,
        claimed.filter((r) => !doubtful.has(r.id)),
        now,
        tally,
      );
      if (cleared.length === 0) return { decided: [], doubtful, decidedAt: now, claimed: claimed.length };
      const bodies: string[] = [];
      for (const { recipient, facts } of cleared) {
        let template = campaign.body;
        if (links && ctx.links) {
          // A recipient's own codes commit (or roll back) with their message row.
          const own = ctx.links.options.perRecipient
            ? await recipientCodes(
                tx,
                [...links.values()].map((link) => link.id),
                recipient.id,
              )
            : undefined;
          template = applyLinks(campaign.body, links, ctx.links.options, own);
        }
        bodies.push(ctx.gate.compose(template, contactVariables(facts), campaign.unaccented));
      }
      const rows = await tx.$queryRaw<{ id: number; recipient_id: number }[]>`
        INSERT INTO sms_messages (provider, recipient, body, purpose, status, campaign_id, recipient_id, segments, created_at, updated_at)
        SELECT ${ctx.provider.name}, x.phone, x.body, ${CAMPAIGN_PURPOSE}, 'queued', ${campaign.id}, x.id, x.segments, ${now}, ${now}
        FROM unnest(${cleared.map((c) => c.recipient.id)}::int[], ${cleared.map((c) => c.recipient.phone)}::text[],
          ${bodies}::text[], ${bodies.map((b) => ctx.gate.segments(b))}::int[]) WITH ORDINALITY AS x(id, phone, body, segments, n)
        ORDER BY x.n
        RETURNING id, recipient_id`;
      const messageOf = new Map(rows.map((r) => [r.recipient_id, r.id]));
      const decided = cleared.map(({ recipient }, i) => ({
        messageId: messageOf.get(recipient.id) as number,
        body: bodies[i] as string,
        recipient,
      }));
      return { decided, doubtful, decidedAt: now, claimed: claimed.length };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * Steps 2 and 3: sends a part, REQUESTS_IN_FLIGHT at a time, and records its answers. Returns how
 * many failed, and the messages not sent because `sendBy` came first (no request starts after it).
 * `closesAt`: the end of the sending window, which no message may outlive at the carrier.
 */
async function sendPart(
  ctx: SendContext,
  part: Decided[],
  closesAt: Date | null,
  sendBy: Date,
  tally: Record<string, number>,
): Promise<{ failures: number; late: Decided[] }> {
  const validUntil = closesAt ?? undefined;
  const results: ({ ok: true; result: SmsSendResult } | { ok: false; error: unknown } | { ok: "late" })[] = new Array(part.length);
  let cursor = 0;
  let closed = false;
  const lane = async () => {
    while (cursor < part.length) {
      const i = cursor++;
      const m = part[i] as Decided;
      if (closed || ctx.now() >= sendBy) {
        closed = true;
        results[i] = { ok: "late" };
        continue;
      }
      try {
        const result = await ctx.provider.send({
          to: m.recipient.phone,
          body: m.body,
          statusCallbackUrl: ctx.publicBaseUrl ? smsStatusCallbackUrl(ctx.publicBaseUrl, m.messageId) : undefined,
          validUntil,
          idempotencyKey: messageKey(m.messageId),
        });
        results[i] = { ok: true, result };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(REQUESTS_IN_FLIGHT, part.length) }, lane));
  // Recorded after the requests, outside their try: a database error here must not count as a
  // refused message. The recipients then stay 'sending' and reconcileStale settles them.
  const accepted = part.flatMap((m, i) => {
    const r = results[i];
    return r?.ok === true
      ? [{ recipientId: m.recipient.id, messageId: m.messageId, providerMessageId: r.result.providerMessageId, status: r.result.status }]
      : [];
  });
  await recordAcceptedMany(ctx.db, accepted, ctx.now());
  if (accepted.length > 0) tally.sent = (tally.sent ?? 0) + accepted.length;
  let failures = 0;
  for (const [i, m] of part.entries()) {
    const r = results[i];
    if (r?.ok !== false) continue;
    await recordFailure(ctx, m, r.error);
    failures++;
  }
  if (failures > 0) tally.failed = (tally.failed ?? 0) + failures;
  return { failures, late: part.filter((_, i) => results[i]?.ok === "late") };
}

/**
 * Decided but not sent in time: the rows never left (nothing at the vendor,
 * nothing to count against the cap) and are removed; the recipients are pending again, the attempt
 * given back.
 */
async function releaseUnsent(ctx: SendContext, rest: Decided[]): Promise<void> {
  if (rest.length === 0) return;
  const { db } = ctx;
  const now = ctx.now();
  await db.$transaction([
    db.$executeRaw`DELETE FROM sms_messages WHERE id = ANY(${rest.map((m) => m.messageId)}::int[])
      AND status = 'queued' AND provider_message_id IS NULL`,
    db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', attempts = attempts - 1, updated_at = ${now}
      WHERE id = ANY(${rest.map((m) => m.recipient.id)}::int[]) AND status = 'sending'`,
  ]);
}
