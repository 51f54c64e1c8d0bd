// eSMS delivery callbacks: GET /esms/sms/status/<sender id>/<secret>?SMSID=…&SendStatus=…&RequestId=…
// eSMS signs nothing and retries up to 5 times, so the URL itself is the credential: a per-sender
// HMAC of SMS_SECRETS_KEY (server/messaging/secrets.ts), compared in constant time; any mismatch is a
// 404, like a URL that does not exist. Receipts are idempotent (applyMessageStatus only moves forward).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { notFound, unavailable } from "../platform/http/errors.js";
import { applyBatchStatuses, applyMessageStatus } from "./messages.js";
import { createSenderProvider } from "./registry.js";
import { callbackSecretMatches } from "./secrets.js";
import { ESMS_ZNS_TYPES, esmsRequestPlaceholder, esmsStatus, esmsZnsStatus } from "./vendors/esms.js";

const Params = Type.Object({
  senderId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  secret: Type.String({ minLength: 1, maxLength: 100 }),
});
const Counter = Type.String({ pattern: "^\\d{1,9}(\\.\\d{1,6})?$" });
const Query = Type.Object(
  {
    SMSID: Type.String({ minLength: 1, maxLength: 64 }),
    SendStatus: Type.String({ pattern: "^\\d{1,3}$" }),
    SendSuccess: Type.Optional(Counter),
    SendFailed: Type.Optional(Counter),
    RequestId: Type.Optional(Type.String({ maxLength: 120 })),
    TypeId: Type.Optional(Type.String({ pattern: "^\\d{0,3}$" })),
    /** Zalo's error of a ZNS, e.g. "{\"error\":-118,…}". */
    error_info: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  // eSMS adds telco, price, number and Zalo fields we do not read.
  { additionalProperties: true },
);

/** Our row id, from the RequestId we gave eSMS (tthc-m<id>). */
const messageIdOf = (requestId: string | undefined) => {
  const match = /^tthc-m(\d{1,10})$/.exec(requestId ?? "");
  const id = match ? Number(match[1]) : undefined;
  return id !== undefined && id <= 2147483647 ? id : undefined;
};

const esmsStatusRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, config } = fastify;
  fastify.get("/status/:senderId/:secret", { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { senderId, secret } = request.params;
    if (!config.SMS_SECRETS_KEY || !callbackSecretMatches(config.SMS_SECRETS_KEY, senderId, secret)) throw notFound("Not found");
    const sender = await db.smsSender.findUnique({ where: { id: senderId } });
    if (sender?.provider !== "esms") throw notFound("Not found");
    const q = request.query;
    if (q.TypeId === "1") {
      // An advertising batch reports only its totals: each number's status is asked for by look-up.
      const applied = await applyBatchReceipt(db, () => createSenderProvider(config, {}, sender), q.SMSID, q.RequestId);
      request.log.info({ providerBatchId: q.SMSID, applied }, "eSMS batch status");
      return reply.status(204).send();
    }
    const zns = q.TypeId !== undefined && ESMS_ZNS_TYPES.has(q.TypeId);
    // Other Zalo and Viber receipts: nothing of ours is sent that way.
    if (q.TypeId && q.TypeId !== "2" && !zns) return reply.status(204).send();
    const messageId = messageIdOf(q.RequestId);
    // A ZNS that Zalo could not deliver says why in error_info: "not on Zalo" sends a campaign's recipient to SMS.
    const { status, errorCode, errorKind } = zns
      ? esmsZnsStatus(q.SendStatus, q.SendSuccess ?? "0", q.SendFailed ?? "0", q.error_info)
      : { ...esmsStatus(q.SendStatus, q.SendSuccess ?? "0", q.SendFailed ?? "0"), errorKind: undefined };
    if (messageId !== undefined && q.RequestId) {
      // Recorded under a placeholder after a duplicate-RequestId answer (124): eSMS names its id now.
      await db.smsMessage.updateMany({
        where: { id: messageId, providerMessageId: esmsRequestPlaceholder(q.RequestId) },
        data: { providerMessageId: q.SMSID },
      });
    }
    const changed = await applyMessageStatus(db, {
      messageId,
      providerMessageId: q.SMSID,
      status,
      errorCode,
      errorKind,
      at: new Date(),
    });
    request.log.info({ messageId, providerMessageId: q.SMSID, status, errorCode, changed }, "eSMS status");
    // 204 whatever happened: an unknown or stale receipt is not worth eSMS's retries.
    return reply.status(204).send();
  });
};

/**
 * A batch callback: the batch is found by its SMSID or our RequestId (tthc-b<id>, when a repeat was
 * answered without the SMSID); then every number the gateway has settled moves its message (and so
 * its recipient) forward. Callbacks in any order and repeated ones are harmless: statuses only move on.
 */
async function applyBatchReceipt(
  db: FastifyInstanceDb,
  provider: () => ReturnType<typeof createSenderProvider>,
  smsId: string,
  requestId: string | undefined,
): Promise<number> {
  const batch = await db.smsBatch.findFirst({
    where: { OR: [{ providerBatchId: smsId }, ...(requestId ? [{ requestId }] : [])] },
    select: { id: true, providerBatchId: true },
  });
  if (!batch) return 0;
  if (batch.providerBatchId !== smsId) {
    // Recorded under a placeholder after a repeat (124): eSMS names the batch now.
    await db.smsBatch.update({ where: { id: batch.id }, data: { providerBatchId: smsId } });
    await db.$executeRaw`UPDATE sms_messages SET provider_message_id = ${smsId} || '#' || id WHERE batch_id = ${batch.id}`;
  }
  // eSMS calls back again when we do not answer 2xx: a look-up that failed is worth that retry.
  const receivers = await provider()
    .batch?.receivers(smsId)
    .catch((error: unknown) => {
      throw unavailable(`eSMS batch look-up failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  if (!receivers) return 0;
  const messages = await db.smsMessage.findMany({ where: { batchId: batch.id }, select: { id: true, recipient: true } });
  const byNumber = new Map(messages.map((m) => [m.recipient, m.id]));
  const moves = receivers.flatMap((r) => {
    const messageId = byNumber.get(r.to);
    return messageId !== undefined && (r.status === "delivered" || r.status === "undelivered") ? [{ messageId, status: r.status }] : [];
  });
  // Set-based: a 5,000-number batch answers its callback in one go, well before eSMS's retry.
  return applyBatchStatuses(db, moves, new Date(), "esms:send_failed");
}
type FastifyInstanceDb = Parameters<typeof applyMessageStatus>[0];

export default esmsStatusRoutes;
