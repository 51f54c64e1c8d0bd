// POST /api/sms/preview: what a body costs as typed (encoding, characters, parts, its unaccented
// form) and as a citizen would receive it (rendered for a sample contact, with the policy's label and
// opt-out text), with the price per part of the chosen sender.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { countSegments, nonGsm7Characters } from "../../messaging/segments.js";
import { invalidField } from "../../platform/http/errors.js";
import { unaccentForSms } from "../../text/unaccent.js";
import type { SmsPolicy } from "../compliance/policy.js";
import { loadPolicy } from "../compliance/settings.js";
import { composeMessage, MAX_BODY_CHARS, renderTemplate } from "./template.js";

/** Used when the console sends no sample contact, so placeholders count at a realistic length. */
export const DEFAULT_SAMPLE: Readonly<Record<string, string>> = Object.freeze({ ten: "Nguyễn Văn An", xa: "Phường Quy Nhơn" });

const Encoding = Type.Union([Type.Literal("GSM-7"), Type.Literal("UCS-2")]);

const PreviewInput = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: MAX_BODY_CHARS }),
    unaccented: Type.Optional(Type.Boolean()),
    senderId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    sample: Type.Optional(Type.Record(Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }), Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

const Preview = Type.Object({
  encoding: Encoding,
  characters: Type.Integer(),
  segments: Type.Integer(),
  perSegment: Type.Integer(),
  /** The body without diacritics. */
  unaccented: Type.String(),
  /** Characters that force UCS-2 in the counted text. */
  nonGsmCharacters: Type.Array(Type.String()),
  composed: Type.Object({
    text: Type.String(),
    encoding: Encoding,
    characters: Type.Integer(),
    segments: Type.Integer(),
    perSegment: Type.Integer(),
    /** Variables of the body the sample has no value for (they render empty). */
    missing: Type.Array(Type.String()),
  }),
  cost: Type.Optional(
    Type.Object({
      pricePerSegment: Type.Integer(),
      currency: Type.Literal("VND"),
      perMessage: Type.Integer(),
      per1000: Type.Integer(),
    }),
  ),
});
export type PreviewResult = Type.Static<typeof Preview>;

export interface PreviewRequest {
  body: string;
  unaccented?: boolean;
  sample?: Record<string, string>;
}

/** The preview without I/O: the policy and the sender's price are passed in. */
export function previewMessage(request: PreviewRequest, policy: SmsPolicy, pricePerSegment?: number): PreviewResult {
  const wantsUnaccented = request.unaccented ?? false;
  const plain = unaccentForSms(request.body);
  const counted = wantsUnaccented ? plain : request.body;
  const typed = countSegments(counted);
  const rendered = renderTemplate(request.body, request.sample ?? DEFAULT_SAMPLE);
  const text = composeMessage(rendered.text, policy, { unaccented: wantsUnaccented });
  const composed = countSegments(text);
  return {
    ...typed,
    unaccented: plain,
    nonGsmCharacters: nonGsm7Characters(counted),
    composed: { text, ...composed, missing: rendered.missing },
    ...(pricePerSegment !== undefined && {
      cost: {
        pricePerSegment,
        currency: "VND" as const,
        perMessage: pricePerSegment * composed.segments,
        per1000: pricePerSegment * composed.segments * 1000,
      },
    }),
  };
}

const previewRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;

  fastify.post(
    "/preview",
    { preHandler: fastify.allow("sms-templates:read"), schema: { body: PreviewInput, response: { 200: Preview } } },
    async (request) => {
      const { senderId } = request.body;
      const [policy, sender] = await Promise.all([
        loadPolicy(db),
        senderId === undefined ? null : db.smsSender.findUnique({ where: { id: senderId }, select: { pricePerSegment: true } }),
      ]);
      if (senderId !== undefined && !sender) throw invalidField("senderId", "not_found", "senderId: no such sender");
      return previewMessage(request.body, policy, sender?.pricePerSegment);
    },
  );
};

export default previewRoutes;
