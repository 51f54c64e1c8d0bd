// Staff phones are rung by the hotline, so they must be real Vietnamese numbers: mobiles, or
// landlines for desk phones. Stored in E.164 whatever form was typed.

import { normalizeVietnamesePhone } from "../../phone/normalize.js";
import { invalidField } from "../../platform/http/errors.js";

export function staffPhone(input: string | null): string | null {
  if (input === null || input.trim() === "") return null;
  const result = normalizeVietnamesePhone(input);
  if (!result.ok) throw invalidField("phone", "phone", `phone: not a valid Vietnamese phone number (${result.reason})`);
  return result.e164;
}
