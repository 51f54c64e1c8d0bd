// How calls reach an agency: the digits a caller dials in the IVR, how its staff are rung, where calls
// go when nobody answers, how callers wait in its queue, and its opening hours (the shapes it returns are in server/contract/agencies/tree.ts).
import Type from "typebox";
import { WeeklyHours } from "../../contract/agencies/hours.js";
import { QUEUE_LIMITS } from "../../contract/agencies/routing-fields.js";
import { RING_STRATEGIES } from "../../contract/enums.js";
import { Nullable } from "../../platform/http/schemas.js";

export const routingInput = {
  dialCode: Type.Optional(Nullable(Type.String({ pattern: "^([0-9]{2,6})?$" }))),
  ringStrategy: Type.Optional(Type.Enum(RING_STRATEGIES)),
  ringTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 120 })),
  fallbackId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
  weeklyHours: Type.Optional(Nullable(WeeklyHours)),
  observeHolidays: Type.Optional(Type.Boolean()),
  wrapUpSeconds: Type.Optional(Type.Integer(QUEUE_LIMITS.wrapUpSeconds)),
  queueMaxWaitSeconds: Type.Optional(Type.Integer(QUEUE_LIMITS.queueMaxWaitSeconds)),
  queueMaxLength: Type.Optional(Type.Integer(QUEUE_LIMITS.queueMaxLength)),
  queueWhenNoneAvailable: Type.Optional(Type.Boolean()),
  // Twilio fetches it: a public https address of an audio file (MP3 or WAV).
  holdMusicUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: "^(https://[^\\s]+)?$" }))),
};
