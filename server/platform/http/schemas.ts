import Type from "typebox";
import { CANONICAL_ID_PATTERN, ID_KEYWORD } from "./canonical-id.js";

// Defined with the contract shared with the console; here too, so a route finds every schema helper
// in one place.
export { DateTime, Nullable } from "../../contract/schema.js";

/** A record id in a path: canonical digits on the wire, a number in the handler (see canonical-id.ts). */
export const CanonicalId = Type.Unsafe<number>({ type: "string", pattern: CANONICAL_ID_PATTERN, [ID_KEYWORD]: true });

export const IdParams = Type.Object({ id: CanonicalId });

/**
 * A whole number sent as text (Twilio's durations and counts): at most 9 digits, so whatever arrives
 * fits an int4 column; "99999999999" is refused here rather than overflowing in PostgreSQL.
 */
export const IntegerText = Type.String({ pattern: "^-?[0-9]{1,9}$" });

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Record(Type.String(), Type.String())),
});

/** Phone numbers of agencies and staff as people type them; normalisation comes with the call path. */
export const PhoneText = Type.String({ pattern: "^\\+?[0-9][0-9 .()-]{2,19}$" });
