// The keyed one-way hash of a phone number: what is kept of a number after it is erased (Law 91/2025,
// docs/privacy-requests.md). Keyed, so a leaked table cannot be reversed by hashing every possible
// Vietnamese number (there are only about 10⁹). A pure function: the key comes from the caller
// (PRIVACY_HASH_KEY), and PostgreSQL computes the same value as
// encode(sha256(convert_to(key || e164, 'UTF8')), 'hex') (server/outreach/consent/erased/).
import { createHash } from "node:crypto";

/** SHA-256 of key ‖ number (UTF-8), in lower-case hex: 64 characters. */
export function phoneHash(key: string, e164: string): string {
  return createHash("sha256").update(`${key}${e164}`, "utf8").digest("hex");
}

/** The short form written into audit entries in place of the number: "hash:" and the first 16 hex digits. */
export function phoneHashToken(hash: string): string {
  return `hash:${hash.slice(0, 16)}`;
}
