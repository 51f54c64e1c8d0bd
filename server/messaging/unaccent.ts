// Vietnamese without diacritics ("khong dau"): what many carrier brandname gateways require, and
// what keeps a message in GSM-7 (160 characters a part instead of 70).

/** Letters that carry no combining mark in Unicode, so NFD leaves them whole. */
const LETTERS: Record<string, string> = { đ: "d", Đ: "D", ø: "o", Ø: "O", ł: "l", Ł: "L", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ß: "ss" };

/** Typographic punctuation that word processors and phones insert, mapped to ASCII. */
const PUNCTUATION: Record<string, string> = {
  "\u2018": "'", // ‘
  "\u2019": "'", // ’
  "\u201A": "'", // ‚
  "\u201B": "'", // ‛
  "\u2032": "'", // ′
  "\u201C": '"', // “
  "\u201D": '"', // ”
  "\u201E": '"', // „
  "\u201F": '"', // ‟
  "\u2033": '"', // ″
  "\u00AB": '"', // «
  "\u00BB": '"', // »
  "\u2010": "-", // ‐
  "\u2011": "-", // non-breaking hyphen
  "\u2012": "-", // ‒
  "\u2013": "-", // –
  "\u2014": "-", // —
  "\u2015": "-", // ―
  "\u2212": "-", // minus sign
  "\u2026": "...", // …
  "\u00A0": " ", // no-break space
  "\u202F": " ", // narrow no-break space
  "\u2007": " ", // figure space
  "\u2009": " ", // thin space
  "\u200B": "", // zero-width space
  "\uFEFF": "", // byte-order mark
  "\u2022": "-", // •
};

const SPECIALS = new RegExp(`[${Object.keys({ ...LETTERS, ...PUNCTUATION }).join("")}]`, "gu");
const MARKS = /\p{M}/gu;

/** NFD, strip combining marks, đ→d and Đ→D, typographic quotes and dashes → ASCII; other text unchanged. */
export function unaccent(text: string): string {
  return text
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(SPECIALS, (char) => LETTERS[char] ?? PUNCTUATION[char] ?? char)
    .normalize("NFC");
}
