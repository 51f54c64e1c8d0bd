// Exactly once per campaign recipient: the pieces every sending path shares (message-batch.ts for
// gateways that take one message per request, batch-send.ts for batch gateways, zns-send.ts for Zalo).
//
//  claim    UPDATE … SET status='sending', attempts+1 WHERE status='pending' AND the campaign runs.
//           One worker wins; a duplicated job, a retried batch or a second worker finds nothing.
//  decide   Under the numbers' advisory locks: the compliance policy with fresh facts (consent,
//           suppression, erasure, DNC, sends in the last 24 h across campaigns); the caller then
//           writes the message rows in the same transaction. The cap count and the rows commit
//           together, so two campaigns cannot both take a number's third message.
//  record   The vendor's answer: message → sent/queued with the vendor's id, recipient → sent; or the
//           failure, with a retry for a transient one.
//
// A send that got no answer (timeout, connection lost: SmsSendError.outcomeUnknown) leaves a doubt.
// With a provider that has `lookup`, the row stays 'queued' marked `unanswered:<code>` and the
// recipient waits for its retry; the retry first asks the vendor about that row (settleDoubtful):
// found → sent, nothing resent; not found → the row fails and a new attempt goes out; unknown → no send.

import { Prisma } from "../../generated/prisma/client.js";
import { type SmsProvider, SmsSendError } from "../../messaging/provider.js";
import { statusesBelow } from "../../messaging/status.js";
import { isVietnameseMobile } from "../../phone/vietnamese-e164.js";
import type { Db } from "../../platform/db/client.js";
import { erasedSql } from "../consent/erased/erased.js";
import type { CampaignLinks } from "../links/shortener.js";
import { type ComplianceGate, suppressNumber } from "./ports.js";
import { applyReceiptToRecipient } from "./receipts.js";

export const CAMPAIGN_PURPOSE = "campaign";

export interface SendSettings {
  /** Attempts per recipient before a transient error becomes final. */
  maxAttempts: number;
  /** First retry delay; doubled at each further attempt. */
  retryBaseMs: number;
}

export interface SendContext {
  db: Db;
  now: () => Date;
  provider: SmsProvider;
  gate: ComplianceGate;
  campaign: { id: number; body: string; unaccented: boolean; brandname: string };
  settings: SendSettings;
  publicBaseUrl?: string;
  /** Portal links replaced by tracked short links (outreach/links); absent: the text is sent as written. */
  links?: CampaignLinks;
}

export type SendOutcome =
  | { kind: "not_claimed" }
  | { kind: "sent"; messageId: number }
  | { kind: "skipped"; reason: string }
  | { kind: "deferred"; until: Date; reason: string }
  | { kind: "failed"; code: string; final: boolean };

export const messageKey = (messageId: number) => `tthc-m${messageId}`;

/** error_code prefix of a message whose send got no answer: maybe accepted, settled before any retry. */
export const UNANSWERED = "unanswered:";

export interface Claimed {
  id: number;
  phone: string;
  contact_id: number | null;
  attempts: number;
}

/** What the database knows of a claimed recipient's number right before the decision. */
export interface Facts {
  id: number;
  consent: "unknown" | "granted" | "refused" | null;
  name: string | null;
  attributes: unknown;
  suppressed: boolean;
  dnc: boolean;
  recent: Date[] | null;
}

/**
 * The facts of many claimed recipients in one statement (one for a message sent on its own, a whole
 * batch for a batch gateway). Run it under the numbers' advisory locks, in the transaction that then
 * writes the message rows, so the 24-hour count stays exact across campaigns.
 */
export async function loadFacts(tx: Prisma.TransactionClient, now: Date, recipients: Claimed[]): Promise<Map<number, Facts>> {
  if (recipients.length === 0) return new Map();
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const ids = recipients.map((r) => r.id);
  const phones = recipients.map((r) => r.phone);
  const contacts = recipients.map((r) => r.contact_id);
  const rows = await tx.$queryRaw<Facts[]>`
    SELECT x.id, c.consent_status::text AS consent, c.name, c.attributes,
      -- Suppressed: an opt-out, or a number erased at the citizen's request (consent/erased).
      (EXISTS (SELECT 1 FROM suppressions s WHERE s.phone = x.phone) OR ${erasedSql(Prisma.sql`x.phone`)}) AS suppressed,
      EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = x.phone) AS dnc,
      (SELECT array_agg(m.created_at) FROM sms_messages m
        WHERE m.recipient = x.phone AND m.purpose = ${CAMPAIGN_PURPOSE} AND m.status <> 'failed'
          AND m.created_at > ${since}) AS recent
    FROM unnest(${ids}::int[], ${phones}::text[], ${contacts}::int[]) AS x(id, phone, contact_id)
    LEFT JOIN contacts c ON c.id = x.contact_id`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** A claimed recipient the policy holds back: skipped for good, or waiting (not an attempt) until `until`. */
export async function recordNotSent(
  tx: Prisma.TransactionClient,
  recipientId: number,
  decision: { action: "skip"; reason: string } | { action: "defer"; until: Date; reason: string },
  now: Date,
): Promise<{ kind: "skipped"; reason: string } | { kind: "deferred"; until: Date; reason: string }> {
  if (decision.action === "skip") {
    await recordHeldBack(tx, [{ id: recipientId, reason: decision.reason }], [], now);
    return { kind: "skipped", reason: decision.reason };
  }
  await recordHeldBack(tx, [], [{ id: recipientId, until: decision.until, reason: decision.reason }], now);
  return { kind: "deferred", until: decision.until, reason: decision.reason };
}

/** Claimed recipients the policy holds back, set-based: skipped for good, or waiting (not an attempt) until `until`. */
async function recordHeldBack(
  tx: Prisma.TransactionClient,
  skipped: { id: number; reason: string }[],
  deferred: { id: number; until: Date; reason: string }[],
  now: Date,
): Promise<void> {
  if (skipped.length > 0) {
    await tx.$executeRaw`UPDATE campaign_recipients r SET status = 'skipped', skip_reason = x.reason, attempts = r.attempts - 1, updated_at = ${now}
      FROM unnest(${skipped.map((x) => x.id)}::int[], ${skipped.map((x) => x.reason)}::text[]) AS x(id, reason)
      WHERE r.id = x.id AND r.status = 'sending'`;
  }
  if (deferred.length > 0) {
    // The dispatcher comes back for them at `until`.
    await tx.$executeRaw`UPDATE campaign_recipients r SET status = 'pending', not_before = x.until, attempts = r.attempts - 1,
        last_error = 'deferred: ' || x.reason, updated_at = ${now}
      FROM unnest(${deferred.map((x) => x.id)}::int[], ${deferred.map((x) => x.until)}::timestamptz[], ${deferred.map((x) => x.reason)}::text[])
        AS x(id, until, reason)
      WHERE r.id = x.id AND r.status = 'sending'`;
  }
}

/**
 * Step 1 of a batch: claims the recipients still pending and due, of a running campaign. One worker
 * wins each; a duplicated job, a retried batch or a second worker finds nothing.
 */
export async function claimRecipients(tx: Pick<Prisma.TransactionClient, "$queryRaw">, ids: number[], now: Date): Promise<Claimed[]> {
  return tx.$queryRaw<Claimed[]>`
    UPDATE campaign_recipients r SET status = 'sending', attempts = r.attempts + 1, updated_at = ${now}
    FROM campaigns c
    WHERE r.id = ANY(${ids}::int[]) AND r.status = 'pending' AND (r.not_before IS NULL OR r.not_before <= ${now})
      AND c.id = r.campaign_id AND c.status = 'running'
    RETURNING r.id, r.phone, r.contact_id, r.attempts`;
}

/**
 * Step 2 of a batch, in the claim's transaction: the numbers' advisory locks (in one order, so two
 * batches cannot deadlock; they serialise every campaign's decision for a number, which keeps the
 * 24-hour count exact), their facts in one statement, the policy for each, and the skips and
 * deferrals written. Returns the recipients cleared to send, with their facts.
 */
export async function decideClaimed(
  tx: Prisma.TransactionClient,
  ctx: Pick<SendContext, "gate" | "campaign">,
  claimed: Claimed[],
  now: Date,
  tally: Record<string, number>,
): Promise<{ recipient: Claimed; facts: Facts }[]> {
  if (claimed.length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(k) FROM (
    SELECT DISTINCT hashtext(p) AS k FROM unnest(${claimed.map((r) => r.phone)}::text[]) p ORDER BY 1) locks`;
  const facts = await loadFacts(tx, now, claimed);
  const skipped: { id: number; reason: string }[] = [];
  const deferred: { id: number; until: Date; reason: string }[] = [];
  const cleared: { recipient: Claimed; facts: Facts }[] = [];
  for (const recipient of claimed) {
    const f = facts.get(recipient.id);
    if (!f) throw new Error(`no facts for recipient ${recipient.id}`);
    const decision = ctx.gate.decide(now, recipientFacts(f, recipient.phone), ctx.campaign.brandname);
    if (decision.action === "skip") skipped.push({ id: recipient.id, reason: decision.reason });
    else if (decision.action === "defer") deferred.push({ id: recipient.id, until: decision.until, reason: decision.reason });
    else cleared.push({ recipient, facts: f });
  }
  await recordHeldBack(tx, skipped, deferred, now);
  if (skipped.length > 0) tally.skipped = (tally.skipped ?? 0) + skipped.length;
  if (deferred.length > 0) tally.deferred = (tally.deferred ?? 0) + deferred.length;
  return cleared;
}

/** The compliance policy's view of one recipient. */
export function recipientFacts(f: Facts, phone: string) {
  return {
    consent: f.consent ?? "unknown",
    suppressed: f.suppressed,
    dnc: f.dnc,
    sentInLast24h: f.recent ?? [],
    mobile: isVietnameseMobile(phone),
  } as const;
}

export function backoffMs(settings: SendSettings, attempts: number): number {
  return settings.retryBaseMs * 2 ** Math.max(0, attempts - 1);
}

/** A message the vendor refused, or whose send got no answer: its row and its recipient's retry or failure. */
export async function recordFailure(
  ctx: SendContext,
  m: { messageId: number; recipient: Claimed },
  error: unknown,
): Promise<{ kind: "failed"; code: string; final: boolean }> {
  const { db } = ctx;
  const { messageId, recipient } = m;
  const failure = error instanceof SmsSendError ? error : new SmsSendError(String(error), true, "unknown", { cause: error });
  const code = failure.code.slice(0, 64);
  const retry = failure.transient && recipient.attempts < ctx.settings.maxAttempts;
  const at = ctx.now();
  const retryAt = new Date(at.getTime() + backoffMs(ctx.settings, recipient.attempts));
  // No answer: the vendor may have the message. With a lookup, the row stays 'queued' (it counts
  // towards the daily cap, a receipt can still move it) and the next attempt asks before sending.
  const unanswered = failure.outcomeUnknown && ctx.provider.lookup !== undefined;
  await db.$transaction([
    unanswered
      ? db.$executeRaw`UPDATE sms_messages SET error_code = ${`${UNANSWERED}${code}`.slice(0, 64)}, updated_at = ${at}
          WHERE id = ${messageId} AND status = 'queued'`
      : db.$executeRaw`UPDATE sms_messages SET status = 'failed', error_code = ${code}, updated_at = ${at}
          WHERE id = ${messageId} AND status = 'queued'`,
    retry
      ? db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', not_before = ${retryAt},
          last_error = ${`${code}: ${failure.message}`.slice(0, 500)}, updated_at = ${at}
          WHERE id = ${recipient.id} AND status = 'sending'`
      : db.$executeRaw`UPDATE campaign_recipients SET status = 'failed',
          last_error = ${`${code}: ${failure.message}`.slice(0, 500)}, updated_at = ${at}
          WHERE id = ${recipient.id} AND status = 'sending'`,
  ]);
  // The citizen replied STOP at the carrier. Nobody sends to the number again (Spoke's rule).
  if (failure.kind === "unsubscribed") await suppressNumber(db, recipient.phone, "provider", code);
  return { kind: "failed", code, final: !retry };
}

/**
 * Claimed retries whose latest message got no answer: released again (pending, the attempt given
 * back) in the claim's transaction, for settleDoubtful to ask the vendor about before anything is
 * resent. Returns their ids.
 */
export async function releaseDoubtful(tx: Prisma.TransactionClient, claimed: Claimed[], now: Date): Promise<Set<number>> {
  const retries = claimed.filter((r) => r.attempts > 1).map((r) => r.id);
  if (retries.length === 0) return new Set();
  const doubtful = await tx.$queryRaw<{ id: number }[]>`
    SELECT latest.recipient_id AS id FROM (
      SELECT DISTINCT ON (recipient_id) recipient_id, status, error_code FROM sms_messages
      WHERE recipient_id = ANY(${retries}::int[]) ORDER BY recipient_id, id DESC) latest
    WHERE latest.status <> 'failed' AND latest.error_code LIKE ${`${UNANSWERED}%`}`;
  const ids = doubtful.map((d) => d.id);
  if (ids.length > 0) {
    await tx.$executeRaw`UPDATE campaign_recipients SET status = 'pending', attempts = attempts - 1, updated_at = ${now}
      WHERE id = ANY(${ids}::int[]) AND status = 'sending'`;
  }
  return new Set(ids);
}

/**
 * A recipient whose latest message got no answer, claimed on its own: the vendor is asked about that
 * message (settlePrevious). Returns the outcome when that settles the recipient, or "resend" when the
 * vendor never had it: the recipient is pending again, for a new attempt in the next decision.
 */
export async function settleDoubtful(ctx: SendContext, recipientId: number): Promise<SendOutcome | "resend"> {
  const now = ctx.now();
  const [recipient] = await claimRecipients(ctx.db, [recipientId], now);
  if (!recipient) return { kind: "not_claimed" };
  const settled = await settlePrevious(ctx, recipient);
  if (settled) return settled;
  await ctx.db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', attempts = attempts - 1, updated_at = ${now}
    WHERE id = ${recipient.id} AND status = 'sending'`;
  return "resend";
}

interface Previous {
  id: number;
  body: string;
  status: string;
  provider_message_id: string | null;
  error_code: string | null;
  created_at: Date;
}

/**
 * Before a new attempt: if this recipient's latest message got no answer, find out whether the vendor
 * has it. Returns the outcome when the claim ends here (sent, or no answer to the question either),
 * null when a new attempt may go out.
 */
async function settlePrevious(ctx: SendContext, recipient: Claimed): Promise<SendOutcome | null> {
  const { db } = ctx;
  const [prev] = await db.$queryRaw<Previous[]>`
    SELECT id, body, status, provider_message_id, error_code, created_at FROM sms_messages
    WHERE recipient_id = ${recipient.id} ORDER BY id DESC LIMIT 1`;
  if (!prev || prev.status === "failed" || !prev.error_code?.startsWith(UNANSWERED)) return null;
  const now = ctx.now();
  let providerMessageId = prev.provider_message_id;
  // A receipt already found the row (by the id in its callback URL): the vendor had it.
  if (providerMessageId === null && prev.status === "queued") {
    const found = ctx.provider.lookup
      ? await ctx.provider.lookup(messageKey(prev.id), { to: recipient.phone, sentAfter: prev.created_at, body: prev.body })
      : ({ found: "unknown" } as const);
    if (found.found === false) {
      await db.$executeRaw`UPDATE sms_messages SET status = 'failed', updated_at = ${now}
        WHERE id = ${prev.id} AND status = 'queued' AND provider_message_id IS NULL`;
      return null;
    }
    if (found.found === "unknown") {
      const retry = recipient.attempts < ctx.settings.maxAttempts;
      const error = `unknown_outcome: no answer to message ${prev.id} (${prev.error_code}) and the provider cannot tell whether it has it; not resent`;
      if (retry) {
        const retryAt = new Date(now.getTime() + backoffMs(ctx.settings, recipient.attempts));
        await db.$executeRaw`UPDATE campaign_recipients SET status = 'pending', not_before = ${retryAt}, last_error = ${error},
          updated_at = ${now} WHERE id = ${recipient.id} AND status = 'sending'`;
      } else {
        await db.$executeRaw`UPDATE campaign_recipients SET status = 'failed', last_error = ${error}, updated_at = ${now}
          WHERE id = ${recipient.id} AND status = 'sending'`;
      }
      return { kind: "failed", code: "unknown_outcome", final: !retry };
    }
    if (await ownedByAnotherMessage(db, found.providerMessageId, prev.id)) {
      await db.$executeRaw`UPDATE sms_messages SET status = 'failed', updated_at = ${now}
        WHERE id = ${prev.id} AND status = 'queued' AND provider_message_id IS NULL`;
      return null;
    }
    providerMessageId = found.providerMessageId;
  }
  // The attempt reached the vendor after all: this claim records it instead of sending again.
  await db.$executeRaw`UPDATE sms_messages SET error_code = NULL, updated_at = ${now} WHERE id = ${prev.id}`;
  await db.$executeRaw`UPDATE campaign_recipients SET attempts = GREATEST(attempts - 1, 1) WHERE id = ${recipient.id} AND status = 'sending'`;
  await recordAccepted(db, { recipientId: recipient.id, messageId: prev.id, providerMessageId, status: "sent", at: now });
  // A final receipt that arrived while the recipient waited for its retry speaks for it now.
  if (prev.status === "delivered" || prev.status === "undelivered") {
    await applyReceiptToRecipient(
      db,
      [prev.id],
      prev.status,
      now,
      prev.status === "undelivered" ? (prev.error_code ?? undefined) : undefined,
    );
  }
  return { kind: "sent", messageId: prev.id };
}

/**
 * A vendor id found by a lookup that matches on content (Twilio: number and body) may already be
 * recorded for another of our messages, when the very same text went to the same number within
 * minutes: it is then that message, not the one asked about.
 */
export async function ownedByAnotherMessage(db: Db, providerMessageId: string, messageId: number): Promise<boolean> {
  const owner = await db.smsMessage.findUnique({ where: { providerMessageId }, select: { id: true } });
  return owner !== null && owner.id !== messageId;
}

/** The vendor took the message: record it at once (the only window where a crash leaves doubt). */
export async function recordAccepted(db: Db, r: Accepted): Promise<void> {
  await recordAcceptedMany(db, [r], r.at);
}

export interface Accepted {
  recipientId: number;
  messageId: number;
  providerMessageId: string | null;
  status: "queued" | "sent";
  at: Date;
}

/** Messages the vendor took, recorded together: one statement for the messages, one for their recipients. */
export async function recordAcceptedMany(db: Db, rows: Omit<Accepted, "at">[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  // A receipt may have overtaken us and already moved a row on: never backwards. "queued" (Twilio's
  // and SNS's first answer) is where the row already is: nothing is below it.
  const belowSent = statusesBelow("sent");
  await db.$transaction([
    db.$executeRaw`UPDATE sms_messages m SET
        provider_message_id = COALESCE(m.provider_message_id, x.provider_id),
        status = CASE WHEN x.status = 'sent' AND m.status IN (${Prisma.join(belowSent)}) THEN 'sent' ELSE m.status END,
        sent_at = CASE WHEN x.status = 'sent' AND m.status IN (${Prisma.join(belowSent)}) THEN COALESCE(m.sent_at, ${at}) ELSE m.sent_at END,
        updated_at = ${at}
      FROM unnest(${rows.map((r) => r.messageId)}::int[], ${rows.map((r) => r.providerMessageId)}::text[], ${rows.map((r) => r.status)}::text[])
        AS x(id, provider_id, status)
      WHERE m.id = x.id`,
    db.$executeRaw`UPDATE campaign_recipients SET status = 'sent', sent_at = ${at}, last_error = NULL, updated_at = ${at}
      WHERE id = ANY(${rows.map((r) => r.recipientId)}::int[]) AND status = 'sending'`,
  ]);
}
