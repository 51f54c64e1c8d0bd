// GET/PUT /api/settings/sms-policy: the sending window, daily cap, consent rule, label and opt-out text.
import Type from "typebox";
import type { WireOf } from "../schema.js";

const Hhmm = Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" });
/** The end of the window may be midnight, "24:00": sending round the clock (00:00–24:00). */
const HhmmOrMidnight = Type.String({ pattern: "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$" });
/** Not empty once trimmed. */
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: "\\S" });

export const SmsPolicy = Type.Object(
  {
    /** Vietnam time, "HH:MM"; sending is allowed from windowStart (inclusive) to windowEnd (exclusive). */
    windowStart: Hhmm,
    windowEnd: HhmmOrMidnight,
    /** Advertising messages per recipient in any 24 hours, across all campaigns. */
    maxPerDay: Type.Integer({ minimum: 1, maximum: 10 }),
    /** Only numbers with recorded consent receive messages (silence is not consent). */
    requireConsent: Type.Boolean(),
    /** Put before every message, e.g. "[QC]". */
    label: Text(20),
    /** Put after every message: how to stop receiving them. */
    optOutText: Text(100),
  },
  { additionalProperties: false },
);
export type SmsPolicy = WireOf<typeof SmsPolicy>;
