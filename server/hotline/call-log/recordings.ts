// Recording playback through the server: the browser asks /api/recordings/:id/audio, the server
// checks the user may see the call, writes a `listen` audit row and streams the MP3 it fetches from
// Twilio with the account's credentials. Twilio's media URL never leaves the server.
import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { HttpError, notFound } from "../../platform/http/errors.js";
import { IdParams } from "../../platform/http/schemas.js";
import { assertCanSeeCall } from "./access.js";

/** Headers of Twilio's answer worth passing on to the browser's player. */
const PASSED_HEADERS = ["content-type", "content-length", "content-range", "accept-ranges", "last-modified", "etag"];
const UPSTREAM_TIMEOUT_MS = 15_000;

/** A player starts with no Range or `bytes=0-`; seeking asks for later ranges, which are not new listens. */
const isFirstRequest = (range: string | undefined) => !range || /^bytes=0-/.test(range.trim());

const recordingRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, config } = fastify;
  fastify.addHook("preHandler", fastify.allow("calls:read"));

  fastify.get("/:id/audio", { schema: { params: IdParams } }, async (request, reply) => {
    const user = currentUser(request);
    const recording = await db.recording.findUnique({
      where: { id: request.params.id },
      include: { call: { select: { id: true, agencyId: true, staffId: true, simulated: true } } },
    });
    if (!recording) throw notFound("No such recording");
    await assertCanSeeCall(db, user, recording.call);
    if (recording.deletedAt) throw new HttpError(410, "This recording was deleted under the retention policy", { code: "gone" });
    // Only Twilio's own API is ever fetched (with our credentials), so a forged URL cannot turn the
    // server into a proxy; simulated calls' recordings have no audio at all.
    if (!recording.mediaUrl || recording.call.simulated || !recording.mediaUrl.startsWith(`${config.TWILIO_API_BASE_URL}/`)) {
      throw notFound("This recording has no audio (simulated calls are not recorded)");
    }
    if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) {
      throw notFound("Playback needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to be configured");
    }

    const range = request.headers.range;
    const credentials = Buffer.from(`${config.TWILIO_ACCOUNT_SID}:${config.TWILIO_AUTH_TOKEN}`).toString("base64");
    let upstream: Response;
    try {
      upstream = await fetch(`${recording.mediaUrl}.mp3`, {
        headers: { Authorization: `Basic ${credentials}`, ...(range ? { Range: range } : {}) },
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      request.log.warn({ err: error, recordingId: recording.id }, "recording fetch failed");
      throw new HttpError(502, "Twilio did not answer for this recording", { code: "upstream" });
    }
    if (upstream.status === 404) throw notFound("Twilio no longer has this recording");
    if (!upstream.ok || !upstream.body) {
      request.log.warn({ status: upstream.status, recordingId: recording.id }, "recording fetch refused");
      await upstream.body?.cancel();
      throw new HttpError(502, `Twilio answered ${upstream.status} for this recording`, { code: "upstream" });
    }

    if (isFirstRequest(range)) {
      await writeAudit(db, {
        actorId: user.id,
        action: "listen",
        resource: "recordings",
        resourceId: recording.id,
        after: { recordingId: recording.id, callId: recording.call.id, kind: recording.kind },
        ip: request.ip,
      });
    }
    reply.status(upstream.status === 206 ? 206 : 200);
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) reply.header(name, value);
    }
    if (!upstream.headers.get("content-type")) reply.type("audio/mpeg");
    // Personal data: browsers and proxies must not keep a copy.
    reply.header("Cache-Control", "private, no-store");
    return reply.send(Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream));
  });
};

export default recordingRoutes;
