// Callback requests (/api/callback-requests): left by callers through the IVR voicemail, worked by
// the agency's staff, each attempt recorded.
import Type from "typebox";
import { CALLBACK_STATUSES } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const CallbackAttempt = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  userName: Type.String(),
  /** One of CALLBACK_OUTCOMES; stored as text. */
  outcome: Type.String(),
  note: Nullable(Type.String()),
  createdAt: DateTime,
});
export type CallbackAttempt = WireOf<typeof CallbackAttempt>;

export const CallbackRequest = Type.Object({
  id: Type.Integer(),
  callId: Nullable(Type.Integer()),
  agencyId: Type.Integer(),
  phone: Type.String(),
  status: StringEnum(CALLBACK_STATUSES),
  dueAt: DateTime,
  /** The caller's place in line: worked in this order (a callback chosen in a queue keeps the time they joined it). */
  placedAt: DateTime,
  /** The staff member working it (claimed), so two do not call the same citizen. */
  claimedById: Nullable(Type.Integer()),
  claimedByName: Nullable(Type.String()),
  claimedAt: Nullable(DateTime),
  attemptCount: Type.Integer(),
  lastAttemptAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type CallbackRequest = WireOf<typeof CallbackRequest>;

/** GET one, and the answer to an attempt or a status change: with its agency and every attempt. */
export const CallbackRequestDetail = Type.Intersect([
  CallbackRequest,
  Type.Object({
    agency: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
    attempts: Type.Array(CallbackAttempt),
  }),
]);
export type CallbackRequestDetail = WireOf<typeof CallbackRequestDetail>;
