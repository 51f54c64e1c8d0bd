-- Hold, transfer and listening (issue 12): each staff member's part in a call is a leg, and a call
-- lifted into a conference keeps the conference's sid (participant updates address it by sid).

-- CreateEnum
CREATE TYPE "CallLegRole" AS ENUM ('answer', 'consult', 'listen');

-- AlterTable
ALTER TABLE "calls" ADD COLUMN "conference_sid" TEXT;

-- CreateTable
CREATE TABLE "call_legs" (
    "id" SERIAL NOT NULL,
    "call_id" INTEGER NOT NULL,
    "staff_id" INTEGER,
    "agency_id" INTEGER,
    "role" "CallLegRole" NOT NULL,
    "call_sid" TEXT,
    "rung_at" TIMESTAMPTZ(3),
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "from_leg_id" INTEGER,
    "transfer" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_legs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "call_legs_call_sid_key" ON "call_legs"("call_sid");

-- CreateIndex
CREATE INDEX "call_legs_call_id_id_idx" ON "call_legs"("call_id", "id");

-- CreateIndex
CREATE INDEX "call_legs_staff_id_idx" ON "call_legs"("staff_id");

-- AddForeignKey
ALTER TABLE "call_legs" ADD CONSTRAINT "call_legs_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_legs" ADD CONSTRAINT "call_legs_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_legs" ADD CONSTRAINT "call_legs_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_legs" ADD CONSTRAINT "call_legs_from_leg_id_fkey" FOREIGN KEY ("from_leg_id") REFERENCES "call_legs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
