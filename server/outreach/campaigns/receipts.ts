// Delivery receipts reach campaign recipients through their message (sms_messages.recipient_id).
// Called by applyMessageStatus (one message) and applyBatchStatuses (a batch's) only when the message itself moved forward, so a late or repeated
// receipt changes nothing here either; and only the recipient's latest attempt speaks for it.

import type { MessageStatus } from "../../messaging/status.js";
import type { Db } from "../../platform/db/client.js";

export async function applyReceiptToRecipient(
  db: Db,
  messageIds: number[],
  status: MessageStatus,
  at: Date,
  errorCode?: string,
): Promise<void> {
  if (status === "delivered") {
    await db.$executeRaw`UPDATE campaign_recipients r SET status = 'delivered', delivered_at = ${at}, sent_at = COALESCE(r.sent_at, ${at}), updated_at = ${at}
      FROM sms_messages m WHERE m.id = ANY(${messageIds}::int[]) AND r.id = m.recipient_id AND r.status IN ('sending', 'sent')
        AND NOT EXISTS (SELECT 1 FROM sms_messages n WHERE n.recipient_id = r.id AND n.id > m.id)`;
  } else if (status === "failed" || status === "undelivered") {
    const error = `${status}${errorCode ? `: ${errorCode}` : ""}`;
    await db.$executeRaw`UPDATE campaign_recipients r SET status = 'failed', last_error = ${error}, updated_at = ${at}
      FROM sms_messages m WHERE m.id = ANY(${messageIds}::int[]) AND r.id = m.recipient_id AND r.status IN ('sending', 'sent')
        AND NOT EXISTS (SELECT 1 FROM sms_messages n WHERE n.recipient_id = r.id AND n.id > m.id)`;
  } else if (status === "sent") {
    await db.$executeRaw`UPDATE campaign_recipients r SET status = 'sent', sent_at = COALESCE(r.sent_at, ${at}), updated_at = ${at}
      FROM sms_messages m WHERE m.id = ANY(${messageIds}::int[]) AND r.id = m.recipient_id AND r.status = 'sending'
        AND NOT EXISTS (SELECT 1 FROM sms_messages n WHERE n.recipient_id = r.id AND n.id > m.id)`;
  }
}
