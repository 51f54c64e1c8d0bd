// Values the database cannot take. A NUL character is refused in `text` and in `jsonb` ("unsupported
// Unicode escape sequence"), a lone UTF-16 surrogate has no UTF-8 form, and Infinity (what "1e400"
// becomes once ajv coerces it, slipping past `maximum`) is no column's number: each reaching the
// database is a 500. They are refused at the edge instead, with the field that carried them.
import { invalidField } from "./errors.js";

// Without the `u` flag the pattern sees UTF-16 code units: a high surrogate not followed by a low one,
// or a low one not preceded by a high one. Paired surrogates (emoji) are valid text.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasInvalidText(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

export type InvalidReason = "invalid_characters" | "out_of_range";

export interface InvalidValue {
  /** "steps.0.text"; "" when it is a key of the top level. */
  path: string;
  reason: InvalidReason;
}

function leafReason(value: unknown): InvalidReason | undefined {
  if (typeof value === "string" && hasInvalidText(value)) return "invalid_characters";
  if (typeof value === "number" && !Number.isFinite(value)) return "out_of_range";
  return undefined;
}

/**
 * The first string, object key or number the database cannot take in a parsed request part, or
 * undefined. Walks with an explicit stack: a 1 MB body can nest deeper than the call stack.
 */
export function findInvalidValue(value: unknown, root = ""): InvalidValue | undefined {
  const stack: [unknown, string][] = [[value, root]];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const [item, path] = stack.pop() as [unknown, string];
    const reason = leafReason(item);
    if (reason) return { path, reason };
    if (Array.isArray(item)) {
      item.forEach((child, index) => {
        stack.push([child, join(path, String(index))]);
      });
    } else if (item !== null && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        // A bad key is reported by the path of the object holding it.
        if (hasInvalidText(key)) return { path, reason: "invalid_characters" };
        stack.push([child, join(path, key)]);
      }
    }
  }
  return undefined;
}

const MESSAGES: Record<InvalidReason, string> = {
  invalid_characters: "text contains a NUL character or an unpaired surrogate",
  out_of_range: "number out of range",
};

/** The 400 for an invalid value in `field`, in the console's error shape. */
export function invalidValueError(field: string, reason: InvalidReason) {
  return invalidField(field, reason, `${field}: ${MESSAGES[reason]}`);
}

/** Throws the 400 when `value` (a string, or parsed JSON) holds an invalid value anywhere. */
export function assertValidValue(value: unknown, field: string): void {
  const found = findInvalidValue(value, field);
  if (found) throw invalidValueError(found.path || field, found.reason);
}
