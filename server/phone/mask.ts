// Phone numbers are personal data (Decree 356/2025): logs and lists show a masked form that is
// still useful for support ("a VinaPhone number ending in 678") without identifying the person.

import { WITHHELD_CALLER } from "./caller-id.js";

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * "+84912345678" → "+84 91x xxx 678"; "+842563822478" → "+84 25x xxxx 478". Keeps the network or area
 * prefix and the last three digits. Anything that is not E.164 is masked completely: logging a
 * malformed value could leak whatever it contains.
 */
export function maskPhone(e164: string): string {
  // The withheld marker reveals nothing and tells the reader more than a mask would.
  if (e164 === WITHHELD_CALLER) return e164;
  if (!E164.test(e164)) return "[invalid phone]";
  if (!e164.startsWith("+84")) return `+${"x".repeat(e164.length - 4)}${e164.slice(-3)}`;
  const nsn = e164.slice(3);
  // Short service numbers have too few digits to reveal a prefix as well.
  if (nsn.length < 8) return `+84 ${"x".repeat(nsn.length - 3)} ${nsn.slice(-3)}`;
  const middle = "x".repeat(nsn.length - 6);
  return `+84 ${nsn.slice(0, 2)}x ${middle} ${nsn.slice(-3)}`;
}
