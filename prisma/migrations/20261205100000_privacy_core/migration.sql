-- Data-subject rights (Law 91/2025, docs/privacy-requests.md): an erased caller's call stays for the
-- figures without the number, and erased numbers are kept only as keyed one-way hashes.
ALTER TABLE "calls" ALTER COLUMN "caller" DROP NOT NULL;
ALTER TABLE "calls" ADD COLUMN "caller_hash" TEXT;
CREATE INDEX "calls_caller_hash_idx" ON "calls" ("caller_hash") WHERE "caller_hash" IS NOT NULL;

CREATE TABLE "erased_numbers" (
    "hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "erased_numbers_pkey" PRIMARY KEY ("hash"),
    -- 64 hex digits: a SHA-256, never a number in clear.
    CONSTRAINT "erased_numbers_hash_check" CHECK ("hash" ~ '^[0-9a-f]{64}$')
);
