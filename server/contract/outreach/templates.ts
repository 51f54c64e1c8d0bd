// Message templates (/api/sms-templates).
import Type from "typebox";
import { DateTime, type WireOf } from "../schema.js";

export const SmsTemplate = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  body: Type.String(),
  unaccented: Type.Boolean(),
  /** The {{ variables }} the body uses, each once, in order of first use. */
  variables: Type.Array(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type SmsTemplate = WireOf<typeof SmsTemplate>;
