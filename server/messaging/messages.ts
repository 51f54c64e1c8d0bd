// Sending one SMS with its record in sms_messages, and applying delivery receipts to that record.
import type { Db } from "../platform/db/client.js";
import { announceMessageMoved, announceNotOnChannel, announceUnsubscribed } from "./hooks.js";
import type { SmsFailureKind, SmsProvider } from "./provider.js";
import { SmsSendError } from "./provider.js";
import { type MessageStatus, normalizeMessageStatus, statusesBelow } from "./status.js";

export interface SmsRequest {
  /** E.164. */
  to: string;
  body: string;
  /** Why the message exists (survey_link, campaign, opt_out_confirmation, …), for reports and retention. */
  purpose: string;
  callId?: number;
  /** The case a service message is about (case_created, case_answered, case_survey). */
  caseId?: number;
  validUntil?: Date;
}

/**
 * Customer-care (service) purposes: not advertising, never labelled [QC], never counted against the
 * advertising cap; gateways with a customer-care route (eSMS SmsType 2) send them through it.
 */
export const SERVICE_PURPOSES: ReadonlySet<string> = new Set([
  "survey_link",
  "opt_out_confirmation",
  "case_created",
  "case_answered",
  "case_survey",
]);

/** Our key for one attempt, handed to vendors that de-duplicate by a client reference (eSMS RequestId). */
export const smsAttemptKey = (messageId: number) => `tthc-m${messageId}`;

export interface SentSms {
  id: number;
  providerMessageId: string;
  status: "queued" | "sent";
}

/** The delivery-receipt URL of one message; the id lets a receipt find its row even before the send was recorded. */
export function smsStatusCallbackUrl(publicBaseUrl: string, messageId: number): string {
  return `${publicBaseUrl}/twilio/sms/status?m=${messageId}`;
}

/**
 * Writes the message row first (status "queued"), sends, then records the provider's id and status.
 *
 * Crash between send and record: the row stays "queued" without providerMessageId. Nothing resends it
 * by itself: callers decide from the row's existence (the survey job treats any non-failed row as
 * "maybe sent" and never sends again, so a citizen gets at most one message). The status callback URL
 * carries the row id, so Twilio's receipts still find the row and fill in the provider id and status.
 * A failed send marks the row "failed" with the error code and rethrows the SmsSendError.
 */
export async function sendSms(
  db: Db,
  provider: SmsProvider,
  request: SmsRequest,
  options: { publicBaseUrl?: string; now?: () => Date } = {},
): Promise<SentSms> {
  const now = options.now ?? (() => new Date());
  const row = await db.smsMessage.create({
    data: {
      provider: provider.name,
      recipient: request.to,
      body: request.body,
      purpose: request.purpose,
      status: "queued",
      callId: request.callId ?? null,
      caseId: request.caseId ?? null,
    },
  });
  let result: Awaited<ReturnType<SmsProvider["send"]>>;
  try {
    result = await provider.send({
      to: request.to,
      body: request.body,
      statusCallbackUrl: options.publicBaseUrl ? smsStatusCallbackUrl(options.publicBaseUrl, row.id) : undefined,
      validUntil: request.validUntil,
      idempotencyKey: smsAttemptKey(row.id),
      category: SERVICE_PURPOSES.has(request.purpose) ? "service" : "advertising",
    });
  } catch (error) {
    const failure = error instanceof SmsSendError ? error : new SmsSendError(String(error), true, "unknown", { cause: error });
    await db.smsMessage.update({ where: { id: row.id }, data: { status: "failed", errorCode: failure.code.slice(0, 64) } });
    // The recipient unsubscribed at the carrier: the wings above record it as an opt-out.
    if (failure.kind === "unsubscribed") await announceUnsubscribed(db, request.to, failure.code, now());
    throw failure;
  }
  // A receipt may already have moved the row on (and set the id): never go backwards.
  await db.smsMessage.updateMany({ where: { id: row.id, providerMessageId: null }, data: { providerMessageId: result.providerMessageId } });
  await db.smsMessage.updateMany({
    where: { id: row.id, status: { in: statusesBelow(result.status) } },
    data: { status: result.status, ...(result.status === "sent" ? { sentAt: now() } : {}) },
  });
  return { id: row.id, providerMessageId: result.providerMessageId, status: result.status };
}

export interface StatusReceipt {
  /** Our row id, from the callback URL, when known. */
  messageId?: number;
  providerMessageId: string;
  status: string;
  errorCode?: string;
  /** The neutral meaning of errorCode, from the vendor that sent the receipt. */
  errorKind?: SmsFailureKind;
  at: Date;
}

/**
 * Applies one delivery receipt. The update is conditional on the row's current status being lower,
 * so concurrent or late receipts can only move a message forward. Returns whether anything changed.
 * One transaction: a receipt cut short (database lost midway) leaves nothing half-applied, so its
 * retry moves the message and its campaign recipient together.
 */
export async function applyMessageStatus(db: Db, receipt: StatusReceipt): Promise<boolean> {
  const status: MessageStatus | undefined = normalizeMessageStatus(receipt.status);
  if (!status || status === "queued") return false;
  const row = await db.smsMessage.findFirst({
    where:
      receipt.messageId !== undefined
        ? { id: receipt.messageId, OR: [{ providerMessageId: null }, { providerMessageId: receipt.providerMessageId }] }
        : { providerMessageId: receipt.providerMessageId },
    select: { id: true, providerMessageId: true, recipient: true },
  });
  if (!row) return false;
  // Idempotent, and its own transaction: before the changes below.
  if (receipt.errorKind === "unsubscribed") {
    await announceUnsubscribed(db, row.recipient, receipt.errorCode ?? "unsubscribed", receipt.at);
  }
  return db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    if (row.providerMessageId === null) {
      await tx.smsMessage.updateMany({
        where: { id: row.id, providerMessageId: null },
        data: { providerMessageId: receipt.providerMessageId },
      });
    }
    const { count } = await tx.smsMessage.updateMany({
      where: { id: row.id, status: { in: statusesBelow(status) } },
      data: {
        status,
        ...(status === "sent" ? { sentAt: receipt.at } : {}),
        ...(status === "delivered" ? { deliveredAt: receipt.at } : {}),
        ...(receipt.errorCode && (status === "failed" || status === "undelivered") ? { errorCode: receipt.errorCode.slice(0, 64) } : {}),
      },
    });
    // Whoever sent the message (a campaign) moves with it, in the same transaction.
    if (count > 0 && status === "undelivered" && receipt.errorKind === "not_on_channel")
      await announceNotOnChannel(tx, row.id, receipt.at, receipt.errorCode ?? "not_on_channel");
    else if (count > 0) await announceMessageMoved(tx, [row.id], status, receipt.at, receipt.errorCode);
    return count > 0;
  });
}

/**
 * Many messages' receipts at once (a batch gateway reports a whole batch in one callback): the same
 * forward-only rule as applyMessageStatus, set-based, one transaction per status. Returns how many moved.
 */
export async function applyBatchStatuses(
  db: Db,
  moves: { messageId: number; status: MessageStatus }[],
  at: Date,
  errorCode?: string,
): Promise<number> {
  let moved = 0;
  for (const status of new Set(moves.map((m) => m.status))) {
    if (status === "queued") continue;
    const ids = moves.filter((m) => m.status === status).map((m) => m.messageId);
    const error = errorCode && (status === "failed" || status === "undelivered") ? errorCode.slice(0, 64) : null;
    moved += await db.$transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      const changed = await tx.$queryRaw<{ id: number }[]>`
        UPDATE sms_messages SET status = ${status}, updated_at = ${at},
          sent_at = CASE WHEN ${status} = 'sent' THEN ${at} ELSE sent_at END,
          delivered_at = CASE WHEN ${status} = 'delivered' THEN ${at} ELSE delivered_at END,
          error_code = COALESCE(${error}, error_code)
        WHERE id = ANY(${ids}::int[]) AND status = ANY(${statusesBelow(status)}::text[])
        RETURNING id`;
      await announceMessageMoved(
        tx,
        changed.map((c) => c.id),
        status,
        at,
        error ?? undefined,
      );
      return changed.length;
    });
  }
  return moved;
}
