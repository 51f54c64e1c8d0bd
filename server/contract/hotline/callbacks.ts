// Callback requests (/api/callback-requests): left by callers through the IVR voicemail, worked by
// the agency's staff, each attempt recorded.
import Type from "typebox";
import { CALLBACK_STATUSES } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const CallbackAttempt = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  userName: Type.String(),
  /** One of PLACED_CALLBACK_OUTCOMES; null while a call placed through the hotline goes on. */
  outcome: Nullable(Type.String()),
  note: Nullable(Type.String()),
  /** Placed through the hotline ("Gọi lại"), not only recorded by hand. */
  placed: Type.Boolean(),
  /** One of PLACED_CALLBACK_STATES for placed attempts. */
  state: Nullable(Type.String()),
  /** The citizen's leg in the call log (its recording and survey answers), once they answered. */
  callId: Nullable(Type.Integer()),
  durationSeconds: Nullable(Type.Integer()),
  endedAt: Nullable(DateTime),
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
