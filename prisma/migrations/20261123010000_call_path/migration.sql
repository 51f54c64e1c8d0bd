-- CreateEnum
CREATE TYPE "RingStrategy" AS ENUM ('simultaneous', 'sequential');

-- CreateEnum
CREATE TYPE "CallTermination" AS ENUM ('hung_up_in_ivr', 'abandoned_ringing', 'answered', 'no_one_on_duty', 'after_hours_voicemail', 'voicemail', 'failed');

-- CreateEnum
CREATE TYPE "CallbackStatus" AS ENUM ('open', 'called_back', 'unreachable', 'closed');

-- AlterTable
ALTER TABLE "agencies" ADD COLUMN     "dial_code" TEXT,
ADD COLUMN     "fallback_id" INTEGER,
ADD COLUMN     "observe_holidays" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "ring_strategy" "RingStrategy" NOT NULL DEFAULT 'simultaneous',
ADD COLUMN     "ring_timeout_seconds" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "weekly_hours" JSONB;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "client_identity" TEXT,
ADD COLUMN     "on_duty" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "phone" TEXT;

-- CreateTable
CREATE TABLE "hours_overrides" (
    "id" SERIAL NOT NULL,
    "agency_id" INTEGER,
    "date" DATE NOT NULL,
    "closed" BOOLEAN NOT NULL,
    "ranges" JSONB,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hours_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ivr_flow_versions" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "entry" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "bundle" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,
    "note" TEXT,
    "published_by_id" INTEGER,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ivr_flow_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calls" (
    "id" SERIAL NOT NULL,
    "call_sid" TEXT NOT NULL,
    "caller" TEXT NOT NULL,
    "hotline" TEXT NOT NULL,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "flow_version_id" INTEGER,
    "state" JSONB NOT NULL,
    "topic" TEXT,
    "agency_id" INTEGER,
    "staff_id" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ring_started_at" TIMESTAMPTZ(3),
    "answered_at" TIMESTAMPTZ(3),
    "bridge_ended_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "ivr_seconds" INTEGER,
    "ring_seconds" INTEGER,
    "talk_seconds" INTEGER,
    "termination" "CallTermination",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_events" (
    "id" SERIAL NOT NULL,
    "call_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "response" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recordings" (
    "id" SERIAL NOT NULL,
    "recording_sid" TEXT NOT NULL,
    "call_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "duration_seconds" INTEGER,
    "channels" INTEGER,
    "media_url" TEXT,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recordings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_answers" (
    "id" SERIAL NOT NULL,
    "call_id" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_links" (
    "id" TEXT NOT NULL,
    "call_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_notes" (
    "id" SERIAL NOT NULL,
    "call_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_requests" (
    "id" SERIAL NOT NULL,
    "call_id" INTEGER,
    "agency_id" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "status" "CallbackStatus" NOT NULL DEFAULT 'open',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "callback_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_attempts" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callback_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_messages" (
    "id" SERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "provider_message_id" TEXT,
    "error_code" TEXT,
    "call_id" INTEGER,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sms_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agencies_dial_code_key" ON "agencies"("dial_code");

-- CreateIndex
CREATE INDEX "hours_overrides_agency_id_date_idx" ON "hours_overrides"("agency_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ivr_flow_versions_version_key" ON "ivr_flow_versions"("version");

-- CreateIndex
CREATE UNIQUE INDEX "calls_call_sid_key" ON "calls"("call_sid");

-- CreateIndex
CREATE INDEX "calls_started_at_idx" ON "calls"("started_at");

-- CreateIndex
CREATE INDEX "calls_agency_id_started_at_idx" ON "calls"("agency_id", "started_at");

-- CreateIndex
CREATE INDEX "calls_caller_idx" ON "calls"("caller");

-- CreateIndex
CREATE INDEX "call_events_call_id_id_idx" ON "call_events"("call_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "call_events_call_id_dedupe_key_key" ON "call_events"("call_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "recordings_recording_sid_key" ON "recordings"("recording_sid");

-- CreateIndex
CREATE INDEX "recordings_call_id_idx" ON "recordings"("call_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_answers_call_id_question_key" ON "survey_answers"("call_id", "question");

-- CreateIndex
CREATE UNIQUE INDEX "survey_links_call_id_key" ON "survey_links"("call_id");

-- CreateIndex
CREATE INDEX "call_notes_call_id_idx" ON "call_notes"("call_id");

-- CreateIndex
CREATE UNIQUE INDEX "callback_requests_call_id_key" ON "callback_requests"("call_id");

-- CreateIndex
CREATE INDEX "callback_requests_agency_id_status_due_at_idx" ON "callback_requests"("agency_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "callback_attempts_request_id_idx" ON "callback_attempts"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "sms_messages_provider_message_id_key" ON "sms_messages"("provider_message_id");

-- CreateIndex
CREATE INDEX "sms_messages_call_id_idx" ON "sms_messages"("call_id");

-- AddForeignKey
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_fallback_id_fkey" FOREIGN KEY ("fallback_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hours_overrides" ADD CONSTRAINT "hours_overrides_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ivr_flow_versions" ADD CONSTRAINT "ivr_flow_versions_published_by_id_fkey" FOREIGN KEY ("published_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_flow_version_id_fkey" FOREIGN KEY ("flow_version_id") REFERENCES "ivr_flow_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_notes" ADD CONSTRAINT "call_notes_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_notes" ADD CONSTRAINT "call_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "callback_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;
