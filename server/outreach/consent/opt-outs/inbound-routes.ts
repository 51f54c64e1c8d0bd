// Inbound SMS: POST /twilio/sms/inbound (Twilio's "A message comes in" webhook), signature-checked
// like every /twilio webhook. An opt-out keyword suppresses the sender and, the first time only,
// sends the confirmation; everything else is ignored. The reply is always an empty <Response/>:
// the confirmation goes through sendSms so it has its own record and delivery receipts.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import type { SmsProvider } from "../../../messaging/provider.js";
import { createServiceSmsProvider } from "../../../messaging/registry.js";
import { queuedSinkReceipts } from "../../../messaging/sink-receipts.js";
import { maskPhone } from "../../../phone/mask.js";
import { normalizeVietnamesePhone } from "../../../phone/normalize.js";
import { twilioWebhooks } from "../../../platform/twilio/webhooks.js";
import { optOutConfirmation } from "./confirmation.js";
import { optOutKeyword } from "./keywords.js";
import { suppress } from "./suppress.js";

const InboundBody = Type.Object(
  {
    From: Type.String({ maxLength: 40 }),
    Body: Type.Optional(Type.String({ maxLength: 2000 })),
    MessageSid: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: true },
);

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export interface InboundOptions {
  /** Sends the confirmations; defaults to the configured provider (SMS_PROVIDER). */
  sms?: SmsProvider;
}

const smsInboundRoutes: FastifyPluginAsyncTypebox<InboundOptions> = async (fastify, options) => {
  await twilioWebhooks(fastify);
  const sms =
    options.sms ??
    (await createServiceSmsProvider(
      fastify.config,
      { log: fastify.log, sinkReceipts: queuedSinkReceipts(fastify.queues.sinkReceipts) },
      fastify.db,
    ));
  const confirm = optOutConfirmation({ db: fastify.db, sms, publicBaseUrl: fastify.config.PUBLIC_BASE_URL, log: fastify.log });

  fastify.post("/inbound", { schema: { body: InboundBody } }, async (request, reply) => {
    const { From, Body = "", MessageSid } = request.body;
    const keyword = optOutKeyword(Body);
    const phone = normalizeVietnamesePhone(From);
    if (keyword && phone.ok) {
      const { created } = await suppress(fastify.db, phone.e164, "keyword", keyword, new Date(), { confirm });
      request.log.info({ from: maskPhone(phone.e164), keyword, created, messageSid: MessageSid }, "SMS opt-out");
    } else {
      // The text may be personal: log only that something came in.
      request.log.info({ messageSid: MessageSid, optOut: Boolean(keyword), validFrom: phone.ok }, "inbound SMS ignored");
    }
    return reply.type("text/xml").send(EMPTY_TWIML);
  });
};

export default smsInboundRoutes;
