-- Tracked links of SMS campaigns (issue 14, server/outreach/links/): one short link per campaign and
-- portal URL, answered at /l/<code>, and its requests, counted as clicks or as machines' fetches.
-- recipient_links: a code per recipient, only while TRACKED_LINK_PER_RECIPIENT is on (personal data).

-- CreateEnum
CREATE TYPE "LinkRequestKind" AS ENUM ('click', 'repeat', 'bot', 'head');

-- CreateTable
CREATE TABLE "tracked_links" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tracked_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recipient_links" (
    "code" TEXT NOT NULL,
    "link_id" INTEGER NOT NULL,
    "recipient_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recipient_links_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "link_requests" (
    "id" SERIAL NOT NULL,
    "link_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "recipient_id" INTEGER,
    "kind" "LinkRequestKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "link_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tracked_links_code_key" ON "tracked_links"("code");

-- CreateIndex
CREATE UNIQUE INDEX "tracked_links_campaign_id_url_key" ON "tracked_links"("campaign_id", "url");

-- CreateIndex
CREATE INDEX "tracked_links_expires_at_idx" ON "tracked_links"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "recipient_links_link_id_recipient_id_key" ON "recipient_links"("link_id", "recipient_id");

-- CreateIndex
CREATE INDEX "recipient_links_recipient_id_idx" ON "recipient_links"("recipient_id");

-- CreateIndex
CREATE INDEX "link_requests_campaign_id_at_idx" ON "link_requests"("campaign_id", "at");

-- CreateIndex
CREATE INDEX "link_requests_link_id_idx" ON "link_requests"("link_id");

-- AddForeignKey
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "link_requests" ADD CONSTRAINT "link_requests_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "tracked_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "link_requests" ADD CONSTRAINT "link_requests_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipient_links" ADD CONSTRAINT "recipient_links_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "tracked_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipient_links" ADD CONSTRAINT "recipient_links_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "campaign_recipients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "link_requests" ADD CONSTRAINT "link_requests_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "campaign_recipients"("id") ON DELETE SET NULL ON UPDATE CASCADE;
