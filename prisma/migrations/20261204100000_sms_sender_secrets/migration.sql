-- AlterTable
ALTER TABLE "sms_senders" ADD COLUMN     "secrets" TEXT;
