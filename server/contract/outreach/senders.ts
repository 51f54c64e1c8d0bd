// SMS senders (/api/sms-senders): a brandname, the vendor that carries it, its price and rate.
import Type from "typebox";
import { DateTime, type WireOf } from "../schema.js";

/** The vendor's own settings (see server/outreach/senders/routes.ts for what they may not hold). */
export const SenderSettings = Type.Record(Type.String(), Type.Unknown());

export const SmsSender = Type.Object({
  id: Type.Integer(),
  brandname: Type.String(),
  /** One of SMS_PROVIDER_NAMES (server/contract/sms-providers.ts). */
  provider: Type.String(),
  settings: SenderSettings,
  pricePerSegment: Type.Integer(),
  messagesPerSecond: Type.Integer(),
  active: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type SmsSender = WireOf<typeof SmsSender>;
