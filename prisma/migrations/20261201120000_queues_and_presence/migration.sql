-- Queues per agency and staff presence (issue 11): callers wait in line instead of falling through,
-- and only available staff are rung. Staff on duty become available; the others offline.

-- CreateEnum
CREATE TYPE "PresenceState" AS ENUM ('available', 'on_call', 'wrap_up', 'away', 'offline');

-- CreateEnum
CREATE TYPE "QueueOutcome" AS ENUM ('waiting', 'answered', 'abandoned', 'callback', 'timeout');

-- AlterTable
ALTER TABLE "agencies" ADD COLUMN "wrap_up_seconds" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN "queue_max_wait_seconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN "queue_max_length" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN "queue_when_none_available" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "hold_music_url" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN "presence" "PresenceState" NOT NULL DEFAULT 'offline',
ADD COLUMN "presence_since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "away_reason" TEXT,
ADD COLUMN "missed_rings" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "wrap_up_until" TIMESTAMPTZ(3),
ADD COLUMN "presence_call_id" INTEGER,
ADD COLUMN "presence_pin_hash" TEXT;

UPDATE "users" SET "presence" = 'available' WHERE "on_duty";

-- AlterTable
ALTER TABLE "calls" ADD COLUMN "queue_seconds" INTEGER,
ADD COLUMN "queue_outcome" "QueueOutcome";

-- AlterTable
ALTER TABLE "callback_requests" ADD COLUMN "placed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "callback_requests" SET "placed_at" = "created_at";

-- CreateTable
CREATE TABLE "presence_changes" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "state" "PresenceState" NOT NULL,
    "reason" TEXT,
    "changed_by_id" INTEGER,
    "call_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "presence_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue_entries" (
    "id" SERIAL NOT NULL,
    "call_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "outcome" "QueueOutcome" NOT NULL DEFAULT 'waiting',
    "staff_id" INTEGER,
    "enqueued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assigned_at" TIMESTAMPTZ(3),
    "left_at" TIMESTAMPTZ(3),

    CONSTRAINT "queue_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "presence_changes_user_id_at_idx" ON "presence_changes"("user_id", "at");

-- CreateIndex
CREATE INDEX "presence_changes_at_idx" ON "presence_changes"("at");

-- CreateIndex
CREATE UNIQUE INDEX "queue_entries_call_id_agency_id_key" ON "queue_entries"("call_id", "agency_id");

-- CreateIndex
CREATE INDEX "queue_entries_agency_id_outcome_enqueued_at_idx" ON "queue_entries"("agency_id", "outcome", "enqueued_at");

-- CreateIndex
CREATE INDEX "queue_entries_enqueued_at_idx" ON "queue_entries"("enqueued_at");

-- AddForeignKey
ALTER TABLE "presence_changes" ADD CONSTRAINT "presence_changes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presence_changes" ADD CONSTRAINT "presence_changes_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
