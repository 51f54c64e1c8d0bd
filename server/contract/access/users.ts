// Console users (/api/users), as administrators manage them.
import Type from "typebox";
import { ANSWER_ON, PRESENCE_STATES, ROLES } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Nullable(Type.String()),
  name: Type.String(),
  roles: Type.Array(StringEnum(ROLES)),
  agencyId: Type.Integer(),
  active: Type.Boolean(),
  /** The desk or mobile number the hotline rings, in E.164. */
  phone: Nullable(Type.String()),
  /** Where calls ring: the phone (with the whisper) or the console's softphone (Client identity staff-<id>). */
  answerOn: StringEnum(ANSWER_ON),
  /** Set by the staff member, the calls and supervisors (/api/staff), not by this form. */
  presence: StringEnum(PRESENCE_STATES),
  /** Whether a PIN for changing presence by phone is set (never the PIN). */
  hasPresencePin: Type.Boolean(),
  lastLoginAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type User = WireOf<typeof User>;
