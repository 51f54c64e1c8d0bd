// /api/dnc: import the national Do-Not-Call list (replacing the previous one), see its size and last
// import, check one number.
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../../access/auth/authentication.js";
import { DncCheck, DncStatus, type LastImport } from "../../../contract/outreach/dnc.js";
import { normalizeVietnamesePhone } from "../../../phone/normalize.js";
import { auditedWrite } from "../../../platform/audit/audited-write.js";
import { badRequest, invalidField } from "../../../platform/http/errors.js";
import { assertValidValue } from "../../../platform/http/input-values.js";
import { MULTIPART_ONLY } from "../../../platform/plugins/app/declared-content-types.js";
import { isSuppressed } from "../opt-outs/suppress.js";
import { isOnDnc, linesOf, replaceDncList } from "./dnc.js";

export const DNC_SETTING = "dnc.lastImport";
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const dncRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("contacts:read");
  const writers = fastify.allow("contacts:write");
  await fastify.register(multipart, { limits: { files: 1, fields: 5 } });

  async function status() {
    const [count, setting] = await Promise.all([db.dncNumber.count(), db.setting.findUnique({ where: { key: DNC_SETTING } })]);
    return { id: "dnc", count, lastImport: (setting?.value as Type.Static<typeof LastImport> | undefined) ?? null };
  }

  fastify.get("/", { preHandler: readers, schema: { response: { 200: DncStatus } } }, status);

  fastify.post(
    "/import",
    {
      preHandler: writers,
      config: { accepts: MULTIPART_ONLY },
      schema: { response: { 200: Type.Intersect([DncStatus, Type.Object({ imported: Type.Integer(), rejected: Type.Integer() })]) } },
    },
    async (request) => {
      const user = currentUser(request);
      const file = await request.file({ limits: { fileSize: MAX_FILE_BYTES } });
      if (!file) throw badRequest("No file uploaded", { file: "ra.validation.required" });
      // The name is kept in a jsonb setting; multipart fields bypass the input guard's hook.
      assertValidValue(file.filename, "file");
      const result = await replaceDncList(db, linesOf(file.file));
      const value = {
        at: new Date().toISOString(),
        byId: user.id,
        byName: user.name ?? user.username,
        fileName: file.filename.slice(0, 255),
        ...result,
      };
      await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "dnc",
        action: "import",
        write: (tx) => tx.setting.upsert({ where: { key: DNC_SETTING }, create: { key: DNC_SETTING, value }, update: { value } }),
        audit: () => ({ after: value }),
      });
      return { ...(await status()), ...result };
    },
  );

  fastify.get(
    "/check",
    {
      preHandler: writers,
      schema: {
        querystring: Type.Object({ phone: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: DncCheck },
      },
    },
    async (request) => {
      const phone = normalizeVietnamesePhone(request.query.phone);
      if (!phone.ok) throw invalidField("phone", "invalid", "phone: not a Vietnamese phone number");
      const [onDnc, suppressed] = await Promise.all([isOnDnc(db, phone.e164), isSuppressed(db, phone.e164)]);
      return { phone: phone.e164, onDnc, suppressed };
    },
  );
};

export default dncRoutes;
