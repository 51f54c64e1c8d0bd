// Zalo ZNS with SMS fallback (issue 14 point 2), one recipient at a time, exactly once like send.ts:
//
//  1. claim     The recipient 'pending' → 'sending' (an attempt), as for SMS.
//  2. decide    Under the per-number lock: Decree 91 exactly as for SMS (consent, opt-outs, DNC, window,
//               daily cap: the same gate), then Zalo's own rules (zns-policy.ts: tag, hours, per-user
//               limit). Cleared: the message row (channel 'zns', the template filled as its body) is
//               written before the gateway is called, and the recipient's channel becomes 'zns'.
//  3. send      The gateway gets the ZNS with RequestId = the row's key (tthc-m<id>); a repeat is refused.
//  4. record    Accepted → the recipient 'sent' on ZNS. "Not on Zalo" (at once, or later in a receipt:
//               zns-fallback.ts) → the recipient is pending again on channel 'sms', not an attempt,
//               and the campaign's SMS path (the [QC] advertising SMS; eSMS: a batch) takes it.
//
// A recipient on channel 'sms' is never sent a ZNS, and one whose ZNS was not reported "not on Zalo"
// never reaches the SMS path: each number gets one channel. After a crash, a ZNS row without an
// answer is settled by asking the gateway under the same RequestId (eSMS: 124 = it has it).
import { Prisma } from "../../generated/prisma/client.js";
import { type OutgoingZns, SmsSendError, type ZnsCapability } from "../../messaging/provider.js";
import type { Db } from "../../platform/db/client.js";
import { DEFAULT_ZNS_POLICY, decideZns, type ZnsPolicy } from "../compliance/zns-policy.js";
import { fillZnsParams, renderZnsPreview, znsParams } from "../zns/fill.js";
import type { Grant } from "./rate-limit.js";
import {
  backoffMs,
  CAMPAIGN_PURPOSE,
  type Claimed,
  type Facts,
  loadFacts,
  messageKey,
  recipientFacts,
  recordAccepted,
  recordNotSent,
  type SendContext,
  type SendOutcome,
  UNANSWERED,
} from "./send.js";
import { contactVariables } from "./variables.js";
import { fallBackToSms } from "./zns-fallback.js";

export interface ZnsOptions {
  policy: ZnsPolicy;
  /** How long a campaign waits for ZNS outcomes (a "not on Zalo" receipt) before it may complete. */
  outcomeWaitMs: number;
}

export const DEFAULT_ZNS_OPTIONS: ZnsOptions = { policy: DEFAULT_ZNS_POLICY, outcomeWaitMs: 30 * 60_000 };

interface Template {
  oaId: string;
  templateId: string;
  tag: string;
  preview: string;
  params: unknown;
}

interface ZnsCampaign {
  template: Template;
  overrides: Record<string, unknown>;
}

/** The ZNS template and mapping of a ZNS campaign, or null for an SMS campaign. */
export async function loadZnsCampaign(db: Db, campaignId: number): Promise<ZnsCampaign | null> {
  const c = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      channel: true,
      znsParams: true,
      znsTemplate: { select: { oaId: true, templateId: true, tag: true, preview: true, params: true } },
    },
  });
  if (c?.channel !== "zns_sms_fallback" || !c.znsTemplate) return null;
  const overrides =
    c.znsParams && typeof c.znsParams === "object" && !Array.isArray(c.znsParams) ? (c.znsParams as Record<string, unknown>) : {};
  return { template: c.znsTemplate, overrides };
}

/**
 * The ZNS part of a send job: recipients not yet moved to SMS get their ZNS one by one; returns the
 * ids on channel 'sms', for the campaign's SMS path. With a batch gateway, SMS recipients wait while
 * ZNS outcomes are still due, so the fallback numbers go out together (eSMS: at least 30 a batch).
 */
export async function sendZnsPart(
  ctx: SendContext,
  zns: ZnsCapability | undefined,
  campaign: ZnsCampaign,
  options: ZnsOptions,
  recipientIds: number[],
  tally: Record<string, number>,
  take: () => Promise<Grant>,
  batchGateway: boolean,
): Promise<number[]> {
  const { db } = ctx;
  if (recipientIds.length === 0) return [];
  const rows = await db.$queryRaw<{ id: number; channel: string | null }[]>`
    SELECT id, channel FROM campaign_recipients WHERE id IN (${Prisma.join(recipientIds)})`;
  const smsIds = rows.filter((r) => r.channel === "sms").map((r) => r.id);
  for (const r of rows.filter((r) => r.channel !== "sms")) {
    const grant = await take();
    const outcome = await sendZnsToRecipient(ctx, zns, campaign, options, r.id).finally(() => grant.sent());
    const key = outcome.kind === "sent" ? "zns_sent" : outcome.kind === "fallback" ? "zns_fallback" : outcome.kind;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  if (smsIds.length > 0 && batchGateway && (await znsOutcomesAwaited(db, ctx.campaign.id, ctx.now(), options.outcomeWaitMs)) > 0) {
    const until = new Date(ctx.now().getTime() + Math.min(backoffMs(ctx.settings, 1), 5_000));
    await db.$executeRaw`UPDATE campaign_recipients SET not_before = ${until}, updated_at = ${ctx.now()}
      WHERE id IN (${Prisma.join(smsIds)}) AND status = 'pending'`;
    tally.sms_waiting = (tally.sms_waiting ?? 0) + smsIds.length;
    return [];
  }
  return smsIds;
}

/**
 * Recipients whose ZNS was accepted and whose outcome has not come yet (and is still worth waiting
 * for): a "not on Zalo" receipt would send them to SMS, so the campaign does not complete meanwhile.
 */
export async function znsOutcomesAwaited(db: Db, campaignId: number, now: Date, waitMs: number): Promise<number> {
  const since = new Date(now.getTime() - waitMs);
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM campaign_recipients r
    JOIN LATERAL (SELECT status, channel, created_at FROM sms_messages WHERE recipient_id = r.id ORDER BY id DESC LIMIT 1) m ON true
    WHERE r.campaign_id = ${campaignId} AND r.status = 'sent' AND r.channel = 'zns'
      AND m.channel = 'zns' AND m.status IN ('queued', 'sent') AND m.created_at > ${since}`;
  return (row as { n: number }).n;
}

type ZnsOutcome = SendOutcome | { kind: "fallback" };

export async function sendZnsToRecipient(
  ctx: SendContext,
  zns: ZnsCapability | undefined,
  campaign: ZnsCampaign,
  options: ZnsOptions,
  recipientId: number,
): Promise<ZnsOutcome> {
  const { db } = ctx;
  const now = ctx.now();
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE campaign_recipients r SET status = 'sending', attempts = r.attempts + 1, updated_at = ${now}
    FROM campaigns c
    WHERE r.id = ${recipientId} AND r.status = 'pending' AND (r.not_before IS NULL OR r.not_before <= ${now})
      AND r.channel IS DISTINCT FROM 'sms' AND c.id = r.campaign_id AND c.status = 'running'
    RETURNING r.id, r.phone, r.contact_id, r.attempts`;
  const recipient = claimed[0];
  if (!recipient) return { kind: "not_claimed" };
  const t = campaign.template;
  const params = znsParams(t.params);
  if (!zns) return fail(ctx, recipient, null, new SmsSendError("the campaign's sender cannot send Zalo ZNS", false, "zns_unsupported"));

  // The values need the contact; read before the decision so a settle below can resend the same.
  const [contact] = await db.$queryRaw<{ name: string | null; attributes: unknown }[]>`
    SELECT name, attributes FROM contacts WHERE id = ${recipient.contact_id}`;
  const values = fillZnsParams(params, contactVariables(contact ?? { name: null, attributes: null }), campaign.overrides);
  const outgoing = (messageId: number): OutgoingZns => ({
    to: recipient.phone,
    oaId: t.oaId,
    templateId: t.templateId,
    params: values,
    requestId: messageKey(messageId),
  });

  const settled = await settlePreviousZns(ctx, zns, recipient, outgoing);
  if (settled) return settled;

  const decided = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${recipient.phone}))`;
    // The same facts and the same law as an SMS (opt-outs, erased numbers, DNC, consent, the cap),
    // then Zalo's own rules on this template's kind of message.
    const f = (await loadFacts(tx, now, [recipient])).get(recipient.id) as Facts;
    const since = new Date(now.getTime() - 24 * 3_600_000);
    const [zalo] = await tx.$queryRaw<{ recent_zns: Date[] | null }[]>`
      SELECT (SELECT array_agg(m.created_at) FROM sms_messages m
          JOIN campaigns k ON k.id = m.campaign_id JOIN zns_templates z ON z.id = k.zns_template_id
          WHERE m.recipient = ${recipient.phone} AND m.channel = 'zns' AND m.status NOT IN ('failed', 'undelivered')
            AND z.tag = ${t.tag} AND m.created_at > ${since}) AS recent_zns`;
    const law = ctx.gate.decide(now, recipientFacts(f, recipient.phone), ctx.campaign.brandname);
    const decision = law.action === "send" ? decideZns(now, { tag: t.tag, sentInLast24h: zalo?.recent_zns ?? [] }, options.policy) : law;
    if (decision.action !== "send") return recordNotSent(tx, recipient.id, decision, now);
    const message = await tx.smsMessage.create({
      data: {
        provider: ctx.provider.name,
        recipient: recipient.phone,
        body: renderZnsPreview(t.preview, values),
        purpose: CAMPAIGN_PURPOSE,
        status: "queued",
        channel: "zns",
        campaignId: ctx.campaign.id,
        recipientId: recipient.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.$executeRaw`UPDATE campaign_recipients SET channel = 'zns' WHERE id = ${recipient.id}`;
    return { kind: "send", messageId: message.id } as const;
  });
  if (decided.kind !== "send") return decided;

  const { messageId } = decided;
  let result: Awaited<ReturnType<ZnsCapability["send"]>>;
  try {
    result = await zns.send(outgoing(messageId));
  } catch (error) {
    const failure = error instanceof SmsSendError ? error : new SmsSendError(String(error), true, "unknown", { cause: error });
    return fail(ctx, recipient, messageId, failure);
  }
  await recordAccepted(db, {
    recipientId: recipient.id,
    messageId,
    providerMessageId: result.providerMessageId,
    status: result.status,
    at: ctx.now(),
  });
  return { kind: "sent", messageId };
}

/** A refused or unanswered ZNS: "not on Zalo" → SMS; otherwise as send.ts treats an SMS failure. */
async function fail(ctx: SendContext, recipient: Claimed, messageId: number | null, failure: SmsSendError): Promise<ZnsOutcome> {
  const { db } = ctx;
  const code = failure.code.slice(0, 64);
  const at = ctx.now();
  if (failure.kind === "not_on_channel" && messageId !== null) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE sms_messages SET status = 'undelivered', error_code = ${code}, updated_at = ${at} WHERE id = ${messageId} AND status = 'queued'`;
      await fallBackToSms(tx as unknown as Db, messageId, at, code);
    });
    return { kind: "fallback" };
  }
  const retry = failure.transient && recipient.attempts < ctx.settings.maxAttempts;
  const retryAt = new Date(at.getTime() + backoffMs(ctx.settings, recipient.attempts));
  const error = `zns ${code}: ${failure.message}`.slice(0, 500);
  await db.$transaction([
    ...(messageId === null
      ? []
      : [
          failure.outcomeUnknown
            ? db.$executeRaw`UPDATE sms_messages SET error_code = ${`${UNANSWERED}${code}`.slice(0, 64)}, updated_at = ${at} WHERE id = ${messageId} AND status = 'queued'`
            : db.$executeRaw`UPDATE sms_messages SET status = 'failed', error_code = ${code}, updated_at = ${at} WHERE id = ${messageId} AND status = 'queued'`,
        ]),
    retry
      ? db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', not_before = ${retryAt}, last_error = ${error}, updated_at = ${at}
          WHERE id = ${recipient.id} AND status = 'sending'`
      : db.$executeRaw`UPDATE campaign_recipients SET status = 'failed', last_error = ${error}, updated_at = ${at}
          WHERE id = ${recipient.id} AND status = 'sending'`,
  ]);
  return { kind: "failed", code, final: !retry };
}

/**
 * Before a new ZNS attempt: the latest ZNS got no answer (timeout) or its worker died before recording
 * the answer. Asking under its RequestId settles it: the gateway has it → recorded as sent, nothing
 * new goes out; it has not → that row failed and a new attempt may go; it cannot say → not resent.
 */
async function settlePreviousZns(
  ctx: SendContext,
  zns: ZnsCapability,
  recipient: Claimed,
  outgoing: (messageId: number) => OutgoingZns,
): Promise<ZnsOutcome | null> {
  const { db } = ctx;
  const [prev] = await db.$queryRaw<{ id: number; status: string; provider_message_id: string | null; error_code: string | null }[]>`
    SELECT id, status, provider_message_id, error_code FROM sms_messages
    WHERE recipient_id = ${recipient.id} AND channel = 'zns' ORDER BY id DESC LIMIT 1`;
  if (prev?.status !== "queued" || prev.provider_message_id !== null) return null;
  const now = ctx.now();
  const found = await zns.lookup(outgoing(prev.id));
  if (found.found === false) {
    await db.$executeRaw`UPDATE sms_messages SET status = 'failed', updated_at = ${now} WHERE id = ${prev.id} AND status = 'queued'`;
    return null;
  }
  if (found.found === "unknown") {
    return fail(
      ctx,
      recipient,
      null,
      new SmsSendError(`no answer to ZNS ${prev.id} and the gateway cannot tell; not resent`, true, "unknown_outcome"),
    );
  }
  await db.$executeRaw`UPDATE sms_messages SET error_code = NULL, updated_at = ${now} WHERE id = ${prev.id}`;
  await db.$executeRaw`UPDATE campaign_recipients SET attempts = GREATEST(attempts - 1, 1) WHERE id = ${recipient.id} AND status = 'sending'`;
  await recordAccepted(db, {
    recipientId: recipient.id,
    messageId: prev.id,
    providerMessageId: found.providerMessageId,
    status: "sent",
    at: now,
  });
  return { kind: "sent", messageId: prev.id };
}

/**
 * The reconciler's part for ZNS: recipients left 'sending' by a dead worker whose latest row is a ZNS
 * of this attempt go back to pending; their next claim settles the row under its RequestId
 * (settlePreviousZns) before anything is sent again.
 */
export async function reconcileStaleZns(db: Db, campaignId: number, now: Date, reconcileAfterMs: number): Promise<number> {
  const before = new Date(now.getTime() - reconcileAfterMs);
  return db.$executeRaw`
    UPDATE campaign_recipients r SET status = 'pending', attempts = GREATEST(r.attempts - 1, 0), updated_at = ${now}
    FROM sms_messages m
    WHERE r.campaign_id = ${campaignId} AND r.status = 'sending' AND r.updated_at < ${before}
      AND m.recipient_id = r.id AND m.channel = 'zns' AND m.status = 'queued' AND m.provider_message_id IS NULL
      AND m.created_at >= r.updated_at
      AND NOT EXISTS (SELECT 1 FROM sms_messages n WHERE n.recipient_id = r.id AND n.id > m.id)`;
}
