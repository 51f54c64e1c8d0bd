// How many SMS parts a text costs, counted the way carriers bill it (3GPP TS 23.038 / 23.040):
// - GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table; extension
//   characters (^ { } \ [ ~ ] | € and form feed) are sent as ESC + char and cost two septets.
// - Anything else switches the whole message to UCS-2, where every UTF-16 code unit costs 16 bits.
// - One part holds 140 octets: 160 septets or 70 UCS-2 units. A concatenated message spends 6 octets
//   of each part on the User Data Header, leaving 153 septets or 67 units per part.
// - A character is never split across two parts: not an ESC pair, not a surrogate pair, and (like
//   Twilio, whose calculator is our oracle) not a grapheme cluster such as 👍🏽 or an NFD letter.

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SegmentCount {
  encoding: SmsEncoding;
  /** GSM-7: septets (extension characters count 2). UCS-2: UTF-16 code units. */
  characters: number;
  segments: number;
  /** Capacity of each part in `characters`: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
}

/** The GSM 03.38 default alphabet (basic table), as Unicode. */
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** The extension table: each is sent as ESC followed by a second septet. */
const GSM_EXTENSION = new Set("\f^{}\\[~]|€");

const LIMITS = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
} as const;

export function isGsm7Char(char: string): boolean {
  return GSM_BASIC.has(char) || GSM_EXTENSION.has(char);
}

/** Whether the whole text can go as GSM-7. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!isGsm7Char(char)) return false;
  return true;
}

/** The characters that force UCS-2, each once, in order of appearance. */
export function nonGsm7Characters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) if (!isGsm7Char(char)) found.add(char);
  return [...found];
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The units that must stay in one part, each with its cost in septets (GSM-7) or UTF-16 units (UCS-2). */
function unitCosts(text: string, encoding: SmsEncoding): number[] {
  if (encoding === "GSM-7") return Array.from(text, (char) => (GSM_EXTENSION.has(char) ? 2 : 1));
  const costs: number[] = [];
  for (const { segment } of graphemes.segment(text)) {
    // CR LF is one grapheme but two plain characters; a pathological cluster longer than a part is
    // split by code point, as a carrier would have to.
    if (segment === "\r\n") costs.push(1, 1);
    else if (segment.length > LIMITS["UCS-2"].multi) for (const char of segment) costs.push(char.length);
    else costs.push(segment.length);
  }
  return costs;
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? "GSM-7" : "UCS-2";
  const limits = LIMITS[encoding];
  const costs = unitCosts(text, encoding);
  const characters = costs.reduce((sum, cost) => sum + cost, 0);
  // An empty message is still one (empty) part.
  if (characters <= limits.single) return { encoding, characters, segments: 1, perSegment: limits.single };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters, segments, perSegment: limits.multi };
}
