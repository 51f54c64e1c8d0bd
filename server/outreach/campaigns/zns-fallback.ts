// A ZNS that cannot reach its number (no Zalo account, Zalo refusing the OA's messages): the
// recipient of a ZNS-with-SMS-fallback campaign goes back to pending on the SMS channel — not an
// attempt — and then takes the campaign's normal SMS path. Only the recipient's latest message speaks
// for it, and only while the campaign still sends (running or paused): after it completed, the ZNS
// simply failed. Runs in the caller's transaction (a receipt's, or the worker's).
import type { Db } from "../../platform/db/client.js";

export async function fallBackToSms(tx: Db, messageId: number, at: Date, errorCode: string): Promise<boolean> {
  const moved = await tx.$executeRaw`
    UPDATE campaign_recipients r SET status = 'pending', channel = 'sms', not_before = NULL,
      attempts = GREATEST(r.attempts - 1, 0), last_error = ${`zns ${errorCode}: not on Zalo, falls back to SMS`.slice(0, 500)}, updated_at = ${at}
    FROM sms_messages m, campaigns c
    WHERE m.id = ${messageId} AND m.channel = 'zns' AND r.id = m.recipient_id AND r.status IN ('sending', 'sent')
      AND c.id = r.campaign_id AND c.channel = 'zns_sms_fallback' AND c.status IN ('running', 'paused')
      AND NOT EXISTS (SELECT 1 FROM sms_messages n WHERE n.recipient_id = r.id AND n.id > m.id)`;
  return moved > 0;
}
