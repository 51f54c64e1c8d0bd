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
  /** Which of the vendor's credentials are stored (sealed); their values are never answered. */
  secretsSet: Type.Array(Type.String()),
  pricePerSegment: Type.Integer(),
  messagesPerSecond: Type.Integer(),
  active: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type SmsSender = WireOf<typeof SmsSender>;

/** The sender's account balance at its vendor, when the vendor tells it (eSMS GetBalance). */
export const SenderBalance = Type.Object({
  supported: Type.Boolean(),
  /** In VND; null when the vendor could not be asked (`error` says why). */
  balance: Type.Union([Type.Number(), Type.Null()]),
  error: Type.Optional(Type.String()),
});
