-- Advertising batches (issue 14, server/outreach/campaigns/batch-send.ts): one row per request to a
-- gateway that takes many numbers at once (eSMS), written with its messages before the gateway is
-- called; after a crash it is settled by asking again under its request id, never by a new one.

-- AlterTable
ALTER TABLE "sms_messages" ADD COLUMN     "batch_id" INTEGER;

-- CreateTable
CREATE TABLE "sms_batches" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "request_id" TEXT NOT NULL,
    "provider_batch_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'recorded',
    "error_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sms_messages_batch_id_idx" ON "sms_messages"("batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "sms_batches_request_id_key" ON "sms_batches"("request_id");

-- CreateIndex
CREATE INDEX "sms_batches_campaign_id_status_idx" ON "sms_batches"("campaign_id", "status");

-- CreateIndex
CREATE INDEX "sms_batches_provider_batch_id_idx" ON "sms_batches"("provider_batch_id");

-- AddForeignKey
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "sms_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sms_batches" ADD CONSTRAINT "sms_batches_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
