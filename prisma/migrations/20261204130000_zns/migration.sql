-- Zalo ZNS with SMS fallback (issue 14 point 2): ZNS templates, the campaign's channel and template,
-- the channel of each recipient's latest attempt and of each message.

-- CreateTable
CREATE TABLE "zns_templates" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "sender_id" INTEGER NOT NULL,
    "oa_id" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '[]',
    "preview" TEXT NOT NULL,
    "tag" TEXT NOT NULL DEFAULT '2',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "zns_templates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "zns_templates_name_key" ON "zns_templates"("name");

-- CreateIndex
CREATE UNIQUE INDEX "zns_templates_oa_id_template_id_key" ON "zns_templates"("oa_id", "template_id");

-- AddForeignKey
ALTER TABLE "zns_templates" ADD CONSTRAINT "zns_templates_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "sms_senders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'sms',
ADD COLUMN "zns_template_id" INTEGER,
ADD COLUMN "zns_params" JSONB NOT NULL DEFAULT '{}';

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_zns_template_id_fkey" FOREIGN KEY ("zns_template_id") REFERENCES "zns_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "campaign_recipients" ADD COLUMN "channel" TEXT;

-- AlterTable
ALTER TABLE "sms_messages" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'sms';
