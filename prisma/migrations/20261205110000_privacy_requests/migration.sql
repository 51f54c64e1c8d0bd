-- Data-subject requests under Law 91/2025 (issue 15, docs/privacy-requests.md "The requests register"):
-- the register with its deadlines, the export archives built for a request, and the role that
-- handles them.

-- AlterEnum
-- ADD VALUE may run inside the migration's transaction (PostgreSQL 12+) as long as nothing in the
-- same transaction uses the new value: this file only adds it; the seeds assign it later.
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'privacy_officer';

-- CreateEnum
CREATE TYPE "DataSubjectRequestKind" AS ENUM ('access', 'export', 'correction', 'erasure', 'withdrawal', 'objection');

-- CreateEnum
CREATE TYPE "DataSubjectRequestChannel" AS ENUM ('phone', 'in_person', 'letter', 'email', 'portal');

-- CreateEnum
CREATE TYPE "DataSubjectRequestState" AS ENUM ('received', 'acknowledged', 'in_progress', 'completed', 'rejected');

-- CreateTable
CREATE TABLE "data_subject_request_counters" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "data_subject_request_counters_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "data_subject_requests" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "phone" TEXT,
    "phone_hash" TEXT NOT NULL,
    "requester_name" TEXT NOT NULL,
    "identity_check" TEXT NOT NULL,
    "kind" "DataSubjectRequestKind" NOT NULL,
    "channel" "DataSubjectRequestChannel" NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledge_by" DATE NOT NULL,
    "complete_by" DATE NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "state" "DataSubjectRequestState" NOT NULL DEFAULT 'received',
    "handler_id" INTEGER,
    "outcome" TEXT,
    "documents" JSONB NOT NULL DEFAULT '[]',
    "erasure_progress" JSONB,
    "erasure_report" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "data_subject_requests_pkey" PRIMARY KEY ("id"),
    -- Digits only after the prefix, so it can be read aloud and keyed: YC-2026-0042.
    CONSTRAINT "data_subject_requests_reference_check" CHECK ("reference" ~ '^YC-[0-9]{4}-[0-9]{4,}$'),
    CONSTRAINT "data_subject_requests_phone_check" CHECK ("phone" IS NULL OR "phone" ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT "data_subject_requests_phone_hash_check" CHECK ("phone_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "data_subject_requests_deadlines_check" CHECK ("acknowledge_by" <= "complete_by")
);

-- CreateTable
CREATE TABLE "privacy_exports" (
    "id" TEXT NOT NULL,
    "request_id" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "downloaded_at" TIMESTAMPTZ(3),
    "downloaded_by_id" INTEGER,

    CONSTRAINT "privacy_exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_subject_requests_reference_key" ON "data_subject_requests"("reference");

-- CreateIndex
CREATE INDEX "data_subject_requests_state_complete_by_idx" ON "data_subject_requests"("state", "complete_by");

-- CreateIndex
CREATE INDEX "data_subject_requests_phone_hash_idx" ON "data_subject_requests"("phone_hash");

-- CreateIndex
CREATE INDEX "data_subject_requests_received_at_idx" ON "data_subject_requests"("received_at");

-- CreateIndex
CREATE INDEX "privacy_exports_request_id_idx" ON "privacy_exports"("request_id");

-- CreateIndex
CREATE INDEX "privacy_exports_expires_at_idx" ON "privacy_exports"("expires_at");

-- AddForeignKey
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_handler_id_fkey" FOREIGN KEY ("handler_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "privacy_exports" ADD CONSTRAINT "privacy_exports_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "data_subject_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "privacy_exports" ADD CONSTRAINT "privacy_exports_downloaded_by_id_fkey" FOREIGN KEY ("downloaded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
