-- The dispatcher takes a campaign's next pending recipients in id order from its checkpoint
-- (issue 16): with (campaign_id, status) alone it read every pending recipient of the campaign and
-- sorted them for each batch; with id last the index returns the batch in order and stops.
DROP INDEX "campaign_recipients_campaign_id_status_idx";
CREATE INDEX "campaign_recipients_campaign_id_status_id_idx" ON "campaign_recipients"("campaign_id", "status", "id");
