-- AlterTable
ALTER TABLE "sms_templates" ADD COLUMN "editor_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN "editor_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN "approval" JSONB;

-- Backfill from the audit log: whoever created or edited a template wrote its text.
UPDATE "sms_templates" t SET "editor_ids" = ARRAY(
    SELECT DISTINCT a."actor_id" FROM "audit_logs" a
    WHERE a."resource" = 'sms-templates' AND a."resource_id" = t."id"::text
      AND a."action" IN ('create', 'update') AND a."actor_id" IS NOT NULL
    ORDER BY 1);

-- Backfill: the creator, whoever edited or submitted the campaign, and its template's authors.
UPDATE "campaigns" c SET "editor_ids" = ARRAY(
    SELECT DISTINCT x FROM (
        SELECT c."created_by_id" AS x
        UNION ALL
        SELECT a."actor_id" FROM "audit_logs" a
        WHERE a."resource" = 'campaigns' AND a."resource_id" = c."id"::text
          AND a."action" IN ('create', 'update', 'submit') AND a."actor_id" IS NOT NULL
        UNION ALL
        SELECT unnest(t."editor_ids") FROM "sms_templates" t WHERE t."id" = c."template_id"
    ) e ORDER BY 1);

-- An approved campaign not yet launched has no record of what was approved: it goes back for approval.
UPDATE "campaigns" SET "status" = 'pending_approval', "approved_by_id" = NULL, "approved_at" = NULL, "launched_at" = NULL
WHERE "status" = 'scheduled';
