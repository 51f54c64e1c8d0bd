// Contacts (/api/contacts): the citizens a campaign can reach, with their consent and its evidence.
import Type from "typebox";
import { CONSENT_STATUSES } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const Contact = Type.Object({
  id: Type.Integer(),
  /** E.164. */
  phone: Type.String(),
  name: Nullable(Type.String()),
  agencyId: Nullable(Type.Integer()),
  ageGroup: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  attributes: Type.Unknown(),
  carrier: Nullable(Type.String()),
  consentStatus: StringEnum(CONSENT_STATUSES),
  consentSource: Nullable(Type.String()),
  consentAt: Nullable(DateTime),
  consentMethod: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Contact = WireOf<typeof Contact>;

/** GET one: with its lists, and whether it opted out or is on the national DNC list. */
export const ContactDetail = Type.Intersect([
  Contact,
  Type.Object({ listIds: Type.Array(Type.Integer()), suppressed: Type.Boolean(), onDnc: Type.Boolean() }),
]);
export type ContactDetail = WireOf<typeof ContactDetail>;
