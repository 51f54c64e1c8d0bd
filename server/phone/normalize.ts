import parsePhoneNumber, { Metadata, validatePhoneNumberLength } from "libphonenumber-js/max";
import { type Carrier, carrierOf } from "./carriers.js";
import { convertLegacyMobile } from "./legacy-prefixes.js";

// One Vietnamese phone number from whatever a person or a spreadsheet wrote, to E.164. Runs over
// million-row imports: the "max" bundle holds its metadata once per process, the regular expressions
// are module constants, and libphonenumber is asked for the length reason only on failures.

export type PhoneType = "mobile" | "landline" | "other";

export type PhoneRejection =
  /** Nothing, or only spaces and punctuation. */
  | "empty"
  /** Letters or symbols other than spaces, dots, dashes, slashes, parentheses and a leading "+". */
  | "invalid_characters"
  /** A valid number of another country. */
  | "not_vietnamese"
  | "too_short"
  | "too_long"
  /** Right length but not a number Vietnam has allocated. */
  | "invalid";

export type NormalizedPhone = { ok: true; e164: string; type: PhoneType; carrier?: Carrier } | { ok: false; reason: PhoneRejection };

const SEPARATORS = /[\s.\-/()\u00a0]/g;
const DIGITS_WITH_OPTIONAL_PLUS = /^\+?\d+$/;

/**
 * The fast path for the common case, a Vietnamese mobile (a million-row import spent 9 s in
 * libphonenumber's parse, isValid and getType). For a 9-digit national number starting with 3, 5, 7, 8
 * or 9, Vietnam's metadata has no pattern but MOBILE that could match (fixed lines have 10 digits and
 * start with 2; toll-free, premium, VoIP and UAN numbers start with 1 or 6 or have 7–8 digits), so
 * libphonenumber answers "valid mobile" exactly when its own MOBILE pattern matches: the pattern is
 * taken from the same metadata, and test/unit/phone/normalize.test.ts compares both paths.
 */
const MOBILE_CANDIDATE = /^[35789]\d{8}$/;
const VIETNAMESE_MOBILE_NSN = (() => {
  const metadata = new Metadata();
  metadata.selectNumberingPlan("VN");
  const plan = metadata as unknown as { type(kind: string): { pattern(): string } | undefined };
  return new RegExp(`^(?:${plan.type("MOBILE")?.pattern() ?? "(?!)"})$`);
})();

export function normalizeVietnamesePhone(input: string): NormalizedPhone {
  const compact = input.replace(SEPARATORS, "");
  if (compact === "") return { ok: false, reason: "empty" };
  if (!DIGITS_WITH_OPTIONAL_PLUS.test(compact)) return { ok: false, reason: "invalid_characters" };

  const national = nationalNumber(compact);
  if (typeof national !== "string") return { ok: false, reason: national.reason };

  const nsn9 = convertLegacyMobile(national);
  if (MOBILE_CANDIDATE.test(nsn9) && VIETNAMESE_MOBILE_NSN.test(nsn9)) return withCarrier(`+84${nsn9}`, nsn9);
  const e164 = `+84${nsn9}`;
  const parsed = parsePhoneNumber(e164);
  if (!parsed?.isValid()) return { ok: false, reason: lengthReason(e164) };

  const nsn = parsed.nationalNumber;
  switch (parsed.getType()) {
    case "MOBILE":
      return withCarrier(parsed.number, nsn);
    case "FIXED_LINE":
      return { ok: true, e164: parsed.number, type: "landline" };
    default:
      // 1800 toll-free, 1900 premium-rate, 0672 VoIP and the like: reachable by voice, not by SMS.
      return { ok: true, e164: parsed.number, type: "other" };
  }
}

/** Only mobiles receive SMS; landlines and service numbers do not. */
export function canReceiveSms(result: NormalizedPhone): boolean {
  return result.ok && result.type === "mobile";
}

/**
 * The national significant number (no trunk 0, no +84) from separator-free input, or why there is none.
 * Forms: "+84…", "0084…", "84…" (11–12 digits), "0…", and "9…" for numbers whose leading 0 a
 * spreadsheet dropped. Vietnamese national numbers are 9–10 digits after the 0, so an 11–12 digit
 * string starting with 84 can only be the international form.
 */
function nationalNumber(compact: string): string | { reason: PhoneRejection } {
  let international: string | undefined;
  if (compact.startsWith("+")) international = compact.slice(1);
  else if (compact.startsWith("00")) international = compact.slice(2);
  else if (compact.startsWith("0")) return compact.slice(1);
  else if (compact.startsWith("84") && compact.length >= 11) international = compact;
  else return compact;

  if (!international.startsWith("84")) {
    // Only a number that is real somewhere else is "not Vietnamese"; "0000000000" is just invalid.
    const foreign = `+${international}`;
    return { reason: parsePhoneNumber(foreign)?.isValid() ? "not_vietnamese" : lengthReason(foreign) };
  }
  // "+84 (0) 912 …" and "+84 0912 …" are common: the trunk 0 does not belong after the country code.
  const rest = international.slice(2);
  return rest.startsWith("0") ? rest.slice(1) : rest;
}

function withCarrier(e164: string, nsn: string): NormalizedPhone {
  const carrier = carrierOf(nsn);
  return carrier === undefined ? { ok: true, e164, type: "mobile" } : { ok: true, e164, type: "mobile", carrier };
}

function lengthReason(e164: string): PhoneRejection {
  switch (validatePhoneNumberLength(e164)) {
    case "TOO_SHORT":
      return "too_short";
    case "TOO_LONG":
      return "too_long";
    default:
      return "invalid";
  }
}
