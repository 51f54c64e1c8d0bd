-- The dispatcher takes a campaign's next pending recipients in id order from its checkpoint
-- (issue 16): with (campaign_id, status) alone it read every pending recipient of the campaign and
-- sorted them for each batch; with id last the index returns the batch in order and stops.
DROP INDEX "campaign_recipients_campaign_id_status_idx";
CREATE INDEX "campaign_recipients_campaign_id_status_id_idx" ON "campaign_recipients"("campaign_id", "status", "id");

-- A campaign message has no call, case or batch (one per request): the indexes of those links hold
-- only the rows that have one, so each campaign message (written twice: queued, then sent) adds
-- three index entries fewer. Their queries all ask for one value, never for NULL.
DROP INDEX "sms_messages_call_id_idx";
CREATE INDEX "sms_messages_call_id_idx" ON "sms_messages"("call_id") WHERE "call_id" IS NOT NULL;
DROP INDEX "sms_messages_case_id_idx";
CREATE INDEX "sms_messages_case_id_idx" ON "sms_messages"("case_id") WHERE "case_id" IS NOT NULL;
DROP INDEX "sms_messages_batch_id_idx";
CREATE INDEX "sms_messages_batch_id_idx" ON "sms_messages"("batch_id") WHERE "batch_id" IS NOT NULL;
