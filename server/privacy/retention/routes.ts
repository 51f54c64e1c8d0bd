// GET/PUT /api/settings/retention — admins only; every change is audited.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { auditedSettingChange } from "../../platform/audit/audited-write.js";
import { invalidField } from "../../platform/http/errors.js";
import { RETENTION_LIMITS, readRetention, writeRetention } from "./settings.js";

const Days = Type.Integer({ minimum: RETENTION_LIMITS.min, maximum: RETENTION_LIMITS.max });
const Retention = Type.Object({ recordingDays: Days, callDays: Days }, { additionalProperties: false });

const retentionRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("retention:manage"));

  fastify.get("/", { schema: { response: { 200: Retention } } }, async () => readRetention(db));

  fastify.put("/", { schema: { body: Retention, response: { 200: Retention } } }, async (request) => {
    const actor = currentUser(request);
    const after = request.body;
    // A recording belongs to its call: deleting the call deletes the recording with it.
    if (after.recordingDays > after.callDays) {
      throw invalidField("recordingDays", "retention_longer_than_calls", "recordingDays cannot exceed callDays");
    }
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

export default retentionRoutes;
