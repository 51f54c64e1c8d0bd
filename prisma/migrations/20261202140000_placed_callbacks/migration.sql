-- Callbacks placed through the hotline (issue 12): the attempt follows the staff and citizen legs.
ALTER TABLE "callback_attempts" ALTER COLUMN "outcome" DROP NOT NULL;
ALTER TABLE "callback_attempts" ADD COLUMN "placed" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "callback_attempts" ADD COLUMN "simulated" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "callback_attempts" ADD COLUMN "state" TEXT;
ALTER TABLE "callback_attempts" ADD COLUMN "staff_call_sid" TEXT;
ALTER TABLE "callback_attempts" ADD COLUMN "citizen_call_sid" TEXT;
ALTER TABLE "callback_attempts" ADD COLUMN "call_id" INTEGER;
ALTER TABLE "callback_attempts" ADD COLUMN "connected_at" TIMESTAMPTZ(3);
ALTER TABLE "callback_attempts" ADD COLUMN "ended_at" TIMESTAMPTZ(3);
ALTER TABLE "callback_attempts" ADD COLUMN "duration_seconds" INTEGER;

CREATE UNIQUE INDEX "callback_attempts_staff_call_sid_key" ON "callback_attempts"("staff_call_sid");
CREATE UNIQUE INDEX "callback_attempts_citizen_call_sid_key" ON "callback_attempts"("citizen_call_sid");
CREATE UNIQUE INDEX "callback_attempts_call_id_key" ON "callback_attempts"("call_id");

ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;
