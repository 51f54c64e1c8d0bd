// /api/privacy-requests/:id/… : carrying a request out (docs/privacy-requests.md). The footprint of the
// request's number, an export archive of it, its erasure (a job on the privacy queue) and, for a
// withdrawal or an objection, the withdrawal of consent. Every action is audited with the request's id
// and the number's hash token, never the number in clear.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { currentUser } from "../../access/auth/authentication.js";
import type { AuditAction } from "../../contract/platform/audit-logs.js";
import { phoneHashToken } from "../../phone/hash.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { invalidField } from "../../platform/http/errors.js";
import { IdParams } from "../../platform/http/schemas.js";
import { scheduleErasure } from "../erasure/job.js";
import type { ErasureCheckpoint } from "../erasure/run.js";
import { buildExportArchive } from "../export/build.js";
import { twilioRecordingFetcher } from "../export/twilio-audio.js";
import { findFootprint } from "../find.js";
import { HOLDERS } from "../holders/registry.js";
import { readRetention } from "../retention/settings.js";
import { withdrawConsent } from "../withdrawal.js";
import { refuseUnknownFields } from "./routes.js";

const DAY_MS = 24 * 3600 * 1000;

/** The kinds whose request is a withdrawal of consent or an objection to advertising. */
const WITHDRAWAL_KINDS = ["withdrawal", "objection"];

/** The actions take no body: any field sent is refused, naming it. */
const noBody = { preValidation: refuseUnknownFields([]) };

const dataRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("privacy-requests:handle"));

  /** The request, with its number; 404 naming id, 409 naming phone once the number is cleared. */
  async function requestWithPhone(id: number) {
    const row = await db.dataSubjectRequest.findUnique({
      where: { id },
      select: { id: true, reference: true, kind: true, channel: true, phone: true, phoneHash: true, erasureProgress: true },
    });
    if (!row) throw invalidField("id", "not_found", "No such request", 404);
    if (!row.phone) throw invalidField("phone", "invalid", "The request's number has been cleared", 409);
    return { ...row, phone: row.phone };
  }

  const audit = (request: FastifyRequest, action: AuditAction, row: { id: number; phoneHash: string }, after: object = {}) =>
    writeAudit(db, {
      actorId: currentUser(request).id,
      action,
      resource: "privacy-requests",
      resourceId: row.id,
      after: { phone: phoneHashToken(row.phoneHash), ...after },
      ip: request.ip,
    });

  fastify.get("/:id/footprint", { schema: { params: IdParams } }, async (request) => {
    const row = await requestWithPhone(request.params.id);
    const footprint = await findFootprint(db, row.phone);
    await audit(request, "privacy_footprint", row, { kinds: footprint.kinds.length });
    return {
      kinds: footprint.kinds.map((k) => ({ kind: k.kind, model: k.model, count: k.count, records: k.records, links: k.links })),
    };
  });

  fastify.post("/:id/exports", { ...noBody, schema: { params: IdParams } }, async (request) => {
    const row = await requestWithPhone(request.params.id);
    const config = fastify.config;
    const fetchRecording =
      config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
        ? twilioRecordingFetcher({
            apiBaseUrl: config.TWILIO_API_BASE_URL,
            accountSid: config.TWILIO_ACCOUNT_SID,
            authToken: config.TWILIO_AUTH_TOKEN,
          })
        : undefined;
    const now = new Date();
    const archive = await buildExportArchive({
      db,
      phone: row.phone,
      dir: config.EXPORT_DIR,
      now,
      ...(fetchRecording ? { fetchRecording } : {}),
    });
    const { exportDays } = await readRetention(db);
    const created = await db.privacyExport.create({
      data: { requestId: row.id, path: archive.path, size: BigInt(archive.size), expiresAt: new Date(now.getTime() + exportDays * DAY_MS) },
    });
    await audit(request, "privacy_export", row, { exportId: created.id, counts: archive.manifest.counts });
    return { id: created.id, expiresAt: created.expiresAt.toISOString(), size: archive.size, counts: archive.manifest.counts };
  });

  fastify.post("/:id/erasure", { ...noBody, schema: { params: IdParams } }, async (request, reply) => {
    const row = await requestWithPhone(request.params.id);
    const progress = row.erasureProgress as ErasureCheckpoint | null;
    if (progress && !progress.finishedAt) throw invalidField("id", "invalid", "An erasure of this request is already running", 409);
    await scheduleErasure(db, fastify.queues.privacy, row.id);
    await audit(request, "privacy_erasure", row);
    return reply.code(202).send({ status: "queued" });
  });

  fastify.get("/:id/erasure", { schema: { params: IdParams } }, async (request) => {
    const row = await db.dataSubjectRequest.findUnique({
      where: { id: request.params.id },
      select: { erasureProgress: true, erasureReport: true },
    });
    if (!row) throw invalidField("id", "not_found", "No such request", 404);
    const progress = row.erasureProgress as ErasureCheckpoint | null;
    const status = !progress ? "none" : progress.finishedAt ? "done" : "running";
    return {
      status,
      done: progress?.next ?? 0,
      total: HOLDERS.length,
      finishedAt: progress?.finishedAt ?? null,
      report: row.erasureReport ?? progress?.reports ?? [],
    };
  });

  fastify.post("/:id/withdrawal", { ...noBody, schema: { params: IdParams } }, async (request) => {
    const row = await requestWithPhone(request.params.id);
    if (!WITHDRAWAL_KINDS.includes(row.kind))
      throw invalidField("kind", "invalid", "Only a withdrawal or an objection withdraws consent", 409);
    const result = await withdrawConsent(db, row.phone, { method: `Yêu cầu ${row.reference} (${row.channel})`, reference: row.reference });
    await audit(request, "privacy_withdrawal", row, { suppressed: result.suppressed, contacts: result.contacts });
    return { suppressed: result.suppressed, contacts: result.contacts };
  });
};

export default dataRoutes;
