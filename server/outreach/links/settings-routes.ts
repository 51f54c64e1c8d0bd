// GET/PUT /api/settings/tracked-links — how long campaign short links answer. The retention periods'
// permission (retention:manage, administrators); every change is audited.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { auditedSettingChange } from "../../platform/audit/audited-write.js";
import { LINK_RETENTION_LIMITS, readLinkRetention, writeLinkRetention } from "./settings.js";

const LinkRetention = Type.Object(
  { linkDays: Type.Integer({ minimum: LINK_RETENTION_LIMITS.min, maximum: LINK_RETENTION_LIMITS.max }) },
  { additionalProperties: false },
);

const linkSettingsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("retention:manage"));

  fastify.get("/", { schema: { response: { 200: LinkRetention } } }, async () => readLinkRetention(db));

  fastify.put("/", { schema: { body: LinkRetention, response: { 200: LinkRetention } } }, async (request) => {
    const actor = currentUser(request);
    await auditedSettingChange(db, {
      actorId: actor.id,
      ip: request.ip,
      key: "tracked-links",
      read: readLinkRetention,
      save: writeLinkRetention,
      value: request.body,
    });
    return request.body;
  });
};

export default linkSettingsRoutes;
