-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN     "dispatch_pending_since" TIMESTAMPTZ(3);
