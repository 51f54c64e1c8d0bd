// A data-subject request's number, in whatever form the citizen or the officer wrote it, to E.164
// with the same normaliser as everywhere else; anything else is a 400 naming `phone`.
import { normalizeVietnamesePhone } from "../phone/normalize.js";
import { invalidField } from "../platform/http/errors.js";

export function requestPhone(input: string): string {
  const result = normalizeVietnamesePhone(input);
  if (!result.ok) throw invalidField("phone", "invalid", `phone is not a Vietnamese phone number (${result.reason})`);
  return result.e164;
}
