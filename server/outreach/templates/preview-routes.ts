// POST /api/sms/preview: what a body costs as typed (encoding, characters, parts, its unaccented
// form) and as a citizen would receive it (rendered for a sample contact, with the policy's label and
// opt-out text), with the price per part of the chosen sender.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type Type from "typebox";
import { SmsPreview, SmsPreviewRequest } from "../../contract/outreach/sms-preview.js";
import { countSegments, nonGsm7Characters } from "../../messaging/segments.js";
import { invalidField } from "../../platform/http/errors.js";
import { unaccentForSms } from "../../text/unaccent.js";
import type { SmsPolicy } from "../compliance/policy.js";
import { loadPolicy } from "../compliance/settings.js";
import { PLACEHOLDER_CODE } from "../links/codes.js";
import { withPlaceholderLinks } from "../links/urls.js";
import { composeMessage, renderTemplate } from "./template.js";

/** Used when the console sends no sample contact, so placeholders count at a realistic length. */
export const DEFAULT_SAMPLE: Readonly<Record<string, string>> = Object.freeze({ ten: "Nguyễn Văn An", xa: "Phường Quy Nhơn" });

export type PreviewResult = Type.Static<typeof SmsPreview>;

export interface PreviewRequest {
  body: string;
  unaccented?: boolean;
  sample?: Record<string, string>;
}

/** Where portal links become short links (TRACKED_LINK_HOSTS on PUBLIC_BASE_URL). */
export interface PreviewLinks {
  hosts: readonly string[];
  publicBaseUrl: string;
}

/**
 * The preview without I/O: the policy and the sender's price are passed in. With `links`, the message
 * as received carries short links of their real length in place of the portal links, as the
 * dispatcher will send it.
 */
export function previewMessage(request: PreviewRequest, policy: SmsPolicy, pricePerSegment?: number, links?: PreviewLinks): PreviewResult {
  const wantsUnaccented = request.unaccented ?? false;
  const plain = unaccentForSms(request.body);
  const counted = wantsUnaccented ? plain : request.body;
  const typed = countSegments(counted);
  const body = links ? withPlaceholderLinks(request.body, links.hosts, links.publicBaseUrl, PLACEHOLDER_CODE) : request.body;
  const rendered = renderTemplate(body, request.sample ?? DEFAULT_SAMPLE);
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
    { preHandler: fastify.allow("sms-templates:read"), schema: { body: SmsPreviewRequest, response: { 200: SmsPreview } } },
    async (request) => {
      const { senderId } = request.body;
      const [policy, sender] = await Promise.all([
        loadPolicy(db),
        senderId === undefined ? null : db.smsSender.findUnique({ where: { id: senderId }, select: { pricePerSegment: true } }),
      ]);
      if (senderId !== undefined && !sender) throw invalidField("senderId", "not_found", "senderId: no such sender");
      return previewMessage(request.body, policy, sender?.pricePerSegment, {
        hosts: fastify.config.TRACKED_LINK_HOSTS,
        publicBaseUrl: fastify.config.PUBLIC_BASE_URL,
      });
    },
  );
};

export default previewRoutes;
