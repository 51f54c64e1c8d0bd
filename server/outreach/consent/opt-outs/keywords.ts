// Opt-out keywords of inbound SMS: TC, TU CHOI / TỪ CHỐI, HUY / HỦY, STOP, in any case, with or
// without diacritics, with extra spaces or trailing punctuation, alone or followed by more words
// ("TC QC"). Erring towards an opt-out is the lawful side: a missed refusal is the costly mistake.
import { withoutDiacritics } from "../../../text/unaccent.js";

const KEYWORDS = new Set(["TC", "TUCHOI", "HUY", "STOP"]);

export function optOutKeyword(body: string): string | undefined {
  const words = withoutDiacritics(body)
    .toUpperCase()
    .replace(/[^A-Z0-9\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const [first, second] = words;
  if (first === undefined) return undefined;
  if (KEYWORDS.has(first)) return first;
  // "TU CHOI" is two words; "TUCHOI" one.
  if (second !== undefined && KEYWORDS.has(first + second)) return first + second;
  return undefined;
}
