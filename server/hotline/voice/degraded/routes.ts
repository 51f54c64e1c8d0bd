// Voice routes that never touch the database: Twilio's Voice Fallback URL, and the action and
// callback URLs of the degraded TwiML. Signature-checked like every /twilio route (the key is held in
// memory, server/platform/twilio/webhooks.ts); what they hear is journaled for the call log.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { CallSid, params, RecordingStatusBody } from "../webhook-bodies.js";
import { type DegradedContext, fallbackAnswer, operatorsDialAnswer, voicemailAnswer, voicemailRecordingAnswer } from "./answers.js";
import type { VoiceJournal } from "./journal.js";
import { answerDegraded } from "./step-budget.js";

export interface DegradedRoutesOptions {
  journal: VoiceJournal;
  context: DegradedContext;
}

const Seconds = Type.Optional(Type.String({ pattern: "^-?[0-9]{1,6}$" }));
type Params = Record<string, string | undefined>;

export const degradedRoutes: FastifyPluginAsyncTypebox<DegradedRoutesOptions> = async (fastify, { journal, context }) => {
  fastify.post(
    "/fallback",
    {
      schema: {
        body: params({
          CallSid,
          ErrorCode: Type.Optional(Type.String({ maxLength: 20 })),
          ErrorUrl: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (request, reply) => {
      request.log.warn({ errorCode: request.body.ErrorCode ?? null }, "Twilio called the voice fallback URL");
      return answerDegraded(request, reply, journal, fallbackAnswer(request.body as Params, {}, context), "fallback");
    },
  );

  fastify.post(
    "/degraded/dial",
    { schema: { body: params({ CallSid, DialCallStatus: Type.String({ maxLength: 20 }), DialCallDuration: Seconds }) } },
    async (request, reply) => answerDegraded(request, reply, journal, operatorsDialAnswer(request.body as Params, {}, context), "outage"),
  );

  fastify.post("/degraded/record", { schema: { body: params({ CallSid, RecordingDuration: Seconds }) } }, async (request, reply) =>
    answerDegraded(request, reply, journal, voicemailAnswer(request.body as Params, {}, context), "outage"),
  );

  fastify.post("/degraded/recording-status", { schema: { body: RecordingStatusBody } }, async (request, reply) =>
    answerDegraded(request, reply, journal, voicemailRecordingAnswer(request.body as Params, {}, context), "outage"),
  );
};
