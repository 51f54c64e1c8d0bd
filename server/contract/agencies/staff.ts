// Staff who take calls (/api/staff): who the hotline rings for each agency and their presence, never
// emails, passwords or PINs.
import Type from "typebox";
import { ANSWER_ON, CHOSEN_PRESENCE_STATES, PRESENCE_STATES, ROLES } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const Staff = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  agencyId: Type.Integer(),
  phone: Nullable(Type.String()),
  /** Where calls ring: the phone (with the whisper) or the console's softphone. */
  answerOn: StringEnum(ANSWER_ON),
  roles: Type.Array(StringEnum(ROLES)),
  presence: StringEnum(PRESENCE_STATES),
  presenceSince: DateTime,
  /** Free text, or MISSED_RINGS_REASON when the hotline set them away. */
  awayReason: Nullable(Type.String()),
  /** When after-call work ends by itself. */
  wrapUpUntil: Nullable(DateTime),
  /** Whether a PIN is set for changing presence by phone (never the PIN). */
  hasPresencePin: Type.Boolean(),
});
export type Staff = WireOf<typeof Staff>;

export const PresenceInput = Type.Object(
  {
    state: StringEnum(CHOSEN_PRESENCE_STATES),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const AnswerOnInput = Type.Object({ answerOn: StringEnum(ANSWER_ON) }, { additionalProperties: false });

/** A PIN of 4 to 8 digits; null removes it. */
export const PresencePinInput = Type.Object({ pin: Nullable(Type.String({ pattern: "^[0-9]{4,8}$" })) }, { additionalProperties: false });
