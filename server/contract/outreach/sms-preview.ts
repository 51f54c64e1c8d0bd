// POST /api/sms/preview: what a body costs as typed and as a citizen would receive it.
import Type from "typebox";
import { MAX_BODY_CHARS } from "../limits.js";
import type { WireOf } from "../schema.js";

export const SmsEncoding = Type.Union([Type.Literal("GSM-7"), Type.Literal("UCS-2")]);
export type SmsEncoding = WireOf<typeof SmsEncoding>;

export const SmsPreviewRequest = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: MAX_BODY_CHARS }),
    unaccented: Type.Optional(Type.Boolean()),
    senderId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    sample: Type.Optional(Type.Record(Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }), Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type SmsPreviewRequest = WireOf<typeof SmsPreviewRequest>;

export const SmsPreview = Type.Object({
  encoding: SmsEncoding,
  characters: Type.Integer(),
  segments: Type.Integer(),
  perSegment: Type.Integer(),
  /** The body without diacritics. */
  unaccented: Type.String(),
  /** Characters that force UCS-2 in the counted text. */
  nonGsmCharacters: Type.Array(Type.String()),
  composed: Type.Object({
    text: Type.String(),
    encoding: SmsEncoding,
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
export type SmsPreview = WireOf<typeof SmsPreview>;
