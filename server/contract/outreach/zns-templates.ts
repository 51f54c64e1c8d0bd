// Zalo ZNS templates (/api/zns-templates): registered with Zalo for an OA, chosen in the campaign wizard.
import Type from "typebox";
import { DateTime, type WireOf } from "../schema.js";

export const ZnsTemplateParam = Type.Object(
  {
    /** The parameter's name in Zalo's template (letters, digits, _). */
    name: Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_]+$" }),
    /** A value for previews. */
    sample: Type.String({ maxLength: 200 }),
    /** A contact variable (ten, name, a custom attribute) or "const:<text>". */
    source: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const ZnsTemplate = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  senderId: Type.Integer(),
  oaId: Type.String(),
  templateId: Type.String(),
  params: Type.Array(ZnsTemplateParam),
  preview: Type.String(),
  /** "1" transaction, "2" customer care, "3" promotion (Zalo's tags). */
  tag: Type.String(),
  active: Type.Boolean(),
  /** The preview filled with each parameter's sample. */
  samplePreview: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type ZnsTemplate = WireOf<typeof ZnsTemplate>;
