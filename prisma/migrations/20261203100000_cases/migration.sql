-- Cases (issue 13): a question that needs follow-up after the call gets a code, an owning agency, a
-- deadline in working days from its kind's service level, a history, and the service SMS about it.

-- CreateEnum
CREATE TYPE "CaseState" AS ENUM ('new', 'in_progress', 'waiting_citizen', 'answered', 'closed', 'reopened');

-- CreateEnum
CREATE TYPE "CaseSource" AS ENUM ('call_note', 'voicemail', 'callback_request', 'manual');

-- CreateTable
CREATE TABLE "case_service_levels" (
    "kind" "NoteKind" NOT NULL,
    "working_days" INTEGER NOT NULL,
    "escalate_after_days" INTEGER NOT NULL DEFAULT 2,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "case_service_levels_pkey" PRIMARY KEY ("kind"),
    CONSTRAINT "case_service_levels_days_check" CHECK ("working_days" BETWEEN 1 AND 90 AND "escalate_after_days" BETWEEN 0 AND 60)
);

-- The defaults: a question within 5 working days; feedback and proposals 10 (the province's usual
-- time for phản ánh, kiến nghị); complaints 30 (the Law on Complaints' first-instance time).
INSERT INTO "case_service_levels" ("kind", "working_days", "escalate_after_days", "updated_at") VALUES
  ('question', 5, 2, CURRENT_TIMESTAMP),
  ('feedback', 10, 3, CURRENT_TIMESTAMP),
  ('proposal', 10, 3, CURRENT_TIMESTAMP),
  ('complaint', 30, 5, CURRENT_TIMESTAMP);

-- CreateTable
CREATE TABLE "case_counters" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "case_counters_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "citizen_name" TEXT,
    "kind" "NoteKind" NOT NULL,
    "topic" TEXT,
    "procedure_code" TEXT,
    "procedure_name" TEXT,
    "question" TEXT NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "assignee_id" INTEGER,
    "state" "CaseState" NOT NULL DEFAULT 'new',
    "source" "CaseSource" NOT NULL,
    "call_id" INTEGER,
    "note_id" INTEGER,
    "callback_request_id" INTEGER,
    "due_date" DATE NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "escalated_at" TIMESTAMPTZ(3),
    "answer" TEXT,
    "answered_at" TIMESTAMPTZ(3),
    "answered_by_id" INTEGER,
    "closed_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id"),
    -- Digits only after the prefix, so a caller can key it: GL-2026-004821 is keyed 2026004821.
    CONSTRAINT "cases_code_check" CHECK ("code" ~ '^[A-Z]{2}-[0-9]{4}-[0-9]{6,}$'),
    CONSTRAINT "cases_escalation_level_check" CHECK ("escalation_level" BETWEEN 0 AND 2)
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" INTEGER,
    "from_state" "CaseState",
    "to_state" "CaseState",
    "from_agency_id" INTEGER,
    "to_agency_id" INTEGER,
    "reason" TEXT,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_calls" (
    "case_id" INTEGER NOT NULL,
    "call_id" INTEGER NOT NULL,
    "linked_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_calls_pkey" PRIMARY KEY ("case_id","call_id")
);

-- CreateTable
CREATE TABLE "case_links" (
    "id" TEXT NOT NULL,
    "case_id" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_links_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "case_links_purpose_check" CHECK ("purpose" IN ('answer', 'survey'))
);

-- CreateTable
CREATE TABLE "case_survey_answers" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_survey_answers_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "sms_messages" ADD COLUMN "case_id" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "cases_code_key" ON "cases"("code");

-- CreateIndex
CREATE UNIQUE INDEX "cases_note_id_key" ON "cases"("note_id");

-- CreateIndex
CREATE UNIQUE INDEX "cases_callback_request_id_key" ON "cases"("callback_request_id");

-- CreateIndex
CREATE INDEX "cases_agency_id_state_idx" ON "cases"("agency_id", "state");

-- CreateIndex
CREATE INDEX "cases_state_due_at_idx" ON "cases"("state", "due_at");

-- CreateIndex
CREATE INDEX "cases_phone_idx" ON "cases"("phone");

-- CreateIndex
CREATE INDEX "cases_created_at_idx" ON "cases"("created_at");

-- CreateIndex
CREATE INDEX "case_events_case_id_id_idx" ON "case_events"("case_id", "id");

-- CreateIndex
CREATE INDEX "case_calls_call_id_idx" ON "case_calls"("call_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_links_case_id_purpose_key" ON "case_links"("case_id", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "case_survey_answers_case_id_question_key" ON "case_survey_answers"("case_id", "question");

-- CreateIndex
CREATE INDEX "sms_messages_case_id_idx" ON "sms_messages"("case_id");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_note_id_fkey" FOREIGN KEY ("note_id") REFERENCES "call_notes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_callback_request_id_fkey" FOREIGN KEY ("callback_request_id") REFERENCES "callback_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_calls" ADD CONSTRAINT "case_calls_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_calls" ADD CONSTRAINT "case_calls_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_calls" ADD CONSTRAINT "case_calls_linked_by_id_fkey" FOREIGN KEY ("linked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_survey_answers" ADD CONSTRAINT "case_survey_answers_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;
