// GET/PUT /api/settings/retention (every kind's period) and GET /api/retention/preview (the dry run:
// what the next run would remove). Admins only (retention:manage); every change is audited.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { RetentionPreview, RetentionSettingsSchema } from "../../contract/privacy/retention.js";
import { auditedSettingChange } from "../../platform/audit/audited-write.js";
import { invalidField } from "../../platform/http/errors.js";
import { previewRetention } from "./purge.js";
import { outlivesCalls, readRetention, writeRetention } from "./settings.js";

export const retentionSettingsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("retention:manage"));

  fastify.get("/", { schema: { response: { 200: RetentionSettingsSchema } } }, async () => readRetention(db));

  fastify.put("/", { schema: { body: RetentionSettingsSchema, response: { 200: RetentionSettingsSchema } } }, async (request) => {
    const actor = currentUser(request);
    const after = request.body;
    // A call's parts are deleted with their call: a longer period for them would be a promise not kept.
    const longer = outlivesCalls(after);
    if (longer) throw invalidField(longer, "retention_longer_than_calls", `${longer} cannot exceed callDays`);
    await auditedSettingChange(db, {
      actorId: actor.id,
      ip: request.ip,
      key: "retention",
      read: readRetention,
      save: writeRetention,
      value: after,
    });
    return after;
  });
};

export const retentionPreviewRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("retention:manage"));

  fastify.get("/preview", { schema: { response: { 200: RetentionPreview } } }, async () => {
    const now = new Date();
    return { now, kinds: await previewRetention(db, now) };
  });
};
