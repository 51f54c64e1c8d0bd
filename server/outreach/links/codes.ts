// Short-link codes: 10 characters of base64url from a CSPRNG, 60 bits. A scanner trying a million
// codes an hour finds one of a province's few thousand links once in tens of thousands of years, and
// 10 characters keep the SMS within its segment budget ("https://1022.gialai.gov.vn/l/" + 10).
import { randomBytes } from "node:crypto";

export const CODE_LENGTH = 10;
/** What a code looks like: anything else is refused before the database is asked. */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{10}$/;

export function newLinkCode(): string {
  // 8 bytes → 11 base64url characters; the first 10 carry 60 random bits.
  return randomBytes(8).toString("base64url").slice(0, CODE_LENGTH);
}

/** A code-length stand-in, so a preview counts the short link's characters before the link exists. */
export const PLACEHOLDER_CODE = "x".repeat(CODE_LENGTH);
