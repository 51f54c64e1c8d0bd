// GET /api/privacy-exports/:id/download: an export archive, once. The row is claimed (downloadedAt set)
// before a byte is sent, so two clicks cannot both get it; the file is deleted once streamed. A second
// download, or one after the archive expired, is 410 Gone.
import { createReadStream } from "node:fs";
import { unlink } from "node:fs/promises";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { phoneHashToken } from "../../phone/hash.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { invalidField } from "../../platform/http/errors.js";

/** A cuid, as privacy_exports ids are. */
const ExportParams = Type.Object({ id: Type.String({ pattern: "^[a-z0-9]{20,32}$" }) });

const removeQuietly = (path: string) => unlink(path).catch(() => {});

const exportDownloadRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("privacy-requests:handle"));

  fastify.get("/:id/download", { schema: { params: ExportParams } }, async (request, reply) => {
    const row = await db.privacyExport.findUnique({
      where: { id: request.params.id },
      include: { request: { select: { id: true, reference: true, phoneHash: true } } },
    });
    if (!row) throw invalidField("id", "not_found", "No such export", 404);
    const now = new Date();
    const user = currentUser(request);
    const claimed = await db.privacyExport.updateMany({
      where: { id: row.id, downloadedAt: null, expiresAt: { gt: now } },
      data: { downloadedAt: now, downloadedById: user.id },
    });
    if (claimed.count === 0) {
      throw invalidField("id", "invalid", row.downloadedAt ? "This export was already downloaded" : "This export has expired", 410);
    }
    await writeAudit(db, {
      actorId: user.id,
      action: "privacy_export_download",
      resource: "privacy-requests",
      resourceId: row.request.id,
      after: { exportId: row.id, phone: phoneHashToken(row.request.phoneHash) },
      ip: request.ip,
    });
    const stream = createReadStream(row.path);
    // Sent or broken off, the archive is not kept: it was given out once.
    stream.on("close", () => void removeQuietly(row.path));
    return reply
      .header("content-type", "application/zip")
      .header("content-disposition", `attachment; filename="${row.request.reference}.zip"`)
      .header("cache-control", "no-store")
      .send(stream);
  });
};

export default exportDownloadRoutes;
