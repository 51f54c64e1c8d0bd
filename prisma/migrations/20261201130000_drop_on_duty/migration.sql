-- Presence replaces the bare duty switch (issue 11): 20261201120000_queues_and_presence already
-- copied on_duty into presence, so the column goes.

-- AlterTable
ALTER TABLE "users" DROP COLUMN "on_duty";
