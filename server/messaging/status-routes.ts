// Twilio's delivery receipts: POST /twilio/sms/status?m=<message id>, signature-checked like every
// /twilio webhook. Receipts are idempotent and never move a message backwards (messages.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { twilioWebhooks } from "../platform/twilio/webhooks.js";
import { applyMessageStatus } from "./messages.js";
import { twilioFailureKind } from "./vendors/twilio.js";

const StatusBody = Type.Object(
  {
    MessageSid: Type.String({ minLength: 2, maxLength: 64 }),
    MessageStatus: Type.String({ maxLength: 32 }),
    ErrorCode: Type.Optional(Type.String({ maxLength: 16 })),
  },
  // Twilio sends more parameters than we read; the signature covers them all.
  { additionalProperties: true },
);
const StatusQuery = Type.Object({ m: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) });

const smsStatusRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  await twilioWebhooks(fastify);
  fastify.post("/status", { schema: { body: StatusBody, querystring: StatusQuery } }, async (request, reply) => {
    const { MessageSid, MessageStatus, ErrorCode } = request.body;
    const changed = await applyMessageStatus(fastify.db, {
      messageId: request.query.m,
      providerMessageId: MessageSid,
      status: MessageStatus,
      errorCode: ErrorCode || undefined,
      errorKind: twilioFailureKind(ErrorCode || undefined),
      at: new Date(),
    });
    request.log.info({ messageId: request.query.m, providerMessageId: MessageSid, status: MessageStatus, changed }, "SMS status");
    // 204 whatever happened: an unknown or stale receipt is not worth Twilio's retries.
    return reply.status(204).send();
  });
};

export default smsStatusRoutes;
