// The keyed one-way hash of a number (server/phone/hash.ts) under this process's PRIVACY_HASH_KEY:
// the same key the campaign engine checks erased numbers with (outreach/consent/erased), so what
// privacy writes and what outreach reads always agree.
import { erasedHash } from "../outreach/consent/erased/erased.js";
import { phoneHash, phoneHashToken } from "../phone/hash.js";

export { phoneHash, phoneHashToken };

/** The hash of an E.164 number under the registered PRIVACY_HASH_KEY. */
export function privacyHash(e164: string): string {
  return erasedHash(e164);
}
