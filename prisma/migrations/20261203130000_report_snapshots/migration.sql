-- Prepared periodic reports (issue 13, server/hotline/reports/periodic/): the counts a closed month's
-- or quarter's report is computed from, kept as they were when prepared, one per period.

-- CreateTable
CREATE TABLE "report_snapshots" (
    "id" SERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "prepared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL,

    CONSTRAINT "report_snapshots_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "report_snapshots_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$')
);

-- CreateIndex
CREATE UNIQUE INDEX "report_snapshots_period_key" ON "report_snapshots"("period");
