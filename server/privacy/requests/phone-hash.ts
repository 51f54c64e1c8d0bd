// The keyed hash that stands for a number once it must not be kept in clear: on the request itself
// (proof it was handled after the number is cleared) and in audit entries ("hash:<first 16 hex>").
// Keyed with PRIVACY_HASH_KEY so a leaked table cannot be reversed by hashing every mobile number.
// The core's server/privacy/hash.ts computes the same value (SHA-256 of key ‖ E.164); at merge one
// of the two stays.
import { createHash } from "node:crypto";

export function phoneHash(key: string, e164: string): string {
  return createHash("sha256")
    .update(key + e164, "utf8")
    .digest("hex");
}

/** How an audit entry names the number: never in clear. */
export function auditPhone(hash: string): string {
  return `hash:${hash.slice(0, 16)}`;
}
