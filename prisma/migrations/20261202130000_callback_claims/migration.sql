-- A callback request is worked by one staff member at a time (issue 12).
ALTER TABLE "callback_requests" ADD COLUMN "claimed_by_id" INTEGER;
ALTER TABLE "callback_requests" ADD COLUMN "claimed_at" TIMESTAMPTZ(3);

CREATE INDEX "callback_requests_claimed_by_id_status_idx" ON "callback_requests"("claimed_by_id", "status");

ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_claimed_by_id_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
