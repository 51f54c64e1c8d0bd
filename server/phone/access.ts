// How a person may see phone numbers and how they may search by them: one decision per person and
// resource, so what a list shows and what its filter accepts cannot drift apart. A search that
// matches parts of numbers would unmask a masked one (42 prefix searches recover "+84 91x xxx 666"),
// so only those who see numbers in full may search by part of one.
import { maskPhone } from "./mask.js";
import { normalizeVietnamesePhone } from "./normalize.js";

export type PhoneAccessLevel =
  /** Sees numbers in full and searches by any part of one. */
  | "full"
  /** Sees masked numbers; may look up a complete number (exact match, audited and rate-limited). */
  | "lookup"
  /** Sees masked numbers and may not filter by number at all. */
  | "masked";

export interface PhoneAccess {
  level: PhoneAccessLevel;
  /** The number as this person may see it. */
  show(e164: string): string;
}

const identity = (phone: string) => phone;

export function phoneAccess(level: PhoneAccessLevel): PhoneAccess {
  return { level, show: level === "full" ? identity : maskPhone };
}

export type PhoneSearch =
  /** Not a search by number (a name, say): the caller searches as it would anyway. */
  | { kind: "none" }
  /** Numbers containing these digits (national form, no leading zero). */
  | { kind: "digits"; digits: string }
  /** Exactly this number; `audited` when the person sees numbers masked. */
  | { kind: "exact"; e164: string; audited: boolean }
  /** Refused: the status, the reason key and a message naming the filter. */
  | { kind: "refused"; status: 400 | 403; reason: "phone_filter_forbidden" | "phone_complete_required"; message: string };

/** Digits (3 or more) with the usual separators: a number or part of one. */
function numberLike(text: string): boolean {
  return /^\+?\d{3,}$/.test(text.replace(/[\s.\-()]/g, ""));
}

/**
 * What a search by `text` in filter `field` may match for this person. `alsoText`: the filter also
 * searches text (contacts' q matches names), so a value that is not number-like is no phone search;
 * otherwise every value of the filter is one (the call log's caller).
 */
export function phoneSearch(access: PhoneAccess, field: string, text: string, options: { alsoText: boolean }): PhoneSearch {
  const trimmed = text.trim();
  const phoneLike = numberLike(trimmed) || /^\+?[\d\s.\-()]+$/.test(trimmed);
  if (options.alsoText && !phoneLike) return { kind: "none" };
  if (access.level === "masked") {
    return {
      kind: "refused",
      status: 403,
      reason: "phone_filter_forbidden",
      message: `filter ${field}: your role sees phone numbers masked and may not filter by them`,
    };
  }
  const phone = normalizeVietnamesePhone(trimmed);
  if (phone.ok) return { kind: "exact", e164: phone.e164, audited: access.level === "lookup" };
  if (access.level === "lookup") {
    return {
      kind: "refused",
      status: 400,
      reason: "phone_complete_required",
      message: `filter ${field}: with masked numbers you may search only by a complete phone number`,
    };
  }
  return numberLike(trimmed) ? { kind: "digits", digits: trimmed.replace(/[\s.\-()]/g, "").replace(/^\+?0*/, "") } : { kind: "none" };
}
